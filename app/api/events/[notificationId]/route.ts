// GET /api/events/{notificationId} — one notification (order step or event); its payload is GET /api/deliveries/{deliveryId}.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getNotification } from '@/lib/db/list-notifications'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type EventResponse = Awaited<ReturnType<typeof getNotification>>

export const GET = withErrors(async (request, { params }: { params: Promise<{ notificationId: string }> }) => {
  await requireUser(request, 'data:read')
  const { notificationId } = await params
  return Response.json(await getNotification(db(), notificationId.slice(0, 100)))
})
