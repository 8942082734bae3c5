// POST /api/forwarding/deliveries/{id}/replay — send one delivery again, with its webhook-id (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { recordAudit } from '@/lib/db/audit'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { replayDelivery } from '@/lib/server/forwarding'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ deliveryId: string }> }

export const POST = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'forwarding:manage')
  const { deliveryId } = await params
  await replayDelivery(db(), deliveryId)
  await recordAudit(db().prisma, { actor: me, action: 'forwarding.replay', target: deliveryId })
  return Response.json({ replayed: 1 })
})
