import { buildOrderTimeline } from '../orders/build-order-timeline'
import type { StuckThresholds } from '../orders/detect-stuck'
import { getLifecycle } from '../orders/order-lifecycles'
import { AppError } from '../app-error'
import type { Connections } from './client'
import { toOrderDto } from './list-orders'
import { toNotificationDto } from './notification-dto'
import { getRecoveries } from './reconciliation'
import type { NotificationSource } from '../jobs/job-kinds'

/** One order with its whole timeline, each step with the raw XML that carried it. */
export async function getOrderWithTimeline(c: Connections, orderId: string, thresholds: StuckThresholds = {}) {
  const order = await c.prisma.order.findUnique({
    where: { orderId },
    include: { notifications: { include: { delivery: { select: { body: true, bodyEncoding: true, source: true } } } } },
  })
  if (!order) throw new AppError('not_found', `order ${orderId} is not known`)
  // A step the reconciler recovered says so: its source, and which run recovered it when (the "recovered" badge).
  const recoveries = await getRecoveries(
    c,
    order.notifications.filter((n) => n.delivery.source === 'reconciled').map((n) => n.id),
  )
  const steps = order.notifications.map((n) => ({
    ...toNotificationDto(n),
    source: n.delivery.source as NotificationSource,
    recovered: recoveries.get(n.id) ?? null,
    rawXml: n.delivery.bodyEncoding === 'utf8' ? n.delivery.body : null,
  }))
  const { path, branches, terminal, known } = getLifecycle(order.orderTypeKey)
  return { order: toOrderDto(order, thresholds), lifecycle: { path, branches, terminal, known }, timeline: buildOrderTimeline(steps) }
}
