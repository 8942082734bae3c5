// Writes what the webhook receivers were sent. The ingest is the hot path of the whole service
// (Bandwidth never retries, and a busy account sends bursts), so it is one transaction of
// hand-written SQL on the raw driver instead of Prisma: measured with `npm run bench:ingest`,
// Prisma's query layer cost more than half the throughput. The SQL is portable and tested on both providers;
// on SQLite it runs in the writer thread (sqlite-writer.ts), which took the ingest from ~830 to ~1,070/s.
import { randomUUID } from 'node:crypto'
import type { Notification } from '../bandwidth/parse-notification'
import { reversedDigits, telephoneNumberKey } from '../bandwidth/normalize-telephone-number'
import { notificationEvent, notificationNote, notificationTransition, type NotificationSource } from '../jobs/job-kinds'
import type { Connections } from './client'
import { isForeignKeyViolation } from './is-unique-violation'
import { enqueueJob } from './jobs'
import { adjustSummaries, summaryDay, type OrderCountDelta } from './order-counts'
import { defineSqlProgram, get, perProvider, run, runSqlProgram, type SqlOp, type SqlParam, type SqlProgram } from './sql'

export type ReceivedDelivery = {
  id: string
  /** The kind of thing delivered: a notification (whoever brought it) or a port-out validation request. */
  endpoint: 'notifications' | 'portout-validation'
  /** Who brought it: the HTTP receivers ("webhook"), the reconciler ("reconciled": recovered from Bandwidth's API), the seed, a test. */
  source: NotificationSource
  receivedAt: Date
  contentType: string | null
  /** Selected request headers; never Authorization. */
  headers: Record<string, string>
  bodySha256: string
  bodySize: number
  body: string
  bodyEncoding: 'utf8' | 'base64'
  bodyTruncated: boolean
  /** The username of the webhook pair that authenticated the request (the receivers set it; null or absent otherwise). */
  authUsername?: string | null
}

/** Why a delivery was not stored as what it claims to be: the status to answer with (400, 413, 415) and one line. */
export type DeliveryProblem = { status: number; reason: string; headers?: Record<string, string> }

/** An order's status moved: `from` is null for the order's first status. */
export type Transition = { orderId: string; orderType: string; from: string | null; to: string }

export type RecordedNotification = {
  outcome: 'accepted' | 'duplicate'
  deliveryId: string
  notificationId: string
  /** Only when this notification changed the order's status; never for a duplicate, a note only, or a late, older update. */
  transition: Transition | null
  /** An event notification was stored (and its outbox entry written). */
  event?: boolean
}

