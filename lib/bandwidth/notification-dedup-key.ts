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

/**
 * The identity of one order state: (type, order, status, LastModifiedDate), spec notes §3.3. A state the reconciler
 * recovered from Bandwidth's history and the same state arriving by webhook carry different bodies (history's Note is
 * not the webhook's Message, the order GET has no numbers), so the dedup key alone would keep both; this key makes
 * them one entry, in either order. Null for what is no state change: an event, a note, a notification without a status
 * or without its time.
 */
export function buildOrderStateKey(n: Notification): string | null {
  if (n.kind !== 'order' || n.status === undefined || !n.lastModifiedDate || n.note !== undefined) return null
  return createHash('sha256')
    .update(JSON.stringify(['state', n.orderTypeKey, n.orderId, n.status.toUpperCase(), n.lastModifiedDate.toISOString()]))
    .digest('hex')
}
