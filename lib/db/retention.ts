// Retention: what Portwatch keeps, and for how long (the admin's settings, lib/db/settings.ts). Two classes are
// purged in place, in small batches that never hold the writer for long:
// - raw delivery bodies: `body` emptied, `bodyPurgedAt` set; checksum, size, outcome, reason and the normalised
//   notification stay, so the timeline and the deliveries log still tell the story;
// - port-out requests' CPNI: account number, ZIP and name removed from `request`, the raw body of its delivery
//   emptied, the CPNI in the response we sent (AcceptableValues) replaced by "(purged)", `cpniPurgedAt` set; the
//   decision, its codes and policy version (the dispute evidence) stay.
// Both walk an index on (purgedAt, time), so each batch starts at the oldest row still to purge.
// Erasing one number's CPNI (a subscriber's request) removes its subscriber record and purges its port-out requests.
import { CPNI_FIELDS, purgeCpniInXml } from '../portout/mask-cpni'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { all, defineSqlProgram, run, runSqlProgram, type SqlProgram } from './sql'

export const RETENTION_CLASSES = ['deliveryBodies', 'portoutCpni'] as const
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

/** What a purge with these cutoffs would remove now. */
export async function previewPurge(c: Connections, cutoffs: RetentionCutoffs): Promise<PurgeCounts> {
  const [deliveryBodies, portoutCpni] = await Promise.all([
    cutoffs.deliveryBodies ? c.prisma.delivery.count({ where: { bodyPurgedAt: null, receivedAt: { lt: cutoffs.deliveryBodies } } }) : 0,
    cutoffs.portoutCpni
      ? c.prisma.portoutRequest.count({ where: { cpniPurgedAt: null, firstReceivedAt: { lt: cutoffs.portoutCpni } } })
      : 0,
  ])
  return { deliveryBodies, portoutCpni }
}

/** One batch of one class (at most `limit` rows, one transaction). Resolves to the rows purged: 0 means done. */
export function purgeBatch(c: Connections, klass: RetentionClass, cutoff: Date, limit: number, now = new Date()): Promise<number> {
  return runSqlProgram(c, klass === 'deliveryBodies' ? purgeDeliveryBodies : purgePortoutCpni, cutoff, limit, now)
}

const purgeDeliveryBodies = defineSqlProgram(
  'retention.deliveryBodies',
  function* (cutoff: Date, limit: number, now: Date): SqlProgram<number> {
    const rows = (yield all(
      `SELECT "id" FROM "Delivery" WHERE "bodyPurgedAt" IS NULL AND "receivedAt" < ? ORDER BY "bodyPurgedAt", "receivedAt" LIMIT ?`,
      [cutoff, limit],
    )) as { id: string }[]
    if (rows.length === 0) return 0
    yield run(`UPDATE "Delivery" SET "body" = '', "bodyPurgedAt" = ? WHERE "id" IN (${rows.map(() => '?').join(', ')})`, [
      now,
      ...rows.map((r) => r.id),
    ])
    return rows.length
  },
)

const purgePortoutCpni = defineSqlProgram('retention.portoutCpni', function* (cutoff: Date, limit: number, now: Date): SqlProgram<number> {
  const rows = (yield all(
    `SELECT "id", "request", "responseXml", "deliveryId" FROM "PortoutRequest" WHERE "cpniPurgedAt" IS NULL AND "firstReceivedAt" < ? ORDER BY "cpniPurgedAt", "firstReceivedAt" LIMIT ?`,
    [cutoff, limit],
  )) as PortoutRow[]
  yield* purgePortoutRows(rows, now)
  return rows.length
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
  const purged: PurgeCounts = { deliveryBodies: 0, portoutCpni: 0 }
  let done = true
  // Port-out CPNI first: its raw bodies are CPNI too, whatever the delivery-body period says.
  for (const klass of ['portoutCpni', 'deliveryBodies'] as const) {
    const cutoff = cutoffs[klass]
    if (!cutoff) continue
    for (;;) {
      if (Date.now() > deadline) {
        done = false
        break
      }
      const started = performance.now()
      const n = await purgeBatch(c, klass, cutoff, o.batch ?? PURGE_BATCH, new Date())
      purged[klass] += n
      if (n < (o.batch ?? PURGE_BATCH)) break
      const pause = Math.max(PAUSE_MS, (performance.now() - started) * PAUSE_PER_BATCH_MS)
      await new Promise((r) => setTimeout(r, pause))
    }
  }
  if (purged.deliveryBodies + purged.portoutCpni > 0)
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
