// The overview's summaries (OrderCount, NotificationDay): kept by adjustSummaries in the transaction that changes
// what they count (the ingest, record-delivery.ts; the timeline purge, retention.ts), and read here with orders per
// (type, status) pair, one index range each on Order(orderTypeKey, status, lastSeenAt, orderId). Readers are
// generators for runReadProgram, so a caller reads the summary and the rows it summarises in one snapshot.
import { stuckCutoff, type StuckThresholds } from '../orders/detect-stuck'
import type { Cursor } from './cursor'
import { all, fromSqlDate, run, type SqlParam, type SqlProgram } from './sql'

export type OrderCountRow = { orderTypeKey: string; status: string | null; count: number }

/** Orders per (type, status), summed over the shards; keys that add up to nothing are left out. */
export function* readOrderCounts(): SqlProgram<OrderCountRow[]> {
  const rows = (yield all(
    `SELECT "orderTypeKey", "status", SUM("count") AS "count" FROM "OrderCount" GROUP BY "orderTypeKey", "status" HAVING SUM("count") <> 0`,
    [],
  )) as { orderTypeKey: string; status: string; count: number | string }[]
  return rows.map((r) => ({ orderTypeKey: r.orderTypeKey, status: r.status === '' ? null : r.status, count: Number(r.count) }))
}

/** Notifications per UTC day (YYYY-MM-DD) from `first` to `last`, both included; days without any are absent. */
export function* readNotificationDays(first: string, last: string): SqlProgram<Map<string, number>> {
  const rows = (yield all(
    `SELECT "day", SUM("count") AS "count" FROM "NotificationDay" WHERE "day" >= ? AND "day" <= ? GROUP BY "day" HAVING SUM("count") <> 0`,
    [first, last],
  )) as { day: string; count: number | string }[]
  return new Map(rows.map((r) => [r.day, Number(r.count)]))
}

/** One (type, status) pair of orders, and the range of lastSeenAt wanted from it. */
export type OrderPair = { orderTypeKey: string; status: string | null; before?: Date; from?: Date; to?: Date }
export type StuckPair = OrderCountRow & { before: Date }

/** The pairs whose orders can be stuck (not terminal), each with its type's cutoff: detectStuck's rule per pair. */
export function stuckPairs(counts: OrderCountRow[], now: Date, thresholds: StuckThresholds): StuckPair[] {
  return counts.flatMap((p) => {
    const before = stuckCutoff(p.orderTypeKey, p.status, now, thresholds)
    return before ? [{ ...p, before }] : []
  })
}

type Key = { orderId: string; lastSeenAt: Date }

function pairWhere(p: OrderPair, cursor: Cursor | undefined, direction: 'asc' | 'desc'): { sql: string; params: SqlParam[] } {
  const parts = [`"orderTypeKey" = ?`, p.status === null ? `"status" IS NULL` : `"status" = ?`]
  const params: SqlParam[] = [p.orderTypeKey, ...(p.status === null ? [] : [p.status])]
  for (const [op, at] of [
    ['<', p.before],
    ['>=', p.from],
    ['<=', p.to],
  ] as const) {
    if (!at) continue
    parts.push(`"lastSeenAt" ${op} ?`)
    params.push(at)
  }
  if (cursor) {
    const op = direction === 'desc' ? '<' : '>'
    parts.push(`("lastSeenAt" ${op} ? OR ("lastSeenAt" = ? AND "orderId" ${op} ?))`)
    params.push(cursor.at, cursor.at, cursor.id)
  }
  return { sql: parts.join(' AND '), params }
}

/**
 * The first `limit` orders of several pairs in (lastSeenAt, orderId) order, newest first or oldest first: one
 * short index range per pair (LIMIT each), merged here, instead of one query that sorts every matching row.
 */
