// POST /api/forwarding/destinations/{id}/replay {from, to, types?} — send again every event of the range this destination
// wants (same webhook-ids), and those it never had (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { recordAudit } from '@/lib/db/audit'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { replayInput, replayRange } from '@/lib/server/forwarding'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ destinationId: string }> }

export const POST = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'forwarding:manage')
  const { destinationId } = await params
  const range = await parseJsonBody(request, replayInput)
  const result = await replayRange(db(), destinationId, range)
  await recordAudit(db().prisma, { actor: me, action: 'forwarding.replay', target: destinationId, after: { ...range, ...result } })
  return Response.json(result)
})
