// GET /api/issues?kind=&state=active|open|acknowledged|snoozed|ignored|resolved — issues, newest activity first (viewer).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { countActiveIssues, listIssues } from '@/lib/db/issues'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { ISSUE_KINDS } from '@/lib/alerts/issue-kinds'
import { listIssuesQuery } from '@/lib/server/issue-queries'

export const dynamic = 'force-dynamic'

export type IssuesResponse = {
  issues: Awaited<ReturnType<typeof listIssues>>
  active: Awaited<ReturnType<typeof countActiveIssues>>
  kinds: { kind: string; label: string; severity: string }[]
}

export const GET = withErrors(async (request) => {
  await requireUser(request, 'issues:read')
  const q = parseSearchParams(request, listIssuesQuery)
  const [issues, active] = await Promise.all([listIssues(db(), q), countActiveIssues(db())])
  const kinds = ISSUE_KINDS.map((k) => ({ kind: k.kind, label: k.label, severity: k.severity }))
  return Response.json({ issues, active, kinds } satisfies IssuesResponse)
})
