// Port-out validation: the data the responder reads (active policy, subscriber records, a recent
// identical request) and what it writes (the request, our answer, the delivery), in one transaction.
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { SubscriberRecord as SubscriberRecordRow } from '../generated/sqlite/client'
import { portoutDecision } from '../jobs/job-kinds'
import type { Decision, SubscriberRecord } from '../portout/evaluate-portout-request'
import { DEFAULT_POLICY, policySchema, type Policy } from '../portout/portout-policy'
import type { Connections } from './client'
import { enqueueJob } from './jobs'
import type { ReceivedDelivery } from './record-delivery'
import { insertDelivery } from './record-delivery'
import { claim, defineSqlProgram, run, runSqlProgram, sqliteStatement, toSqliteDate, type SqlParam, type SqlProgram } from './sql'

export type ActivePolicy = { version: number; policy: Policy }

const parsedPolicies = new Map<number, Policy>()

/** The policy in force: the highest version (0 = the built-in default, no rules). One indexed read per call, so an approval anywhere is seen at once. */
export async function getActivePolicy(c: Connections): Promise<ActivePolicy> {
  const row = c.sqlite
    ? (sqliteStatement(c.sqlite, `SELECT "version", "policy" FROM "PolicyVersion" ORDER BY "version" DESC LIMIT 1`).get() as
        { version: number; policy: string } | undefined)
    : await c.prisma.policyVersion.findFirst({ orderBy: { version: 'desc' } })
  if (!row) return { version: 0, policy: DEFAULT_POLICY }
  let policy = parsedPolicies.get(row.version)
  if (!policy) parsedPolicies.set(row.version, (policy = policySchema.parse(JSON.parse(row.policy))))
  return { version: row.version, policy }
}

/** Subscriber records for just the numbers in the request (primary-key lookups). */
export async function findSubscriberRecords(c: Connections, e164s: string[]): Promise<Map<string, SubscriberRecord>> {
  const rows =
    e164s.length === 0
      ? []
      : c.sqlite
        ? findSqliteRecords(c.sqlite, e164s)
        : await c.prisma.subscriberRecord.findMany({ where: { e164: { in: e164s } } })
  return new Map(rows.map((r) => [r.e164, toSubscriberRecord(r)]))
}

type RecordRow = Omit<SubscriberRecordRow, 'updatedAt' | 'lockedUntil'> & { lockedUntil: Date | null }

/** A stored row as the rules engine reads it. */
export function toSubscriberRecord(r: RecordRow): SubscriberRecord {
  return {
    e164: r.e164,
    accountNumber: r.accountNumber,
    pinHash: r.pinHash,
    zipCode: r.zipCode,
    subscriberName: r.subscriberName,
    status: r.status === 'inactive' ? 'inactive' : 'active',
    tags: JSON.parse(r.tags) as string[],
    lock: r.lockedAt ? { until: r.lockedUntil, reason: r.lockReason ?? '' } : null,
  }
}

/** The same request answered within the retry window: Bandwidth's retries get that answer again. */
export async function findRecentPortoutRequest(
  c: Connections,
  requestKey: string,
  since: Date,
): Promise<{ id: string; responseXml: string; portable: boolean } | null> {
  if (!c.sqlite)
    return c.prisma.portoutRequest.findFirst({
      where: { requestKey, firstReceivedAt: { gte: since } },
      orderBy: { firstReceivedAt: 'desc' },
      select: { id: true, responseXml: true, portable: true },
    })
  const row = sqliteStatement(
    c.sqlite,
    `SELECT "id", "responseXml", "portable" FROM "PortoutRequest" WHERE "requestKey" = ? AND "firstReceivedAt" >= ? ORDER BY "firstReceivedAt" DESC LIMIT 1`,
  ).get(requestKey, toSqliteDate(since)) as { id: string; responseXml: string; portable: number } | undefined
  return row ? { id: row.id, responseXml: row.responseXml, portable: row.portable === 1 } : null
}

// The responder's reads on SQLite skip Prisma: the same indexed lookups through statements prepared once
// (sql.ts's sqliteStatement; Prisma's adapter prepares every query anew — measured, its reads were a sixth of the responder's CPU).
// PostgreSQL keeps Prisma: there the network round trip, not the client, is what a read costs.
const SQLITE_IN_CHUNK = 100

