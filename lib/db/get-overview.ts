import type { Connections } from './client'
import { iso } from './cursor'
import { attentionWhere, focAlarmWhere, stuckWhere, toOrderDto } from './list-orders'
import { toPortoutRequestDto } from './list-portout-requests'
import { toNotificationDto } from './notification-dto'
import type { AppSettings } from './settings'

const LIST = 20
const PORTOUT_LIST = 5
const DAYS = 14
const DAY_MS = 86_400_000
/** Port-out answers are counted over this window (and the overview links to the log filtered to it). */
export const PORTOUT_WINDOW_DAYS = 7

/** What the team looks at first: counts, what needs attention (orders and port-outs), what is stuck, the latest activity, traffic per day. */
export async function getOverview(c: Connections, settings: AppSettings, now = new Date()) {
  const thresholds = settings.stuckThresholdsHours
  const stuck = stuckWhere(now, thresholds)
  const foc = focAlarmWhere(now)
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const days = Array.from({ length: DAYS }, (_, i) => new Date(today - (DAYS - 1 - i) * DAY_MS))
  const [groups, attention, attentionCount, focOrders, focCount, stuckOrders, stuckCount, latest, perDay, portouts] = await Promise.all([
    c.prisma.order.groupBy({ by: ['orderTypeKey', 'status'], _count: { _all: true } }),
    c.prisma.order.findMany({ where: attentionWhere(), orderBy: [{ lastSeenAt: 'desc' }, { orderId: 'desc' }], take: LIST }),
    c.prisma.order.count({ where: attentionWhere() }),
    c.prisma.order.findMany({ where: foc, orderBy: [{ actualFocDate: 'asc' }, { orderId: 'asc' }], take: LIST }),
    c.prisma.order.count({ where: foc }),
    c.prisma.order.findMany({ where: stuck, orderBy: [{ lastSeenAt: 'asc' }, { orderId: 'asc' }], take: LIST }),
    c.prisma.order.count({ where: stuck }),
    c.prisma.notification.findMany({ orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: 10 }),
    Promise.all(days.map((d) => c.prisma.notification.count({ where: { receivedAt: { gte: d, lt: new Date(d.getTime() + DAY_MS) } } }))),
    getPortoutAttention(c, now),
  ])
  const reasons = await attentionReasons(c, attention)
  const lastNotificationAt = latest[0]?.receivedAt ?? null
  const quietForMs = lastNotificationAt ? now.getTime() - lastNotificationAt.getTime() : null
  return {
    generatedAt: now.toISOString(),
    ordersByTypeAndStatus: groups
      .map((g) => ({ orderTypeKey: g.orderTypeKey, status: g.status, count: g._count._all }))
      .sort((a, b) => a.orderTypeKey.localeCompare(b.orderTypeKey) || b.count - a.count),
    attention: {
      count: attentionCount,
      orders: attention.map((o) => ({ ...toOrderDto(o, thresholds, now), reason: reasons.get(o.orderId) ?? null })),
    },
    foc: { count: focCount, orders: focOrders.map((o) => toOrderDto(o, thresholds, now)) },
    stuck: { count: stuckCount, orders: stuckOrders.map((o) => toOrderDto(o, thresholds, now)) },
    portouts,
    latest: latest.map(toNotificationDto),
    perDay: days.map((d, i) => ({ day: d.toISOString().slice(0, 10), count: perDay[i] })),
    lastNotificationAt: iso(lastNotificationAt),
    quiet: {
      alertAfterMinutes: settings.quietAlertMinutes,
      isQuiet: quietForMs === null || quietForMs > settings.quietAlertMinutes * 60_000,
    },
  }
}

/**
 * Why each order needs attention: the coded message (e.g. "5005: The telephone number is unavailable") of its
 * newest step in its current status, else of its newest step with a message.
 */
async function attentionReasons(c: Connections, orders: { orderId: string; status: string | null }[]) {
  const reasons = new Map<string, { message: string; errorCode: string | null }>()
  if (orders.length === 0) return reasons
  const steps = await c.prisma.notification.findMany({
    where: { orderId: { in: orders.map((o) => o.orderId) }, message: { not: null } },
    orderBy: [{ sortAt: 'desc' }, { id: 'desc' }],
    select: { orderId: true, status: true, message: true, errorCode: true },
    take: 50 * orders.length,
  })
  for (const o of orders) {
    const mine = steps.filter((s) => s.orderId === o.orderId)
    const step = mine.find((s) => s.status === o.status) ?? mine[0]
    if (step?.message) reasons.set(o.orderId, { message: step.message, errorCode: step.errorCode })
  }
  return reasons
}

/** The port-out side of "what needs me": denied answers and fallback answers of the window, proposals waiting, numbers locked. */
async function getPortoutAttention(c: Connections, now: Date) {
  const since = new Date(now.getTime() - PORTOUT_WINDOW_DAYS * DAY_MS)
  const denied = { portable: false, firstReceivedAt: { gte: since } }
  const fallback = { fallbackReason: { not: null }, firstReceivedAt: { gte: since } }
  const locked = { lockedAt: { not: null }, OR: [{ lockedUntil: null }, { lockedUntil: { gt: now } }] }
  const [deniedRows, deniedCount, fallbackRows, fallbackCount, proposals, proposalCount, locks, lockCount] = await Promise.all([
    c.prisma.portoutRequest.findMany({ where: denied, orderBy: [{ firstReceivedAt: 'desc' }, { id: 'desc' }], take: PORTOUT_LIST }),
    c.prisma.portoutRequest.count({ where: denied }),
    c.prisma.portoutRequest.findMany({ where: fallback, orderBy: [{ firstReceivedAt: 'desc' }, { id: 'desc' }], take: PORTOUT_LIST }),
    c.prisma.portoutRequest.count({ where: fallback }),
    c.prisma.policyProposal.findMany({
      where: { status: 'pending' },
      orderBy: { createdAt: 'asc' },
      take: PORTOUT_LIST,
      select: { id: true, summary: true, proposerEmail: true, createdAt: true },
    }),
    c.prisma.policyProposal.count({ where: { status: 'pending' } }),
    c.prisma.subscriberRecord.findMany({
      where: locked,
      orderBy: [{ lockedAt: 'desc' }, { e164: 'asc' }],
      take: PORTOUT_LIST,
      select: { e164: true, lockedAt: true, lockedUntil: true, lockReason: true },
    }),
    c.prisma.subscriberRecord.count({ where: locked }),
  ])
  const brief = (r: (typeof deniedRows)[number]) => {
    const d = toPortoutRequestDto(r)
    return {
      id: d.id,
      firstReceivedAt: d.firstReceivedAt,
      pon: d.pon,
      numbers: d.numbers,
      errorCodes: d.errorCodes,
      fallbackReason: d.fallbackReason,
    }
  }
  return {
    windowDays: PORTOUT_WINDOW_DAYS,
    since: since.toISOString(),
    denied: { count: deniedCount, requests: deniedRows.map(brief) },
    fallback: { count: fallbackCount, requests: fallbackRows.map(brief) },
    proposals: { count: proposalCount, pending: proposals.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })) },
    locks: {
      count: lockCount,
      numbers: locks.map((l) => ({ e164: l.e164, lockedAt: iso(l.lockedAt), lockedUntil: iso(l.lockedUntil), reason: l.lockReason })),
    },
  }
}
