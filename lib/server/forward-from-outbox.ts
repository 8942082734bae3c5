// The outbox entries forwarding listens to, turned into events (lib/forwarding/forward-events.ts): a transition,
// a note, an event notification, a port-out decision. Each reads its record only when a destination could want it.
import type { Connections } from '../db/client'
import { shapeEventReceived, shapeNoteAdded, shapePortoutDecided, shapeStatusChanged } from '../forwarding/forward-events'
import type { NotificationEventPayload, NotificationNotePayload, PortoutDecisionPayload, TransitionPayload } from '../jobs/job-kinds'
import { forwardEvent } from './forwarding'

async function orderFacts(c: Connections, notificationId: string, orderId: string, orderType: string) {
  const n = await c.prisma.notification.findUnique({
    where: { id: notificationId },
    select: { numbers: true, customerOrderId: true, deliveryId: true },
  })
  if (!n) return null
  return { orderId, orderType, customerOrderId: n.customerOrderId, numbers: JSON.parse(n.numbers) as string[], deliveryId: n.deliveryId }
}

export function forwardTransition(c: Connections, t: TransitionPayload): Promise<string> {
  return forwardEvent(c, { type: 'order.status_changed', orderType: t.orderType.toLowerCase(), status: t.to }, async () => {
    const o = await orderFacts(c, t.notificationId, t.orderId, t.orderType)
    return o && shapeStatusChanged(t, o)
  })
}

export function forwardNote(c: Connections, n: NotificationNotePayload): Promise<string> {
  return forwardEvent(c, { type: 'order.note_added', orderType: n.orderType.toLowerCase(), status: n.status }, async () => {
    const o = await orderFacts(c, n.notificationId, n.orderId, n.orderType)
    return o && shapeNoteAdded(n, o)
  })
}

export function forwardNotificationEvent(c: Connections, e: NotificationEventPayload): Promise<string> {
  return forwardEvent(c, { type: 'event.received', orderType: null, status: e.eventType }, async () => {
    const n = await c.prisma.notification.findUnique({ where: { id: e.notificationId }, select: { deliveryId: true } })
    return n && shapeEventReceived(e, n.deliveryId)
  })
}

export function forwardPortoutDecision(c: Connections, d: PortoutDecisionPayload): Promise<string> {
  return forwardEvent(c, { type: 'portout.decided', orderType: null, status: d.portable ? 'portable' : 'denied' }, async () => {
    const r = await c.prisma.portoutRequest.findUnique({
      where: { id: d.requestId },
      select: { pon: true, firstReceivedAt: true, numbers: true, deliveryId: true },
    })
    return (
      r &&
      shapePortoutDecided(d, {
        pon: r.pon,
        at: r.firstReceivedAt.toISOString(),
        numbers: JSON.parse(r.numbers) as string[],
        deliveryId: r.deliveryId,
      })
    )
  })
}
