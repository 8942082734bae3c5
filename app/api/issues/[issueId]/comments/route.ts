// POST /api/issues/{id}/comments {text} — add to the issue's comment thread (operator).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { addIssueComment } from '@/lib/db/issues'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { issueCommentInput } from '@/lib/server/issue-queries'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request, { params }: { params: Promise<{ issueId: string }> }) => {
  const me = await requireUser(request, 'issues:act')
  const { issueId } = await params
  const { text } = await parseJsonBody(request, issueCommentInput)
  return Response.json(await addIssueComment(db(), me, issueId, text))
})
