// GET /api/orders/{orderId} — one order with its ordered timeline and each step's raw XML.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getAppSettings } from '@/lib/db/settings'
import { getOrderWithTimeline } from '@/lib/db/get-order'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type OrderResponse = Awaited<ReturnType<typeof getOrderWithTimeline>>

export const GET = withErrors(async (request, { params }: { params: Promise<{ orderId: string }> }) => {
  await requireUser(request, 'data:read')
  const { orderId } = await params
  const { stuckThresholdsHours } = await getAppSettings(db())
  return Response.json(await getOrderWithTimeline(db(), orderId, stuckThresholdsHours))
})