const INSERT_DELIVERY = `INSERT INTO "Delivery" ("id", "endpoint", "receivedAt", "outcome", "reason", "httpStatus", "kind", "contentType", "headers", "bodySha256", "bodySize", "body", "bodyEncoding", "bodyTruncated", "notificationId", "source", "authUsername") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** What the receivers decided about a delivery, beside what was received. */
export type DeliveryVerdict = {
  outcome: 'accepted' | 'duplicate' | 'rejected'
  reason: string | null
  httpStatus: number
  kind: string | null
  notificationId: string | null
}

/** The one INSERT of a Delivery row, for every program that stores one (notifications, rejections, port-out requests). */
export function insertDelivery(d: ReceivedDelivery, v: DeliveryVerdict): SqlOp {
  return run(INSERT_DELIVERY, [
    d.id,
    d.endpoint,
    d.receivedAt,
    v.outcome,
    v.reason,
    v.httpStatus,
    v.kind,
    d.contentType,
    JSON.stringify(d.headers),
    d.bodySha256,
    d.bodySize,
    d.body,
    d.bodyEncoding,
    d.bodyTruncated,
    v.notificationId,
    d.source,
    d.authUsername ?? null,
  ])
}

/**
 * Stores an authenticated delivery and what it says, in one transaction; a repeat is kept and marked duplicate.
 * A status transition writes its outbox entry (a notification.transition job) in the same transaction.
 * Call it through lib/server/ingest-notification.ts, the one door for every writer.
 */
export function recordNotificationDelivery(
  c: Connections,
  d: ReceivedDelivery,
  n: Notification,
  dedupKey: string,
  stateKey: string | null = null,
): Promise<RecordedNotification> {
  return runSqlProgram(c, recordNotification, d, n, dedupKey, stateKey).catch((error: unknown) => {
    // On PostgreSQL the timeline purge (retention.ts) can delete a long-quiet order between this program's insert of
    // the order and of its notification; run again, it recreates the order. Nothing acknowledged may be lost.
    if (!isForeignKeyViolation(error)) throw error
    return runSqlProgram(c, recordNotification, d, n, dedupKey, stateKey)
  })
}

const recordNotification = defineSqlProgram(
  'recordNotification',
  function* (d: ReceivedDelivery, n: Notification, dedupKey: string, stateKey: string | null): SqlProgram<RecordedNotification> {
    const notificationId = randomUUID()
    const at = d.receivedAt
    const sortAt = n.kind === 'order' ? (n.lastModifiedDate ?? at) : at
    let orderCreated = false
    if (n.kind === 'order') {
      // Make sure the order row exists (the notification references it); harmless for a duplicate.
      orderCreated =
        ((yield run(
          `INSERT INTO "Order" ("orderId", "orderType", "orderTypeKey", "firstSeenAt", "lastSeenAt", "notificationCount") VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT ("orderId") DO NOTHING`,
          [n.orderId, n.orderType, n.orderTypeKey, at, at],
        )) as number) > 0
    }
    yield insertDelivery(d, { outcome: 'accepted', reason: null, httpStatus: 200, kind: n.kind, notificationId })

    const o = n.kind === 'order' ? n : undefined
    const inserted = (yield run(
      `INSERT INTO "Notification" ("id", "kind", "dedupKey", "typeKey", "subscriptionId", "orderId", "orderType", "eventType", "customerOrderId", "status", "message", "errorCode", "note", "numbers", "lastModifiedDate", "actualFocDate", "receivedAt", "sortAt", "deliveryId", "stateKey")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        notificationId,
        n.kind,
        dedupKey,
        n.kind === 'order' ? n.orderTypeKey : n.eventType.toLowerCase(),
        n.subscriptionId ?? null,
        o?.orderId ?? null,
        o?.orderType ?? null,
        n.kind === 'event' ? n.eventType : null,
        o?.customerOrderId ?? null,
        o?.status ?? null,
        o?.message ?? null,
        o?.errorCode ?? null,
        o?.note ?? null,
        JSON.stringify(n.numbers),
        o?.lastModifiedDate ?? null,
        o?.actualFocDate ?? null,
        at,
        sortAt,
        d.id,
        stateKey,
      ],
    )) as number

    if (inserted === 0) {
      // Someone already stored this notification (maybe a concurrent request that just committed), or this order
      // state: a webhook after the reconciler recovered it, or the reconciler after the webhook (no target on the
      // ON CONFLICT above: either unique key means "already have it", on both providers).
      const existing = (yield get(`SELECT "id" FROM "Notification" WHERE "dedupKey" = ? OR "stateKey" = ?`, [dedupKey, stateKey])) as {
        id: string
      }
      yield run(`UPDATE "Delivery" SET "outcome" = 'duplicate', "notificationId" = ? WHERE "id" = ?`, [existing.id, d.id])
      return { outcome: 'duplicate', deliveryId: d.id, notificationId: existing.id, transition: null }
    }

    yield* insertNumberRefs(n.numbers, notificationId, o?.orderId ?? null, at)
    const moved = o ? yield* updateOrder(o, at, sortAt) : null
    const transition = moved?.transition ?? null
    // The outbox entry: committed with the notification or not at all; what it triggers runs after the 200.
    // A seed writes history, not news: nothing should react to it, so it leaves none.
    if (transition && d.source !== 'seed') {
      yield enqueueJob(notificationTransition, { ...transition, notificationId, at: sortAt.toISOString(), source: d.source })
    }
    // An event (MESSAGING_LOST) is news of its own, rare: its outbox entry opens an issue per number.
    if (n.kind === 'event' && d.source !== 'seed') {
      yield enqueueJob(notificationEvent, {
        notificationId,
        eventType: n.eventType,
        numbers: n.numbers,
        at: sortAt.toISOString(),
        source: d.source,
      })
    }
    // A note (rare): forwarding hands it on as order.note_added.
    if (o?.note && d.source !== 'seed') {
      yield enqueueJob(notificationNote, {
        notificationId,
        orderId: o.orderId,
        orderType: o.orderType,
        note: o.note,
        status: o.status ?? null,
        at: sortAt.toISOString(),
        source: d.source,
      })
    }
    // The overview's summaries, last: on PostgreSQL their rows stay locked until the commit, so take them as late as possible.
    const orderCounts: OrderCountDelta[] = []
    if (orderCreated && o) orderCounts.push({ orderTypeKey: o.orderTypeKey, status: null, delta: 1 })
    if (moved?.transition)
      orderCounts.push(
        { orderTypeKey: moved.orderTypeKey, status: moved.transition.from, delta: -1 },
        { orderTypeKey: moved.orderTypeKey, status: moved.transition.to, delta: 1 },
      )
    yield* adjustSummaries(new Map([[summaryDay(at), 1]]), orderCounts)
    return { outcome: 'accepted', deliveryId: d.id, notificationId, transition, event: n.kind === 'event' }
  },
)

