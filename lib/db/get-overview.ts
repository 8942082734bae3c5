import { ATTENTION_STATUSES } from '../orders/order-lifecycles'
import type { Connections } from './client'
import { iso } from './cursor'
import { stuckWhere, toOrderDto } from './list-orders'
import { toNotificationDto } from './notification-dto'
import type { AppSettings } from './settings'

const LIST = 20
const DAYS = 14
const DAY_MS = 86_400_000

/** What the team looks at first: counts, what needs attention, what is stuck, the latest activity, traffic per day. */
export async function getOverview(c: Connections, settings: AppSettings, now = new Date()) {
  const thresholds = settings.stuckThresholdsHours
  const stuck = stuckWhere(now, thresholds)
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const days = Array.from({ length: DAYS }, (_, i) => new Date(today - (DAYS - 1 - i) * DAY_MS))
  const [groups, attention, stuckOrders, stuckCount, latest, perDay] = await Promise.all([
    c.prisma.order.groupBy({ by: ['orderTypeKey', 'status'], _count: { _all: true } }),
    c.prisma.order.findMany({
      where: { status: { in: [...ATTENTION_STATUSES] } },
      orderBy: [{ lastSeenAt: 'desc' }, { orderId: 'desc' }],
      take: LIST,
    }),
    c.prisma.order.findMany({ where: stuck, orderBy: [{ lastSeenAt: 'asc' }, { orderId: 'asc' }], take: LIST }),
    c.prisma.order.count({ where: stuck }),
    c.prisma.notification.findMany({ orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: 10 }),
    Promise.all(days.map((d) => c.prisma.notification.count({ where: { receivedAt: { gte: d, lt: new Date(d.getTime() + DAY_MS) } } }))),
  ])
  const lastNotificationAt = latest[0]?.receivedAt ?? null
  const quietForMs = lastNotificationAt ? now.getTime() - lastNotificationAt.getTime() : null
  return {
    generatedAt: now.toISOString(),
    ordersByTypeAndStatus: groups
      .map((g) => ({ orderTypeKey: g.orderTypeKey, status: g.status, count: g._count._all }))
      .sort((a, b) => a.orderTypeKey.localeCompare(b.orderTypeKey) || b.count - a.count),
    attention: attention.map((o) => toOrderDto(o, thresholds, now)),
    stuck: { count: stuckCount, orders: stuckOrders.map((o) => toOrderDto(o, thresholds, now)) },
    latest: latest.map(toNotificationDto),
    perDay: days.map((d, i) => ({ day: d.toISOString().slice(0, 10), count: perDay[i] })),
    lastNotificationAt: iso(lastNotificationAt),
    quiet: {
      alertAfterMinutes: settings.quietAlertMinutes,
      isQuiet: quietForMs === null || quietForMs > settings.quietAlertMinutes * 60_000,
    },
  }
}
