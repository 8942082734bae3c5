import type { Notification } from '../generated/sqlite/client'
import { iso } from './cursor'

/** What the browser receives for one notification (dates as ISO strings). */
export function toNotificationDto(n: Notification) {
  return {
    id: n.id,
    kind: n.kind as 'order' | 'event',
    typeKey: n.typeKey,
    subscriptionId: n.subscriptionId,
    orderId: n.orderId,
    orderType: n.orderType,
    eventType: n.eventType,
    customerOrderId: n.customerOrderId,
    status: n.status,
    message: n.message,
    errorCode: n.errorCode,
    note: n.note,
    numbers: JSON.parse(n.numbers) as string[],
    lastModifiedDate: iso(n.lastModifiedDate),
    actualFocDate: iso(n.actualFocDate),
    receivedAt: iso(n.receivedAt),
    sortAt: iso(n.sortAt),
    deliveryId: n.deliveryId,
  }
}

export type NotificationDto = ReturnType<typeof toNotificationDto>