function findSqliteRecords(sqlite: Database.Database, e164s: string[]): RecordRow[] {
  const rows: RecordRow[] = []
  for (let i = 0; i < e164s.length; i += SQLITE_IN_CHUNK) {
    const chunk = e164s.slice(i, i + SQLITE_IN_CHUNK)
    const stmt = sqliteStatement(
      sqlite,
      `SELECT "e164", "accountNumber", "pinHash", "zipCode", "subscriberName", "status", "tags", "lockedAt", "lockedUntil", "lockReason" FROM "SubscriberRecord" WHERE "e164" IN (${chunk.map(() => '?').join(', ')})`,
    )
    for (const r of stmt.all(...chunk) as (Omit<RecordRow, 'lockedAt' | 'lockedUntil'> & {
      lockedAt: string | null
      lockedUntil: string | null
    })[]) {
      rows.push({
        ...r,
        lockedAt: r.lockedAt === null ? null : new Date(r.lockedAt),
        lockedUntil: r.lockedUntil === null ? null : new Date(r.lockedUntil),
      })
    }
  }
  return rows
}

export type PortoutAnswer = {
  requestKey: string
  pon: string | null
  numbers: string[]
  /** The request as received, without the PIN (only whether one was given). */
  request: Record<string, unknown>
  decision: Decision
  responseXml: string
  policyVersion: number | null
  latencyMs: number
  fallbackReason: string | null
}

/**
 * How a store of an answer is tied to the answer given: `id` fixes the stored request's id (a second try of the same
 * store then meets its primary key), `claim` (sql.ts's newAnswerClaim) makes the commit conditional on this answer
 * being the one sent.
 */
export type AnswerStore = { id?: string; claim?: Int32Array }

/** Stores the delivery, the request with our answer, and its number index, in one transaction. */
export function recordPortoutAnswer(c: Connections, d: ReceivedDelivery, a: PortoutAnswer, store: AnswerStore = {}): Promise<string> {
  return runSqlProgram(c, recordAnswer, d, a, store.id ?? randomUUID(), store.claim ?? null)
}

const recordAnswer = defineSqlProgram(
  'recordPortoutAnswer',
  function* (d: ReceivedDelivery, a: PortoutAnswer, id: string, token: Int32Array | null): SqlProgram<string> {
    yield insertDelivery(d, {
      outcome: a.fallbackReason && a.numbers.length === 0 ? 'rejected' : 'accepted',
      reason: a.fallbackReason,
      httpStatus: 200,
      kind: 'portout',
      notificationId: null,
    })
    yield run(
      `INSERT INTO "PortoutRequest" ("id", "requestKey", "firstReceivedAt", "lastReceivedAt", "attempts", "pon", "numbers", "request", "portable", "errorCodes", "responseXml", "decision", "policyVersion", "latencyMs", "fallbackReason", "deliveryId")
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        a.requestKey,
        d.receivedAt,
        d.receivedAt,
        a.pon,
        JSON.stringify(a.numbers),
        JSON.stringify(a.request),
        a.decision.portable,
        JSON.stringify(a.decision.errors.map((e) => e.code)),
        a.responseXml,
        JSON.stringify({ fired: a.decision.fired, monitored: a.decision.monitored }),
        a.policyVersion,
        a.latencyMs,
        a.fallbackReason,
        d.id,
      ],
    )
    const unique = [...new Set(a.numbers)]
    if (unique.length) {
      const params: SqlParam[] = unique.flatMap((n) => [n, id, d.receivedAt])
      yield run(
        `INSERT INTO "PortoutNumberRef" ("e164", "requestId", "receivedAt") VALUES ${unique.map(() => '(?, ?, ?)').join(', ')}`,
        params,
      )
    }
    // The outbox entry for what reacts to a decision (alerts, forwarding): it runs after the answer has gone out.
    const errorCodes = a.decision.errors.map((e) => e.code)
    yield enqueueJob(portoutDecision, { requestId: id, portable: a.decision.portable, errorCodes, fallback: a.fallbackReason !== null })
    if (token) yield claim(token)
    return id
  },
)

/** A retry: one more attempt on the stored request, and the delivery kept as a duplicate. */
export function recordPortoutRetry(c: Connections, d: ReceivedDelivery, requestId: string, store: AnswerStore = {}): Promise<void> {
  return runSqlProgram(c, recordRetry, d, requestId, store.claim ?? null)
}

const recordRetry = defineSqlProgram(
  'recordPortoutRetry',
  function* (d: ReceivedDelivery, requestId: string, token: Int32Array | null): SqlProgram<void> {
    yield insertDelivery(d, { outcome: 'duplicate', reason: null, httpStatus: 200, kind: 'portout', notificationId: null })
    yield run(`UPDATE "PortoutRequest" SET "attempts" = "attempts" + 1, "lastReceivedAt" = ? WHERE "id" = ?`, [d.receivedAt, requestId])
    if (token) yield claim(token)
  },
)
