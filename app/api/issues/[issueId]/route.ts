// GET /api/issues/{id} — one issue with its history and comments (viewer).
// POST /api/issues/{id} {action: acknowledge|snooze (until)|ignore|resolve|reopen} — a person's action (operator).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { actOnIssue, getIssue } from '@/lib/db/issues'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { issueActionInput } from '@/lib/server/issue-queries'
import { signalJobsEnqueued } from '@/lib/jobs/job-signal'

export const dynamic = 'force-dynamic'
export type IssueResponse = Awaited<ReturnType<typeof getIssue>>

type Params = { params: Promise<{ issueId: string }> }

export const GET = withErrors(async (request, { params }: Params) => {
  await requireUser(request, 'issues:read')
  return Response.json(await getIssue(db(), (await params).issueId))
})

export const POST = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'issues:act')
  const { issueId } = await params
  const result = await actOnIssue(db(), me, issueId, await parseJsonBody(request, issueActionInput))
  // A resolve wrote its alert job (PagerDuty resolves the incident).
  signalJobsEnqueued()
  return Response.json(result)
})
