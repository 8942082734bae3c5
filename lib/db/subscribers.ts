// Subscriber records: what port-out answers are checked against. PINs arrive in clear, are stored only
// as a keyed hash (the key is outside the database) and never leave again. Account number, ZIP and name
// (CPNI) leave masked, or in clear through an audited reveal. Every change is audited.
import { z } from 'zod'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import { hashPortoutPin } from '../portout/evaluate-portout-request'
import { lockEffect, summariseLockEffects } from '../portout/lock-effect'
import { maskCpni } from '../portout/mask-cpni'
import type { SubscriberRecord as Row } from '../generated/sqlite/client'
import { AppError } from '../app-error'
import { auditInsert, recordAudit, recordCpniReveal, type AuditActor } from './audit'
import type { Connections } from './client'
import { iso } from './cursor'
import { getActivePolicy, toSubscriberRecord } from './portout-requests'
import { defineSqlProgram, get, run, runSqlProgram, type SqlParam, type SqlProgram } from './sql'

const text = (max: number) => z.string().trim().min(1).max(max)

/** A telephone number in any format, as E.164. */
const telephoneNumberInput = z.string().transform((v, ctx) => {
  const e164 = normalizeTelephoneNumber(v)
  if (!e164) ctx.addIssue({ code: 'custom', message: `"${v.slice(0, 30)}" is not a telephone number` })
  return e164 ?? ''
})

export const subscriberInput = z.object({
  telephoneNumber: telephoneNumberInput,
  accountNumber: text(40),
  pin: z
    .string()
    .regex(/^\d{4,10}$/, 'PIN must be 4 to 10 digits')
    .optional(),
  zipCode: text(15).optional(),
  subscriberName: text(100).optional(),
  status: z.enum(['active', 'inactive']).default('active'),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
})
export type SubscriberInput = z.infer<typeof subscriberInput>
// A number twice in one batch is a mistake in the caller's data (and PostgreSQL refuses to upsert one row twice in a statement).
export const subscriberBatchInput = z.object({
  records: z
    .array(subscriberInput)
    .min(1)
    .max(10_000)
    .superRefine((records, ctx) => {
      const seen = new Map<string, number>()
      records.forEach((r, i) => {
        const first = seen.get(r.telephoneNumber)
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [i, 'telephoneNumber'], message: `${r.telephoneNumber} is already in records[${first}]` })
        else seen.set(r.telephoneNumber, i)
      })
    }),
})

export const lockInput = z.object({
  locked: z.boolean(),
  until: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
  reason: z.string().trim().max(200).optional(),
})

/** What the screens and the API show: CPNI masked; never the PIN or its hash, only whether one is on file. */
export function toSubscriberDto(r: Row) {
  return {
    telephoneNumber: r.e164,
    cpni: 'masked' as 'masked' | 'revealed',
    accountNumber: maskCpni(r.accountNumber)!,
    hasPin: r.pinHash !== null,
    zipCode: maskCpni(r.zipCode),
    subscriberName: maskCpni(r.subscriberName),
    status: r.status as 'active' | 'inactive',
    tags: JSON.parse(r.tags) as string[],
    lock: toLockDto(r),
    updatedAt: iso(r.updatedAt),
  }
}

/** The same record with its CPNI in clear: only for an audited reveal (still never the PIN). */
export function toRevealedSubscriberDto(r: Row): ReturnType<typeof toSubscriberDto> {
  return { ...toSubscriberDto(r), cpni: 'revealed', accountNumber: r.accountNumber, zipCode: r.zipCode, subscriberName: r.subscriberName }
}

export const revealSubscriberInput = z.object({ telephoneNumber: telephoneNumberInput })

/** One record in clear for an operator or admin; the reveal is audited (who, which number, when; never the values). */
export async function revealSubscriber(c: Connections, actor: AuditActor, e164: string) {
  const row = await c.prisma.subscriberRecord.findUnique({ where: { e164 } })
  if (!row) throw new AppError('not_found', `no subscriber record for ${e164}`)
  await recordCpniReveal(c, actor, `subscriber ${e164}`, 'account number, ZIP code, subscriber name')
  return { record: toRevealedSubscriberDto(row) }
}

/** A record's port-out lock: since when, until when (null: until unlocked), why. */
export function toLockDto(r: Pick<Row, 'lockedAt' | 'lockedUntil' | 'lockReason'>) {
  return r.lockedAt ? { since: iso(r.lockedAt), until: iso(r.lockedUntil), reason: r.lockReason } : null
}

const UPSERT_BATCH = 500

/**
 * Creates or replaces records, all or nothing, in one transaction with one audit entry. Hand-written
 * portable SQL in batches of 500 rows (a CSV import of 100,000 rows must take seconds, not minutes).
 * A record given without a PIN keeps the PIN it had.
 */
export function upsertSubscribers(c: Connections, actor: AuditActor, records: SubscriberInput[], secret: string, source: string) {
  // Hashed here: the PIN secret stays on this side, the writer thread gets only the rows.
  const rows: SubscriberRow[] = records.map((r) => [
    r.telephoneNumber,
    r.accountNumber,
    r.pin === undefined ? null : hashPortoutPin(r.pin, secret),
    r.zipCode ?? null,
    r.subscriberName ?? null,
    r.status,
    JSON.stringify(r.tags),
  ])
  return runSqlProgram(c, upsertSubscriberRows, actor, rows, source, new Date())
}

