// GET /api/issues/summary — how many issues need a person, per kind: the header's count and the overview (viewer).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { countActiveIssues } from '@/lib/db/issues'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type IssuesSummaryResponse = Awaited<ReturnType<typeof countActiveIssues>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'issues:read')
  return Response.json(await countActiveIssues(db()))
})
