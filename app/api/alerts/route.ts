// GET /api/alerts — alert channels (never their secrets), rules, and the issue kinds a rule can route (admin).
import { requireUser } from '@/lib/auth/session'
import { ISSUE_KINDS, SEVERITIES } from '@/lib/alerts/issue-kinds'
import { listRules } from '@/lib/db/alerts'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { listChannels } from '@/lib/server/alert-channels'

export const dynamic = 'force-dynamic'

export type AlertsResponse = {
  channels: Awaited<ReturnType<typeof listChannels>>
  rules: Awaited<ReturnType<typeof listRules>>
  kinds: { kind: string; label: string; severity: string }[]
  severities: readonly string[]
}

export const GET = withErrors(async (request) => {
  await requireUser(request, 'alerts:manage')
  const [channels, rules] = await Promise.all([listChannels(db()), listRules(db())])
  const kinds = ISSUE_KINDS.map((k) => ({ kind: k.kind, label: k.label, severity: k.severity }))
  return Response.json({ channels, rules, kinds, severities: SEVERITIES } satisfies AlertsResponse)
})
