// What the issue routes accept: the list's filters, a person's action, a comment.
import { z } from 'zod'
import { ISSUE_KINDS } from '../alerts/issue-kinds'
import { ISSUE_FILTER_STATES } from '../db/issues'

const KINDS = ISSUE_KINDS.map((k) => k.kind) as [string, ...string[]]

export const listIssuesQuery = z.object({
  kind: z.enum(KINDS).optional(),
  state: z.enum(ISSUE_FILTER_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})

export const issueActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge') }),
  z.object({ action: z.literal('ignore') }),
  z.object({ action: z.literal('resolve') }),
  z.object({ action: z.literal('reopen') }),
  z.object({ action: z.literal('snooze'), until: z.iso.datetime({ offset: true }).transform((s) => new Date(s)) }),
])

export const issueCommentInput = z.object({ text: z.string().trim().min(1, 'a comment needs some text').max(4000) })
