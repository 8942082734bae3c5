// Port-out validation: the data the responder reads (active policy, subscriber records, a recent
// identical request) and what it writes (the request, our answer, the delivery), in one transaction.
import { randomUUID } from 'node:crypto'
import type { Decision, SubscriberRecord } from '../portout/evaluate-portout-request'
import { DEFAULT_POLICY, policySchema, type Policy } from '../portout/portout-policy'
import type { Connections } from './client'
import type { ReceivedDelivery } from './record-delivery'
import { INSERT_DELIVERY } from './record-delivery'
import { run, runSqlProgram, type SqlParam } from './sql'

export type ActivePolicy = { version: number; policy: Policy }

const parsedPolicies = new Map<number, Policy>()

/** The policy in force: the highest version (0 = the built-in default, no rules). One indexed read per call, so an approval anywhere is seen at once. */
export async function getActivePolicy(c: Connections): Promise<ActivePolicy> {
  const row = await c.prisma.policyVersion.findFirst({ orderBy: { version: 'desc' } })
  if (!row) return { version: 0, policy: DEFAULT_POLICY }
  let policy = parsedPolicies.get(row.version)
  if (!policy) parsedPolicies.set(row.version, (policy = policySchema.parse(JSON.parse(row.policy))))
  return { version: row.version, policy }
}

/** Subscriber records for just the numbers in the request (primary-key lookups). */
export async function findSubscriberRecords(c: Connections, e164s: string[]): Promise<Map<string, SubscriberRecord>> {
  const rows = e164s.length ? await c.prisma.subscriberRecord.findMany({ where: { e164: { in: e164s } } }) : []
  return new Map(
    rows.map((r) => [
      r.e164,
      {
        e164: r.e164,
        accountNumber: r.accountNumber,
        pinHash: r.pinHash,
        zipCode: r.zipCode,
        subscriberName: r.subscriberName,
        status: r.status === 'inactive' ? 'inactive' : 'active',
        tags: JSON.parse(r.tags) as string[],
        lock: r.lockedAt ? { until: r.lockedUntil, reason: r.lockReason ?? '' } : null,
      },
    ]),
  )
}

/** The same request answered within the retry window: Bandwidth's retries get that answer again. */
export async function findRecentPortoutRequest(c: Connections, requestKey: string, since: Date) {
  return c.prisma.portoutRequest.findFirst({ where: { requestKey, firstReceivedAt: { gte: since } }, orderBy: { firstReceivedAt: 'desc' } })
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

/** Stores the delivery, the request with our answer, and its number index, in one transaction. */
export function recordPortoutAnswer(c: Connections, d: ReceivedDelivery, a: PortoutAnswer): Promise<string> {
  const id = randomUUID()
  return runSqlProgram(c, function* () {
    yield run(INSERT_DELIVERY, [d.id, d.endpoint, d.receivedAt, a.fallbackReason && a.numbers.length === 0 ? 'rejected' : 'accepted', a.fallbackReason, 200, 'portout', d.contentType, JSON.stringify(d.headers), d.bodySha256, d.bodySize, d.body, d.bodyEncoding, d.bodyTruncated, null])
    yield run(
      `INSERT INTO "PortoutRequest" ("id", "requestKey", "firstReceivedAt", "lastReceivedAt", "attempts", "pon", "numbers", "request", "portable", "errorCodes", "responseXml", "decision", "policyVersion", "latencyMs", "fallbackReason", "deliveryId")
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, a.requestKey, d.receivedAt, d.receivedAt, a.pon, JSON.stringify(a.numbers), JSON.stringify(a.request), a.decision.portable, JSON.stringify(a.decision.errors.map((e) => e.code)), a.responseXml, JSON.stringify({ fired: a.decision.fired, monitored: a.decision.monitored }), a.policyVersion, a.latencyMs, a.fallbackReason, d.id],
    )
    const unique = [...new Set(a.numbers)]
    if (unique.length) {
      const params: SqlParam[] = unique.flatMap((n) => [n, id, d.receivedAt])
      yield run(`INSERT INTO "PortoutNumberRef" ("e164", "requestId", "receivedAt") VALUES ${unique.map(() => '(?, ?, ?)').join(', ')}`, params)
    }
    return id
  })
}

/** A retry: one more attempt on the stored request, and the delivery kept as a duplicate. */
export function recordPortoutRetry(c: Connections, d: ReceivedDelivery, requestId: string): Promise<void> {
  return runSqlProgram(c, function* () {
    yield run(INSERT_DELIVERY, [d.id, d.endpoint, d.receivedAt, 'duplicate', null, 200, 'portout', d.contentType, JSON.stringify(d.headers), d.bodySha256, d.bodySize, d.body, d.bodyEncoding, d.bodyTruncated, null])
    yield run(`UPDATE "PortoutRequest" SET "attempts" = "attempts" + 1, "lastReceivedAt" = ? WHERE "id" = ?`, [d.receivedAt, requestId])
  })
}
