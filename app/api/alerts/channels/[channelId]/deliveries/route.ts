// GET /api/alerts/channels/{id}/deliveries — the channel's delivery log, newest first, with each answer (admin).
import { requireUser } from '@/lib/auth/session'
import { getChannelRow, listDeliveries } from '@/lib/db/alerts'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type DeliveriesLogResponse = { deliveries: Awaited<ReturnType<typeof listDeliveries>> }

export const GET = withErrors(async (request, { params }: { params: Promise<{ channelId: string }> }) => {
  await requireUser(request, 'alerts:manage')
  const { channelId } = await params
  await getChannelRow(db(), channelId)
  return Response.json({ deliveries: await listDeliveries(db(), channelId, 100) } satisfies DeliveriesLogResponse)
})