/** e164, accountNumber, pinHash (null keeps the stored one), zipCode, subscriberName, status, tags as JSON. */
type SubscriberRow = [string, string, string | null, string | null, string | null, string, string]

const upsertSubscriberRows = defineSqlProgram(
  'upsertSubscribers',
  function* (
    actor: AuditActor,
    rows: SubscriberRow[],
    source: string,
    now: Date,
  ): SqlProgram<{ count: number; created: number; updated: number }> {
    let existing = 0
    for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
      const batch = rows.slice(i, i + UPSERT_BATCH)
      const numbers = batch.map((r) => r[0])
      const found = (yield get(
        `SELECT COUNT(*) AS "n" FROM "SubscriberRecord" WHERE "e164" IN (${numbers.map(() => '?').join(', ')})`,
        numbers,
      )) as { n: number | string }
      existing += Number(found.n)
      const params: SqlParam[] = batch.flatMap((r) => [...r, now])
      yield run(
        `INSERT INTO "SubscriberRecord" ("e164", "accountNumber", "pinHash", "zipCode", "subscriberName", "status", "tags", "updatedAt") VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT ("e164") DO UPDATE SET "accountNumber" = excluded."accountNumber", "pinHash" = COALESCE(excluded."pinHash", "SubscriberRecord"."pinHash"),
         "zipCode" = excluded."zipCode", "subscriberName" = excluded."subscriberName", "status" = excluded."status", "tags" = excluded."tags", "updatedAt" = excluded."updatedAt"`,
        params,
      )
    }
    const result = { count: rows.length, created: rows.length - existing, updated: existing }
    yield auditInsert({
      actor,
      action: 'subscribers.upsert',
      target: source,
      after: { ...result, numbers: rows.slice(0, 20).map((r) => r[0]) },
    })
    return result
  },
)

/**
 * Locks or unlocks one number, or every number of an account. A lock answers whether it is effective
 * under the active policy (see lib/portout/lock-effect.ts): a lock no rule enforces changes nothing.
 */
export async function setSubscriberLock(
  c: Connections,
  actor: AuditActor,
  target: { e164: string } | { accountNumber: string },
  input: z.infer<typeof lockInput>,
) {
  const where = 'e164' in target ? { e164: target.e164 } : { accountNumber: target.accountNumber }
  const { count } = await c.prisma.$transaction(async (tx) => {
    const data = input.locked
      ? { lockedAt: new Date(), lockedUntil: input.until ?? null, lockReason: input.reason ?? null, updatedAt: new Date() }
      : { lockedAt: null, lockedUntil: null, lockReason: null, updatedAt: new Date() }
    const { count } = await tx.subscriberRecord.updateMany({ where, data })
    await recordAudit(tx, {
      actor,
      action: input.locked ? 'subscribers.lock' : 'subscribers.unlock',
      // The audit log is a screen too: the account number is CPNI, masked like everywhere else.
      target: 'e164' in target ? target.e164 : `account ${maskCpni(target.accountNumber)}`,
      after: { count, until: input.until?.toISOString() ?? null, reason: input.reason ?? null },
    })
    return { count }
  })
  if (!input.locked || count === 0) return { count, lockEffect: null }
  const [active, rows] = await Promise.all([getActivePolicy(c), c.prisma.subscriberRecord.findMany({ where, take: 10_000 })])
  const now = new Date()
  const effects = rows.map((r) => lockEffect(active.policy, toSubscriberRecord(r), now))
  return { count, lockEffect: { policyVersion: active.version, ...summariseLockEffects(effects) } }
}

export const searchSubscribersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  /** The last number of the previous page (records come in number order). */
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/**
 * Search by number (any format), account number or a name prefix. Searching by CPNI is for those who may
 * reveal it (`byCpni`): for anyone else, results that match on account or name would be an oracle that
 * spells out a masked name one letter at a time, so they search by number only. Each locked record says
 * whether its lock is effective under the active policy.
 */
export async function searchSubscribers(c: Connections, q: z.infer<typeof searchSubscribersQuery>, options: { byCpni: boolean }) {
  const e164 = q.q ? normalizeTelephoneNumber(q.q) : null
  const byCpni = options.byCpni ? [{ accountNumber: q.q }, { subscriberName: { startsWith: q.q } }] : []
  const [rows, active] = await Promise.all([
    q.q && !e164 && byCpni.length === 0
      ? []
      : c.prisma.subscriberRecord.findMany({
          where: {
            AND: [q.q ? { OR: [...(e164 ? [{ e164 }] : []), ...byCpni] } : {}, q.cursor ? { e164: { gt: q.cursor } } : {}],
          },
          orderBy: { e164: 'asc' },
          take: q.limit + 1,
        }),
    getActivePolicy(c),
  ])
  const now = new Date()
  const page = rows.slice(0, q.limit)
  return {
    policyVersion: active.version,
    nextCursor: rows.length > q.limit ? page[page.length - 1].e164 : null,
    records: page.map((r) => ({
      ...toSubscriberDto(r),
      lockEffect: r.lockedAt ? lockEffect(active.policy, toSubscriberRecord(r), now) : null,
    })),
  }
}
