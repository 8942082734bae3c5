// GET /api/orders/{orderId}/bandwidth — "Refresh from Bandwidth": the order's current state and history at Bandwidth
// and how they differ from what we received (operator: it calls Bandwidth). `{ comparison?, history, errors, reason? }`.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { refreshFromBandwidth } from '@/lib/server/order-notes'

export const dynamic = 'force-dynamic'
export type OrderRefreshResponse = Awaited<ReturnType<typeof refreshFromBandwidth>>

export const GET = withErrors(async (request, { params }: { params: Promise<{ orderId: string }> }) => {
  await requireUser(request, 'orders:notes')
  return Response.json(await refreshFromBandwidth(db(), (await params).orderId), { headers: { 'Cache-Control': 'no-store' } })
})
