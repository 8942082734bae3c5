// Retention: what Portwatch keeps, and for how long (the admin's settings, lib/db/settings.ts). Every class is
// purged in small batches that never hold the writer for long:
// - raw delivery bodies: `body` emptied, `bodyPurgedAt` set; checksum, size, outcome, reason and the normalised
//   notification stay, so the timeline and the deliveries log still tell the story;
// - port-out requests' CPNI: account number, ZIP and name removed from `request`, the raw body of its delivery
//   emptied, the CPNI in the response we sent (AcceptableValues) replaced by "(purged)", `cpniPurgedAt` set; the
//   decision, its codes and policy version (the dispute evidence) stay;
// - normalised timelines (default: kept forever): an order with no news for the period goes whole (its notifications,
//   their number index, the order), and an event notification older than the period; the deliveries log keeps its
//   rows (checksum, outcome). The overview's summaries (OrderCount, NotificationDay) are moved down in the same
//   transaction, so they stay what a recount gives;
// - the Bandwidth API call log (BandwidthCall): rows older than the period are deleted.
// Each walks an index in time order, so each batch starts at the oldest row still to purge.
// Erasing one number's CPNI (a subscriber's request) removes its subscriber record and purges its port-out requests.
import { telephoneNumberKey } from '../bandwidth/normalize-telephone-number'
import { CPNI_FIELDS, purgeCpniInXml } from '../portout/mask-cpni'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { adjustSummaries, summaryDay, type OrderCountDelta } from './order-counts'
import { all, defineSqlProgram, fromSqlDate, perProvider, run, runSqlProgram, type SqlParam, type SqlProgram } from './sql'

export const RETENTION_CLASSES = ['deliveryBodies', 'portoutCpni', 'timelines', 'bandwidthCalls'] as const
export type RetentionClass = (typeof RETENTION_CLASSES)[number]
export type RetentionCutoffs = Partial<Record<RetentionClass, Date>>
export type PurgeCounts = Record<RetentionClass, number>

/** The cutoff of each class that has a retention period: everything received before it goes. */
export function retentionCutoffs(days: Partial<Record<RetentionClass, number | null>>, now: Date): RetentionCutoffs {
  const out: RetentionCutoffs = {}
  for (const k of RETENTION_CLASSES) {
    const d = days[k]
    if (typeof d === 'number') out[k] = new Date(now.getTime() - d * 86_400_000)
  }
  return out
}

/** What a purge with these cutoffs would remove now (timelines: the notifications, i.e. timeline entries). */
export async function previewPurge(c: Connections, cutoffs: RetentionCutoffs): Promise<PurgeCounts> {
  const p = c.prisma
  const [deliveryBodies, portoutCpni, timelines, bandwidthCalls] = await Promise.all([
    cutoffs.deliveryBodies ? p.delivery.count({ where: { bodyPurgedAt: null, receivedAt: { lt: cutoffs.deliveryBodies } } }) : 0,
    cutoffs.portoutCpni ? p.portoutRequest.count({ where: { cpniPurgedAt: null, firstReceivedAt: { lt: cutoffs.portoutCpni } } }) : 0,
    cutoffs.timelines ? countTimelineEntries(c, cutoffs.timelines) : 0,
    cutoffs.bandwidthCalls ? p.bandwidthCall.count({ where: { at: { lt: cutoffs.bandwidthCalls } } }) : 0,
  ])
  return { deliveryBodies, portoutCpni, timelines, bandwidthCalls }
}

async function countTimelineEntries(c: Connections, cutoff: Date): Promise<number> {
  const [orders, events] = await Promise.all([
    c.prisma.order.aggregate({ where: { lastSeenAt: { lt: cutoff } }, _sum: { notificationCount: true } }),
    c.prisma.notification.count({ where: { kind: 'event', receivedAt: { lt: cutoff } } }),
  ])
  return (orders._sum.notificationCount ?? 0) + events
}

/** One batch's outcome: the rows of its class purged, and whether more may be left. */
export type PurgeBatch = { purged: number; more: boolean }

