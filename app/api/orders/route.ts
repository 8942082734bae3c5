// GET /api/orders — orders by last activity: filters type, status (+ ever), q (order id / customer order id / number), from, to, stuck, attention, foc=due; keyset cursor.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getAppSettings } from '@/lib/db/settings'
import { listOrders, listOrdersQuery } from '@/lib/db/list-orders'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type OrdersResponse = Awaited<ReturnType<typeof listOrders>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  const { stuckThresholdsHours } = await getAppSettings(db())
  return Response.json(await listOrders(db(), parseSearchParams(request, listOrdersQuery), stuckThresholdsHours))
})
