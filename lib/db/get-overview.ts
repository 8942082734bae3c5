import { ATTENTION_STATUSES } from '../orders/order-lifecycles'
import type { Connections } from './client'
import { iso } from './cursor'
import { toOrderDto } from './list-orders'
import { countStuck, firstOrdersOfPairs, readNotificationDays, readOrderCounts, stuckPairs } from './order-counts'
import { runReadProgram } from './sql'
import { toNotificationDto } from './notification-dto'
import type { AppSettings } from './settings'

const LIST = 20
const ATTENTION = new Set(ATTENTION_STATUSES)
const DAYS = 14
const DAY_MS = 86_400_000

/**
 * What the team looks at first: counts, what needs attention, what is stuck, the latest activity, traffic per day.
 * The counts come from the summaries the ingest keeps in its own transaction (OrderCount, NotificationDay), the
 * stuck ones from one short index range per (type, status) pair, all in one snapshot: no count scans the history.
 */
export async function getOverview(c: Connections, settings: AppSettings, now = new Date()) {
  const thresholds = settings.stuckThresholdsHours
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const days = Array.from({ length: DAYS }, (_, i) => new Date(today - (DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10))
  const [summary, latest] = await Promise.all([
    runReadProgram(c, function* () {
      const counts = yield* readOrderCounts()
      const stuck = stuckPairs(counts, now, thresholds)
      const stuckIds = yield* firstOrdersOfPairs(stuck, LIST, 'asc')
      const stuckCount = yield* countStuck(stuck)
      // The newest orders needing attention: one range per pair in such a state.
      const attention = counts.filter((p) => p.status !== null && ATTENTION.has(p.status))
      const attentionIds = yield* firstOrdersOfPairs(attention, LIST, 'desc')
      const perDay = yield* readNotificationDays(days[0], days[DAYS - 1])
      return { counts, stuckIds, stuckCount, attentionIds, perDay }
    }),
    c.prisma.notification.findMany({ orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: 10 }),
  ])
  const rows = await c.prisma.order.findMany({ where: { orderId: { in: [...summary.stuckIds, ...summary.attentionIds] } } })
  const byId = new Map(rows.map((o) => [o.orderId, o]))
  const inOrder = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? [])
  const lastNotificationAt = latest[0]?.receivedAt ?? null
  const quietForMs = lastNotificationAt ? now.getTime() - lastNotificationAt.getTime() : null
  return {
    generatedAt: now.toISOString(),
    ordersByTypeAndStatus: summary.counts
      .filter((g) => g.count > 0)
      .sort((a, b) => a.orderTypeKey.localeCompare(b.orderTypeKey) || b.count - a.count),
    attention: inOrder(summary.attentionIds).map((o) => toOrderDto(o, thresholds, now)),
    stuck: { count: summary.stuckCount, orders: inOrder(summary.stuckIds).map((o) => toOrderDto(o, thresholds, now)) },
    latest: latest.map(toNotificationDto),
    perDay: days.map((day) => ({ day, count: summary.perDay.get(day) ?? 0 })),
    lastNotificationAt: iso(lastNotificationAt),
    quiet: {
      alertAfterMinutes: settings.quietAlertMinutes,
      isQuiet: quietForMs === null || quietForMs > settings.quietAlertMinutes * 60_000,
    },
  }
}
