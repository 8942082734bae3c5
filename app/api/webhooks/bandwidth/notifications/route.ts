// POST /api/webhooks/bandwidth/notifications — Bandwidth order and event notifications (XML).
// Answers exactly 200 only after the delivery and what it says are committed.
import { buildNotificationDedupKey } from '@/lib/bandwidth/notification-dedup-key'
import { parseNotification } from '@/lib/bandwidth/parse-notification'
import { db } from '@/lib/db/client'
import { recordNotificationDelivery } from '@/lib/db/record-delivery'
import { checkWebhookAuth, receiveWebhookBody, rejectDelivery, textResponse } from '@/lib/http/receive-webhook'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
// A commit takes milliseconds; the cap only bounds a stuck database on Vercel (Bandwidth does not retry these).
export const maxDuration = 30

export async function POST(request: Request): Promise<Response> {
  try {
    const auth = await checkWebhookAuth(request, 'notifications')
    if (!auth.ok) return auth.challenge

    const received = await receiveWebhookBody(request, 'notifications')
    if (!received.ok)
      return await rejectDelivery(received.delivery, received.problem.status, received.problem.reason, received.problem.headers)
    const { delivery, xml } = received

    const parsed = parseNotification(xml)
    if (!parsed.ok) return await rejectDelivery(delivery, 400, parsed.error.reason)

    const dedupKey = buildNotificationDedupKey(parsed.value, delivery.receivedAt)
    const recorded = await recordNotificationDelivery(db(), delivery, parsed.value, dedupKey)
    return new Response(null, {
      status: 200,
      headers: {
        'X-Portwatch-Delivery': recorded.deliveryId,
        'X-Portwatch-Outcome': recorded.outcome,
        'X-Portwatch-Notification': recorded.notificationId,
      },
    })
  } catch (error) {
    // Not stored, so not acknowledged: never a 200 for something we do not have.
    console.error('[webhook] notifications: could not store the delivery:', error instanceof Error ? error.message : error)
    return textResponse(503, 'the notification could not be stored; please retry')
  }
}