function* insertNumberRefs(numbers: string[], notificationId: string, orderId: string | null, at: Date): SqlProgram<void> {
  const byKey = new Map<string, string>()
  for (const raw of numbers) if (!byKey.has(telephoneNumberKey(raw))) byKey.set(telephoneNumberKey(raw), raw)
  const refs = [...byKey]
  // One statement per chunk, in this same transaction: a statement may bind at most 32,766 parameters
  // on SQLite and 65,535 on PostgreSQL, and a notification can carry 40,000 numbers (5 parameters each).
  for (let start = 0; start < refs.length; start += NUMBER_REFS_PER_STATEMENT) {
    const chunk = refs.slice(start, start + NUMBER_REFS_PER_STATEMENT)
    const params: SqlParam[] = []
    for (const [e164, raw] of chunk) params.push(e164, raw, notificationId, orderId, at, reversedDigits(e164))
    const rows = chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')
    yield run(
      `INSERT INTO "NumberRef" ("e164", "asReceived", "notificationId", "orderId", "receivedAt", "reversedDigits") VALUES ${rows}`,
      params,
    )
  }
}

/** 2,500 parameters per statement: far under both drivers' limits, and the statement is prepared once. */
export const NUMBER_REFS_PER_STATEMENT = 500

const ORDER_SEEN = `"lastSeenAt" = ?, "notificationCount" = "notificationCount" + 1,
       "customerOrderId" = COALESCE(?, "customerOrderId"), "actualFocDate" = COALESCE(?, "actualFocDate"),
       "lastModifiedDate" = CASE WHEN "lastModifiedDate" IS NULL OR "lastModifiedDate" < ? THEN ? ELSE "lastModifiedDate" END`
const NEWER = `("statusAt" IS NULL OR "statusAt" <= ?)`
const STATUS_BEFORE = `SELECT "status", "orderTypeKey", CASE WHEN ${NEWER} THEN 1 ELSE 0 END AS "newer" FROM "Order" WHERE "orderId" = ?`

/**
 * Updates the order (one UPDATE); returns the status transition this notification made, if any, with the order's
 * stored type key (the one its OrderCount row is under).
 */
function* updateOrder(
  o: Extract<Notification, { kind: 'order' }>,
  at: Date,
  sortAt: Date,
): SqlProgram<{ transition: Transition; orderTypeKey: string } | null> {
  const seen = [at, o.customerOrderId ?? null, o.actualFocDate ?? null, o.lastModifiedDate ?? null, o.lastModifiedDate ?? null]
  if (o.status === undefined) {
    yield run(`UPDATE "Order" SET ${ORDER_SEEN} WHERE "orderId" = ?`, [...seen, o.orderId])
    return null
  }
  // The status this notification would replace, and whether it is at least as new as the notification that set it:
  // only such a one may change it (a late, older update joins the timeline but never moves the order backwards).
  // PostgreSQL locks the row until commit, so a concurrent notification for the same order waits, then reads ours
  // (NO KEY UPDATE: the notification's foreign key already holds a KEY SHARE lock, which a plain FOR UPDATE would
  // deadlock with); SQLite runs one writing transaction at a time.
  const params = [sortAt, o.orderId]
  const before = (yield perProvider('get', { sql: STATUS_BEFORE, params }, { sql: `${STATUS_BEFORE} FOR NO KEY UPDATE`, params })) as {
    status: string | null
    orderTypeKey: string
    newer: number
  }
  if (!before.newer) {
    yield run(`UPDATE "Order" SET ${ORDER_SEEN} WHERE "orderId" = ?`, [...seen, o.orderId])
    return null
  }
  // The guard again in SQL, so no reading of ours could ever move an order backwards.
  yield run(
    `UPDATE "Order" SET ${ORDER_SEEN}, "status" = CASE WHEN ${NEWER} THEN ? ELSE "status" END, "statusAt" = CASE WHEN ${NEWER} THEN ? ELSE "statusAt" END WHERE "orderId" = ?`,
    [...seen, sortAt, o.status, sortAt, sortAt, o.orderId],
  )
  if (before.status === o.status) return null
  return {
    transition: { orderId: o.orderId, orderType: o.orderType, from: before.status, to: o.status },
    orderTypeKey: before.orderTypeKey,
  }
}

/** Keeps an authenticated request that was refused, with its reason, so nothing is dropped silently. */
export function recordRejectedDelivery(c: Connections, d: ReceivedDelivery, httpStatus: number, reason: string): Promise<void> {
  return runSqlProgram(c, recordRejected, d, httpStatus, reason)
}

const recordRejected = defineSqlProgram(
  'recordRejectedDelivery',
  function* (d: ReceivedDelivery, httpStatus: number, reason: string): SqlProgram<void> {
    yield insertDelivery(d, { outcome: 'rejected', reason, httpStatus, kind: null, notificationId: null })
  },
)
