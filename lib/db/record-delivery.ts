// Writes what the webhook receivers were sent. The ingest is the hot path of the whole service
// (Bandwidth never retries, and a busy account sends bursts), so it is one transaction of
// hand-written SQL on the raw driver instead of Prisma: measured with `npm run bench:ingest`,
// Prisma's query layer cost more than half the throughput. The SQL is portable and tested on both providers;
// on SQLite it runs in the writer thread (sqlite-writer.ts), which took the ingest from ~830 to ~1,070/s.
import { randomUUID } from 'node:crypto'
import type { Notification } from '../bandwidth/parse-notification'
import { telephoneNumberKey } from '../bandwidth/normalize-telephone-number'
import type { Connections } from './client'
import { defineSqlProgram, get, run, runSqlProgram, type SqlParam, type SqlProgram } from './sql'

export type ReceivedDelivery = {
  id: string
  endpoint: 'notifications' | 'portout-validation'
  receivedAt: Date
  contentType: string | null
  /** Selected request headers; never Authorization. */
  headers: Record<string, string>
  bodySha256: string
  bodySize: number
  body: string
  bodyEncoding: 'utf8' | 'base64'
  bodyTruncated: boolean
}

export type RecordedNotification = { outcome: 'accepted' | 'duplicate'; deliveryId: string; notificationId: string }

export const INSERT_DELIVERY = `INSERT INTO "Delivery" ("id", "endpoint", "receivedAt", "outcome", "reason", "httpStatus", "kind", "contentType", "headers", "bodySha256", "bodySize", "body", "bodyEncoding", "bodyTruncated", "notificationId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** Stores an authenticated delivery and what it says, in one transaction; a repeat is kept and marked duplicate. */
export function recordNotificationDelivery(
  c: Connections,
  d: ReceivedDelivery,
  n: Notification,
  dedupKey: string,
): Promise<RecordedNotification> {
  return runSqlProgram(c, recordNotification, d, n, dedupKey)
}

const recordNotification = defineSqlProgram(
  'recordNotification',
  function* (d: ReceivedDelivery, n: Notification, dedupKey: string): SqlProgram<RecordedNotification> {
    const notificationId = randomUUID()
    const at = d.receivedAt
    const sortAt = n.kind === 'order' ? (n.lastModifiedDate ?? at) : at
    if (n.kind === 'order') {
      // Make sure the order row exists (the notification references it); harmless for a duplicate.
      yield run(
        `INSERT INTO "Order" ("orderId", "orderType", "orderTypeKey", "firstSeenAt", "lastSeenAt", "notificationCount") VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT ("orderId") DO NOTHING`,
        [n.orderId, n.orderType, n.orderTypeKey, at, at],
      )
    }
    yield run(INSERT_DELIVERY, [
      d.id,
      d.endpoint,
      at,
      'accepted',
      null,
      200,
      n.kind,
      d.contentType,
      JSON.stringify(d.headers),
      d.bodySha256,
      d.bodySize,
      d.body,
      d.bodyEncoding,
      d.bodyTruncated,
      notificationId,
    ])

    const o = n.kind === 'order' ? n : undefined
    const inserted = (yield run(
      `INSERT INTO "Notification" ("id", "kind", "dedupKey", "typeKey", "subscriptionId", "orderId", "orderType", "eventType", "customerOrderId", "status", "message", "errorCode", "note", "numbers", "lastModifiedDate", "actualFocDate", "receivedAt", "sortAt", "deliveryId")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("dedupKey") DO NOTHING`,
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
      ],
    )) as number

    if (inserted === 0) {
      // Someone already stored this notification (maybe a concurrent request that just committed).
      const existing = (yield get(`SELECT "id" FROM "Notification" WHERE "dedupKey" = ?`, [dedupKey])) as { id: string }
      yield run(`UPDATE "Delivery" SET "outcome" = 'duplicate', "notificationId" = ? WHERE "id" = ?`, [existing.id, d.id])
      return { outcome: 'duplicate', deliveryId: d.id, notificationId: existing.id }
    }

    yield* insertNumberRefs(n.numbers, notificationId, o?.orderId ?? null, at)
    if (o) yield* updateOrder(o, at, sortAt)
    return { outcome: 'accepted', deliveryId: d.id, notificationId }
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
    for (const [e164, raw] of chunk) params.push(e164, raw, notificationId, orderId, at)
    const rows = chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')
    yield run(`INSERT INTO "NumberRef" ("e164", "asReceived", "notificationId", "orderId", "receivedAt") VALUES ${rows}`, params)
  }
}

/** 2,500 parameters per statement: far under both drivers' limits, and the statement is prepared once. */
export const NUMBER_REFS_PER_STATEMENT = 500

function* updateOrder(o: Extract<Notification, { kind: 'order' }>, at: Date, sortAt: Date): SqlProgram<void> {
  yield run(
    `UPDATE "Order" SET "lastSeenAt" = ?, "notificationCount" = "notificationCount" + 1,
       "customerOrderId" = COALESCE(?, "customerOrderId"), "actualFocDate" = COALESCE(?, "actualFocDate"),
       "lastModifiedDate" = CASE WHEN "lastModifiedDate" IS NULL OR "lastModifiedDate" < ? THEN ? ELSE "lastModifiedDate" END
     WHERE "orderId" = ?`,
    [at, o.customerOrderId ?? null, o.actualFocDate ?? null, o.lastModifiedDate ?? null, o.lastModifiedDate ?? null, o.orderId],
  )
  if (o.status === undefined) return
  // Only a notification at least as new as the one that set the current status may change it:
  // a late, older update joins the timeline but never moves the order backwards.
  yield run(`UPDATE "Order" SET "status" = ?, "statusAt" = ? WHERE "orderId" = ? AND ("statusAt" IS NULL OR "statusAt" <= ?)`, [
    o.status,
    sortAt,
    o.orderId,
    sortAt,
  ])
}

/** Keeps an authenticated request that was refused, with its reason, so nothing is dropped silently. */
export function recordRejectedDelivery(c: Connections, d: ReceivedDelivery, httpStatus: number, reason: string): Promise<void> {
  return runSqlProgram(c, recordRejected, d, httpStatus, reason)
}

const recordRejected = defineSqlProgram(
  'recordRejectedDelivery',
  function* (d: ReceivedDelivery, httpStatus: number, reason: string): SqlProgram<void> {
    yield run(INSERT_DELIVERY, [
      d.id,
      d.endpoint,
      d.receivedAt,
      'rejected',
      reason,
      httpStatus,
      null,
      d.contentType,
      JSON.stringify(d.headers),
      d.bodySha256,
      d.bodySize,
      d.body,
      d.bodyEncoding,
      d.bodyTruncated,
      null,
    ])
  },
)