export function* firstOrdersOfPairs(pairs: OrderPair[], limit: number, direction: 'asc' | 'desc', cursor?: Cursor): SqlProgram<string[]> {
  const keys: Key[] = []
  const order = direction === 'desc' ? 'DESC' : 'ASC'
  for (const p of pairs) {
    const where = pairWhere(p, cursor, direction)
    const rows = (yield all(
      `SELECT "orderId", "lastSeenAt" FROM "Order" WHERE ${where.sql} ORDER BY "lastSeenAt" ${order}, "orderId" ${order} LIMIT ?`,
      [...where.params, limit],
    )) as { orderId: string; lastSeenAt: unknown }[]
    for (const r of rows) keys.push({ orderId: r.orderId, lastSeenAt: fromSqlDate(r.lastSeenAt) })
  }
  const sign = direction === 'desc' ? -1 : 1
  keys.sort(
    (a, b) => sign * (a.lastSeenAt.getTime() - b.lastSeenAt.getTime() || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0)),
  )
  return keys.slice(0, limit).map((k) => k.orderId)
}

/** How many orders of each pair are stuck: the pair's count less those seen since its cutoff (the recent ones, few). */
export function* countStuck(pairs: StuckPair[]): SqlProgram<number> {
  let stuck = 0
  for (const p of pairs) {
    const where = pairWhere({ orderTypeKey: p.orderTypeKey, status: p.status }, undefined, 'desc')
    const row = (yield all(`SELECT COUNT(*) AS "n" FROM "Order" WHERE ${where.sql} AND "lastSeenAt" >= ?`, [
      ...where.params,
      p.before,
    ])) as {
      n: number | string
    }[]
    stuck += Math.max(0, p.count - Number(row[0].n))
  }
  return stuck
}

export type OrderCountDelta = { orderTypeKey: string; status: string | null; delta: number }

/**
 * Rows per key of OrderCount and NotificationDay: concurrent writers on PostgreSQL pick one at random, so they rarely
 * wait on each other (with 8, the 16 concurrent transactions of the PostgreSQL seed were seen queueing on today's row).
 */
export const SUMMARY_SHARDS = 32

/** The NotificationDay key of a time: its UTC day. */
export const summaryDay = (at: Date): string => at.toISOString().slice(0, 10)

/**
 * Moves the summaries by these deltas: notifications per day (+1 for an ingested one, -n for n purged) and orders per
 * (type, status) (a new order counts under no status; a transition is one less under `from`, one more under `to`; a
 * purged order one less under its status). Deltas are netted per key and written in key order, days before order
 * counts, one statement each, so two transactions never lock these rows crosswise (PostgreSQL would abort one of them
 * as a deadlock).
 */
export function* adjustSummaries(days: Map<string, number>, orderCounts: OrderCountDelta[]): SqlProgram<void> {
  const shard = Math.floor(Math.random() * SUMMARY_SHARDS)
  const dayRows = [...days].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (dayRows.length > 0)
    yield run(
      `INSERT INTO "NotificationDay" ("day", "shard", "count") VALUES ${dayRows.map(() => '(?, ?, ?)').join(', ')} ON CONFLICT ("day", "shard") DO UPDATE SET "count" = "NotificationDay"."count" + excluded."count"`,
      dayRows.flatMap(([day, n]) => [day, shard, n]),
    )
  const net = new Map<string, OrderCountDelta>()
  for (const d of orderCounts) {
    const key = `${d.orderTypeKey}\u0000${d.status ?? ''}`
    const seen = net.get(key)
    if (seen) seen.delta += d.delta
    else net.set(key, { ...d })
  }
  const rows = [...net].filter(([, d]) => d.delta !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  if (rows.length === 0) return
  yield run(
    `INSERT INTO "OrderCount" ("orderTypeKey", "status", "shard", "count") VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}
     ON CONFLICT ("orderTypeKey", "status", "shard") DO UPDATE SET "count" = "OrderCount"."count" + excluded."count"`,
    rows.flatMap(([, d]) => [d.orderTypeKey, d.status ?? '', shard, d.delta]),
  )
}
