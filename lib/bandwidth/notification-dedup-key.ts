import { createHash } from 'node:crypto'
import type { Notification } from './parse-notification'

/**
 * The semantic identity of a notification: two deliveries with the same key are one notification.
 * Bandwidth sends no notification id, so the key is built from what the notification says.
 * SubscriptionId is left out on purpose: one state change reported through a global and a
 * per-order subscription is still one step on the timeline (and one event is one event).
 * Events carry no timestamp at all: the same event for the same numbers is a duplicate only on
 * the same UTC day, so a number lost again next month is a new event.
 */
export function buildNotificationDedupKey(n: Notification, receivedAt: Date): string {
  const parts =
    n.kind === 'order'
      ? [
          'order',
          n.orderTypeKey,
          n.orderId,
          n.status,
          n.message,
          n.note,
          n.customerOrderId,
          iso(n.lastModifiedDate),
          iso(n.actualFocDate),
          [...n.numbers].sort(),
        ]
      : ['event', n.eventType.toUpperCase(), [...n.numbers].sort(), receivedAt.toISOString().slice(0, 10)]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

function iso(d: Date | undefined): string | null {
  return d ? d.toISOString() : null
}
