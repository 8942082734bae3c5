// GET /api/deliveries — the raw log of authenticated webhook requests: accepted, duplicate or rejected (with the reason), each with what it carried; q = delivery id, body SHA-256, OrderId or number.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { listDeliveries, listDeliveriesQuery } from '@/lib/db/list-deliveries'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type DeliveriesResponse = Awaited<ReturnType<typeof listDeliveries>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json(await listDeliveries(db(), parseSearchParams(request, listDeliveriesQuery)))
})
