// POST /api/alerts/rules — route issue kinds (with filters, a quiet period, optionally as a daily digest) to channels (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { saveRule } from '@/lib/db/alerts'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { ruleInput } from '@/lib/server/alert-channels'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'alerts:manage')
  return Response.json({ rule: await saveRule(db(), me, null, await parseJsonBody(request, ruleInput)) }, { status: 201 })
})