const PROGRAMS = {
  deliveryBodies: () => purgeDeliveryBodies,
  portoutCpni: () => purgePortoutCpni,
  timelines: () => purgeTimelines,
  bandwidthCalls: () => purgeBandwidthCalls,
} as const

/** One batch of one class (about `limit` rows, one transaction). */
export function purgeBatch(c: Connections, klass: RetentionClass, cutoff: Date, limit: number, now = new Date()): Promise<PurgeBatch> {
  return runSqlProgram(c, PROGRAMS[klass](), cutoff, limit, now)
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ')

const purgeDeliveryBodies = defineSqlProgram(
  'retention.deliveryBodies',
  function* (cutoff: Date, limit: number, now: Date): SqlProgram<PurgeBatch> {
    const rows = (yield all(
      `SELECT "id" FROM "Delivery" WHERE "bodyPurgedAt" IS NULL AND "receivedAt" < ? ORDER BY "bodyPurgedAt", "receivedAt" LIMIT ?`,
      [cutoff, limit],
    )) as { id: string }[]
    if (rows.length === 0) return { purged: 0, more: false }
    yield run(`UPDATE "Delivery" SET "body" = '', "bodyPurgedAt" = ? WHERE "id" IN (${inList(rows.length)})`, [
      now,
      ...rows.map((r) => r.id),
    ])
    return { purged: rows.length, more: rows.length === limit }
  },
)

const purgePortoutCpni = defineSqlProgram(
  'retention.portoutCpni',
  function* (cutoff: Date, limit: number, now: Date): SqlProgram<PurgeBatch> {
    const rows = (yield all(
      `SELECT "id", "request", "responseXml", "deliveryId" FROM "PortoutRequest" WHERE "cpniPurgedAt" IS NULL AND "firstReceivedAt" < ? ORDER BY "cpniPurgedAt", "firstReceivedAt" LIMIT ?`,
      [cutoff, limit],
    )) as PortoutRow[]
    yield* purgePortoutRows(rows, now)
    return { purged: rows.length, more: rows.length === limit }
  },
)

type OrderToPurge = { orderId: string; orderTypeKey: string; status: string | null; notificationCount: number | string }
type EntryToPurge = { id: string; receivedAt: unknown; numbers: string }

/**
 * One batch of timelines: the orders quiet the longest (whole, as many as make about `limit` entries, at least one),
 * then event notifications, oldest first. On PostgreSQL the orders are locked first and one an ingest holds is
 * skipped (it has news: it stays); a notification arriving for an order once it is gone recreates it (past its
 * period, the timeline starts anew). The summaries move down in this transaction.
 */
const purgeTimelines = defineSqlProgram('retention.timelines', function* (cutoff: Date, limit: number): SqlProgram<PurgeBatch> {
  const candidates = (yield all(
    `SELECT "orderId", "notificationCount" FROM "Order" WHERE "lastSeenAt" < ? ORDER BY "lastSeenAt", "orderId" LIMIT ?`,
    [cutoff, limit],
  )) as Pick<OrderToPurge, 'orderId' | 'notificationCount'>[]
  const chosen: string[] = []
  let entries = 0
  for (const o of candidates) {
    if (chosen.length > 0 && entries + Number(o.notificationCount) > limit) break
    chosen.push(o.orderId)
    entries += Number(o.notificationCount)
  }
  let orders: OrderToPurge[] = []
  if (chosen.length > 0) {
    const lockSql = `SELECT "orderId", "orderTypeKey", "status", "notificationCount" FROM "Order" WHERE "orderId" IN (${inList(chosen.length)}) AND "lastSeenAt" < ?`
    const params = [...chosen, cutoff]
    orders = (yield perProvider('all', { sql: lockSql, params }, { sql: `${lockSql} FOR UPDATE SKIP LOCKED`, params })) as OrderToPurge[]
  }
  const ids = orders.map((o) => o.orderId)
  const orderEntries = ids.length
    ? ((yield all(`SELECT "id", "receivedAt" FROM "Notification" WHERE "orderId" IN (${inList(ids.length)})`, ids)) as EntryToPurge[])
    : []
  const eventLimit = Math.max(0, limit - orderEntries.length)
  const events =
    eventLimit > 0
      ? ((yield all(
          `SELECT "id", "receivedAt", "numbers" FROM "Notification" WHERE "kind" = 'event' AND "receivedAt" < ? ORDER BY "kind", "receivedAt", "id" LIMIT ?`,
          [cutoff, eventLimit],
        )) as EntryToPurge[])
      : []
  if (ids.length) yield run(`DELETE FROM "NumberRef" WHERE "orderId" IN (${inList(ids.length)})`, ids)
  // An event's numbers by the primary key (e164, notificationId): NumberRef has no index on the notification alone.
  for (const e of events) {
    const keys = [...new Set((JSON.parse(e.numbers) as string[]).map(telephoneNumberKey))]
    for (let i = 0; i < keys.length; i += NUMBERS_PER_DELETE) {
      const chunk = keys.slice(i, i + NUMBERS_PER_DELETE)
      yield run(`DELETE FROM "NumberRef" WHERE "e164" IN (${inList(chunk.length)}) AND "notificationId" = ?`, [...chunk, e.id])
    }
  }
  const gone = [...orderEntries, ...events]
  for (let i = 0; i < gone.length; i += ROWS_PER_DELETE) {
    const chunk = gone.slice(i, i + ROWS_PER_DELETE).map((n) => n.id)
    yield run(`DELETE FROM "Notification" WHERE "id" IN (${inList(chunk.length)})`, chunk)
  }
  if (ids.length) yield run(`DELETE FROM "Order" WHERE "orderId" IN (${inList(ids.length)})`, ids)
  const days = new Map<string, number>()
  for (const n of gone) days.set(summaryDay(fromSqlDate(n.receivedAt)), (days.get(summaryDay(fromSqlDate(n.receivedAt))) ?? 0) - 1)
  const counts: OrderCountDelta[] = orders.map((o) => ({ orderTypeKey: o.orderTypeKey, status: o.status, delta: -1 }))
  yield* adjustSummaries(days, counts)
  return { purged: gone.length, more: candidates.length > chosen.length || candidates.length === limit || events.length === eventLimit }
})

/** Statement sizes of the purge: far under both drivers' parameter limits. */
const NUMBERS_PER_DELETE = 500
const ROWS_PER_DELETE = 500

const purgeBandwidthCalls = defineSqlProgram('retention.bandwidthCalls', function* (cutoff: Date, limit: number): SqlProgram<PurgeBatch> {
  const rows = (yield all(`SELECT "id" FROM "BandwidthCall" WHERE "at" < ? ORDER BY "at", "id" LIMIT ?`, [cutoff, limit])) as {
    id: string
  }[]
  if (rows.length) yield run(`DELETE FROM "BandwidthCall" WHERE "id" IN (${inList(rows.length)})`, rows.map((r) => r.id) as SqlParam[])
  return { purged: rows.length, more: rows.length === limit }
})

type PortoutRow = { id: string; request: string; responseXml: string; deliveryId: string }

function* purgePortoutRows(rows: PortoutRow[], now: Date): SqlProgram<void> {
  for (const r of rows) {
    yield run(`UPDATE "PortoutRequest" SET "request" = ?, "responseXml" = ?, "accountKey" = NULL, "cpniPurgedAt" = ? WHERE "id" = ?`, [
      withoutCpni(r.request),
      purgeCpniInXml(r.responseXml),
      now,
      r.id,
    ])
    yield run(`UPDATE "Delivery" SET "body" = '', "bodyPurgedAt" = COALESCE("bodyPurgedAt", ?) WHERE "id" = ?`, [now, r.deliveryId])
  }
}

function withoutCpni(json: string): string {
  const request = JSON.parse(json) as Record<string, unknown>
  for (const f of CPNI_FIELDS) delete request[f]
  return JSON.stringify(request)
}

export type ErasureResult = { subscriberRecords: number; portoutRequests: number }

/** A subscriber asked us to forget them: their record (account, PIN hash, ZIP, name) and the CPNI of their port-out requests. Audited, without values. */
export async function eraseNumberCpni(c: Connections, actor: AuditActor, e164: string): Promise<ErasureResult> {
  const result = await runSqlProgram(c, eraseNumber, e164, new Date())
  await recordAudit(c.prisma, { actor, action: 'cpni.erase', target: e164, after: result })
  return result
}

const eraseNumber = defineSqlProgram('retention.eraseNumber', function* (e164: string, now: Date): SqlProgram<ErasureResult> {
  const subscriberRecords = (yield run(`DELETE FROM "SubscriberRecord" WHERE "e164" = ?`, [e164])) as number
  const rows = (yield all(
    `SELECT r."id", r."request", r."responseXml", r."deliveryId" FROM "PortoutRequest" r JOIN "PortoutNumberRef" n ON n."requestId" = r."id" WHERE n."e164" = ?`,
    [e164],
  )) as PortoutRow[]
  yield* purgePortoutRows(rows, now)
  return { subscriberRecords, portoutRequests: rows.length }
})

/** Rows a batch purges: small enough that a batch holds the SQLite writer for milliseconds, not seconds. */
export const PURGE_BATCH = 500
/**
 * A pause after each batch of twice as long as the batch took (at least 10 ms): the purge takes at most a third
 * of the database's time, so ingest keeps the rest however slow the disk or busy the machine.
 */
const PAUSE_MS = 10
const PAUSE_PER_BATCH_MS = 2
/** One run's share of time; what is left goes on at the next run. */
const BUDGET_MS = 4 * 60_000

export type RetentionRun = { purged: PurgeCounts; done: boolean }

/**
 * Purges every class past its retention period in batches, oldest first, until nothing is left or the time
 * budget is used; records what it removed in the audit log (`retention.purge`, counts only). Idempotent: a
 * crashed run leaves whole batches done and the next one goes on from there.
 */
export async function runRetention(
  c: Connections,
  days: Partial<Record<RetentionClass, number | null>>,
  o: { trigger: string; now?: Date; budgetMs?: number; batch?: number },
): Promise<RetentionRun> {
  const now = o.now ?? new Date()
  const cutoffs = retentionCutoffs(days, now)
  const deadline = Date.now() + (o.budgetMs ?? BUDGET_MS)
  const purged: PurgeCounts = { deliveryBodies: 0, portoutCpni: 0, timelines: 0, bandwidthCalls: 0 }
  let done = true
  // Port-out CPNI first: its raw bodies are CPNI too, whatever the delivery-body period says.
  for (const klass of ['portoutCpni', 'deliveryBodies', 'timelines', 'bandwidthCalls'] as const) {
    const cutoff = cutoffs[klass]
    if (!cutoff) continue
    for (;;) {
      if (Date.now() > deadline) {
        done = false
        break
      }
      const started = performance.now()
      const batch = await purgeBatch(c, klass, cutoff, o.batch ?? PURGE_BATCH, new Date())
      purged[klass] += batch.purged
      if (!batch.more) break
      const pause = Math.max(PAUSE_MS, (performance.now() - started) * PAUSE_PER_BATCH_MS)
      await new Promise((r) => setTimeout(r, pause))
    }
  }
  if (Object.values(purged).some((n) => n > 0))
    await recordAudit(c.prisma, {
      actor: null,
      action: 'retention.purge',
      target: o.trigger,
      after: { ...purged, cutoffs: Object.fromEntries(Object.entries(cutoffs).map(([k, d]) => [k, d.toISOString()])), done },
    })
  return { purged, done }
}

/** The last purge that removed something, from the audit log. */
export async function lastPurge(c: Connections): Promise<{ at: string; trigger: string | null; after: unknown } | null> {
  const e = await c.prisma.auditEntry.findFirst({ where: { action: 'retention.purge' }, orderBy: [{ at: 'desc' }, { id: 'desc' }] })
  return e ? { at: e.at.toISOString(), trigger: e.target, after: e.after ? (JSON.parse(e.after) as unknown) : null } : null
}
