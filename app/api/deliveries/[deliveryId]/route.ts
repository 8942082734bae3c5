// GET /api/deliveries/{deliveryId} — one delivery with its selected headers and its whole raw body.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getDelivery } from '@/lib/db/list-deliveries'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type DeliveryResponse = Awaited<ReturnType<typeof getDelivery>>

export const GET = withErrors(async (request, { params }: { params: Promise<{ deliveryId: string }> }) => {
  await requireUser(request, 'data:read')
  const { deliveryId } = await params
  return Response.json(await getDelivery(db(), deliveryId))
})
