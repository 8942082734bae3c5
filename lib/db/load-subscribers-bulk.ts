// Bulk loading for benchmarks and large seeds: a million subscriber records in seconds, through
// prepared statements in big transactions on the embedded SQLite database. Not for the application's
// own writes (those go through upsertSubscribers, with validation and an audit entry).
import type { SubscriberRecord } from '../portout/evaluate-portout-request'
import { policySchema, type PolicyInput } from '../portout/portout-policy'
import type { Connections } from './client'
import { toSqliteDate } from './sql'

/** A record as the engine sees it, the PIN already hashed with hashPortoutPin, plus when a lock was set. */
export type BulkSubscriber = Omit<SubscriberRecord, 'lock'> & { lock: null | { at: Date; until: Date | null; reason: string } }

/** Inserts the rows (which must be new) in transactions of `batch` rows; returns how many. SQLite only. */
export function loadSubscribersBulk(c: Connections, rows: Iterable<BulkSubscriber>, options: { batch?: number; now?: Date } = {}): number {
  const sqlite = c.sqlite
  if (!sqlite) throw new Error('loadSubscribersBulk works on the embedded SQLite database only')
  const batch = options.batch ?? 50_000
  const updatedAt = toSqliteDate(options.now ?? new Date())
  const insert = sqlite.prepare(
    `INSERT INTO "SubscriberRecord" ("e164", "accountNumber", "pinHash", "zipCode", "subscriberName", "status", "tags", "lockedAt", "lockedUntil", "lockReason", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertMany = sqlite.transaction((chunk: BulkSubscriber[]) => {
    for (const r of chunk) {
      insert.run(
        r.e164,
        r.accountNumber,
        r.pinHash,
        r.zipCode,
        r.subscriberName,
        r.status,
        JSON.stringify(r.tags),
        r.lock ? toSqliteDate(r.lock.at) : null,
        r.lock?.until ? toSqliteDate(r.lock.until) : null,
        r.lock?.reason ?? null,
        updatedAt,
      )
    }
  })
  let count = 0
  let chunk: BulkSubscriber[] = []
  for (const row of rows) {
    chunk.push(row)
    if (chunk.length === batch) {
      insertMany(chunk)
      count += chunk.length
      chunk = []
    }
  }
  if (chunk.length) insertMany(chunk)
  return count + chunk.length
}

/** Makes `policy` the active version directly (a seed has nobody to approve it); validated like any proposal. */
export async function installPolicyVersion(c: Connections, policy: PolicyInput, approvedBy: string): Promise<number> {
  const parsed = policySchema.parse(policy)
  const last = await c.prisma.policyVersion.findFirst({ orderBy: { version: 'desc' } })
  const version = (last?.version ?? 0) + 1
  await c.prisma.policyVersion.create({
    data: { version, createdAt: new Date(), policy: JSON.stringify(parsed), proposalId: null, approvedBy },
  })
  return version
}
