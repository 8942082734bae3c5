import { buildOrderTimeline } from '../orders/build-order-timeline'
import type { StuckThresholds } from '../orders/detect-stuck'
import { getLifecycle } from '../orders/order-lifecycles'
import { AppError } from '../app-error'
import type { Connections } from './client'
import { toOrderDto } from './list-orders'
import { toNotificationDto } from './notification-dto'

/** One order with its whole timeline, each step with the raw XML that carried it. */
export async function getOrderWithTimeline(c: Connections, orderId: string, thresholds: StuckThresholds = {}) {
  const order = await c.prisma.order.findUnique({
    where: { orderId },
    include: { notifications: { include: { delivery: { select: { body: true, bodyEncoding: true } } } } },
  })
  if (!order) throw new AppError('not_found', `order ${orderId} is not known`)
  const steps = order.notifications.map((n) => ({
    ...toNotificationDto(n),
    rawXml: n.delivery.bodyEncoding === 'utf8' ? n.delivery.body : null,
  }))
  const { path, branches, terminal, known } = getLifecycle(order.orderTypeKey)
  return { order: toOrderDto(order, thresholds), lifecycle: { path, branches, terminal, known }, timeline: buildOrderTimeline(steps) }
}
