// PUT /api/alerts/rules/{id} — replace a rule; DELETE — remove it (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { deleteRule, saveRule } from '@/lib/db/alerts'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { ruleInput } from '@/lib/server/alert-channels'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ ruleId: string }> }

export const PUT = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'alerts:manage')
  return Response.json({ rule: await saveRule(db(), me, (await params).ruleId, await parseJsonBody(request, ruleInput)) })
})

export const DELETE = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'alerts:manage')
  await deleteRule(db(), me, (await params).ruleId)
  return new Response(null, { status: 204 })
})
