// GET /api/forwarding/destinations/{id}/deliveries — its latest deliveries and attempts (status, latency, the response's start).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getDestinationRow, listForwardAttempts, listForwardDeliveries } from '@/lib/db/forwarding'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ destinationId: string }> }

export type ForwardLogResponse = {
  deliveries: Awaited<ReturnType<typeof listForwardDeliveries>>
  attempts: Awaited<ReturnType<typeof listForwardAttempts>>
}

export const GET = withErrors(async (request, { params }: Params) => {
  await requireUser(request, 'forwarding:manage')
  const { destinationId } = await params
  await getDestinationRow(db(), destinationId)
  const [deliveries, attempts] = await Promise.all([
    listForwardDeliveries(db(), destinationId, 100),
    listForwardAttempts(db(), { destinationId, limit: 200 }),
  ])
  return Response.json({ deliveries, attempts } satisfies ForwardLogResponse)
})
