import { watchedMinutesBetween } from '../alerts/quiet-hours'
import type { Connections } from './client'
import { iso } from './cursor'
import { ATTENTION_STATUSES } from '../orders/order-lifecycles'
import { focAlarmWhere, toOrderDto } from './list-orders'
import { toPortoutRequestDto } from './list-portout-requests'
import { countStuck, firstOrdersOfPairs, readNotificationDays, readOrderCounts, stuckPairs } from './order-counts'
import { runReadProgram } from './sql'
import { toNotificationDto } from './notification-dto'
import type { AppSettings } from './settings'

const LIST = 20
const ATTENTION = new Set(ATTENTION_STATUSES)
const PORTOUT_LIST = 5
const DAYS = 14
const DAY_MS = 86_400_000
/** Port-out answers are counted over this window (and the overview links to the log filtered to it). */
export const PORTOUT_WINDOW_DAYS = 7

/**
 * What the team looks at first: counts, what needs attention (orders and port-outs), what is stuck, FOC dates due
 * or missed, the latest activity, traffic per day. The counts come from the summaries the ingest keeps in its own
 * transaction (OrderCount, NotificationDay), the stuck and attention orders from one short index range per
 * (type, status) pair, all in one snapshot: no count scans the history.
 */
export async function getOverview(c: Connections, settings: AppSettings, now = new Date()) {
  const thresholds = settings.stuckThresholdsHours
  const foc = focAlarmWhere(now)
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const days = Array.from({ length: DAYS }, (_, i) => new Date(today - (DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10))
  const [summary, latest, focOrders, focCount, portouts] = await Promise.all([
    runReadProgram(c, function* () {
      const counts = yield* readOrderCounts()
      const stuck = stuckPairs(counts, now, thresholds)
      const stuckIds = yield* firstOrdersOfPairs(stuck, LIST, 'asc')
      const stuckCount = yield* countStuck(stuck)
      // The newest orders needing attention: one range per pair in such a state; their count is the pairs' sum.
      const attention = counts.filter((p) => p.status !== null && ATTENTION.has(p.status))
      const attentionIds = yield* firstOrdersOfPairs(attention, LIST, 'desc')
      const attentionCount = attention.reduce((n, p) => n + p.count, 0)
      const perDay = yield* readNotificationDays(days[0], days[DAYS - 1])
      return { counts, stuckIds, stuckCount, attentionIds, attentionCount, perDay }
    }),
    c.prisma.notification.findMany({ orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: 10 }),
    c.prisma.order.findMany({ where: foc, orderBy: [{ actualFocDate: 'asc' }, { orderId: 'asc' }], take: LIST }),
    c.prisma.order.count({ where: foc }),
    getPortoutAttention(c, now),
  ])
  const rows = await c.prisma.order.findMany({ where: { orderId: { in: [...summary.stuckIds, ...summary.attentionIds] } } })
  const byId = new Map(rows.map((o) => [o.orderId, o]))
  const inOrder = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? [])
  const attention = inOrder(summary.attentionIds)
  const reasons = await attentionReasons(c, attention)
  const lastNotificationAt = latest[0]?.receivedAt ?? null
  // The same rule as the traffic.quiet issue (scan-issues.ts): only watched hours count.
  const quietMinutes = lastNotificationAt ? watchedMinutesBetween(lastNotificationAt, now, settings.quietHours) : null
  return {
    generatedAt: now.toISOString(),
    ordersByTypeAndStatus: summary.counts
      .filter((g) => g.count > 0)
      .sort((a, b) => a.orderTypeKey.localeCompare(b.orderTypeKey) || b.count - a.count),
    attention: {
      count: summary.attentionCount,
      orders: attention.map((o) => ({ ...toOrderDto(o, thresholds, now), reason: reasons.get(o.orderId) ?? null })),
    },
    foc: { count: focCount, orders: focOrders.map((o) => toOrderDto(o, thresholds, now)) },
    stuck: { count: summary.stuckCount, orders: inOrder(summary.stuckIds).map((o) => toOrderDto(o, thresholds, now)) },
    portouts,
    latest: latest.map(toNotificationDto),
    perDay: days.map((day) => ({ day, count: summary.perDay.get(day) ?? 0 })),
    lastNotificationAt: iso(lastNotificationAt),
    quiet: {
      alertAfterMinutes: settings.quietAlertMinutes,
      isQuiet: quietMinutes === null || quietMinutes > settings.quietAlertMinutes,
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
