// Subscriber records: what port-out answers are checked against. PINs arrive in clear, are stored only
// as a keyed hash (the key is outside the database) and never leave again. Every change is audited.
import { z } from 'zod'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import { hashPortoutPin } from '../portout/evaluate-portout-request'
import type { SubscriberRecord as Row } from '../generated/sqlite/client'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { iso } from './cursor'

const text = (max: number) => z.string().trim().min(1).max(max)

export const subscriberInput = z.object({
  telephoneNumber: z.string().transform((v, ctx) => {
    const e164 = normalizeTelephoneNumber(v)
    if (!e164) ctx.addIssue({ code: 'custom', message: `"${v.slice(0, 30)}" is not a telephone number` })
    return e164 ?? ''
  }),
  accountNumber: text(40),
  pin: z.string().regex(/^\d{4,10}$/, 'PIN must be 4 to 10 digits').optional(),
  zipCode: text(15).optional(),
  subscriberName: text(100).optional(),
  status: z.enum(['active', 'inactive']).default('active'),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
})
export type SubscriberInput = z.infer<typeof subscriberInput>
export const subscriberBatchInput = z.object({ records: z.array(subscriberInput).min(1).max(10_000) })

export const lockInput = z.object({
  locked: z.boolean(),
  until: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  reason: z.string().trim().max(200).optional(),
})

/** What the screens and the API show: never the PIN or its hash, only whether one is on file. */
export function toSubscriberDto(r: Row) {
  return {
    telephoneNumber: r.e164,
    accountNumber: r.accountNumber,
    hasPin: r.pinHash !== null,
    zipCode: r.zipCode,
    subscriberName: r.subscriberName,
    status: r.status as 'active' | 'inactive',
    tags: JSON.parse(r.tags) as string[],
    lock: r.lockedAt ? { since: iso(r.lockedAt), until: iso(r.lockedUntil), reason: r.lockReason } : null,
    updatedAt: iso(r.updatedAt),
  }
}

/** Creates or replaces records, all or nothing, in one transaction with one audit entry. */
export async function upsertSubscribers(c: Connections, actor: AuditActor, records: SubscriberInput[], secret: string, source: string) {
  const now = new Date()
  return c.prisma.$transaction(async (tx) => {
    let created = 0
    for (const r of records) {
      const data = {
        accountNumber: r.accountNumber,
        zipCode: r.zipCode ?? null,
        subscriberName: r.subscriberName ?? null,
        status: r.status,
        tags: JSON.stringify(r.tags),
        updatedAt: now,
        ...(r.pin !== undefined ? { pinHash: hashPortoutPin(r.pin, secret) } : {}),
      }
      const existing = await tx.subscriberRecord.findUnique({ where: { e164: r.telephoneNumber }, select: { e164: true } })
      if (existing) await tx.subscriberRecord.update({ where: { e164: r.telephoneNumber }, data })
      else {
        await tx.subscriberRecord.create({ data: { e164: r.telephoneNumber, pinHash: null, ...data } })
        created++
      }
    }
    await recordAudit(tx, { actor, action: 'subscribers.upsert', target: source, after: { count: records.length, created, updated: records.length - created, numbers: records.slice(0, 20).map((r) => r.telephoneNumber) } })
    return { count: records.length, created, updated: records.length - created }
  }, { timeout: 120_000, maxWait: 10_000 })
}

/** Locks or unlocks one number, or every number of an account. */
export async function setSubscriberLock(c: Connections, actor: AuditActor, target: { e164: string } | { accountNumber: string }, input: z.infer<typeof lockInput>) {
  const where = 'e164' in target ? { e164: target.e164 } : { accountNumber: target.accountNumber }
  return c.prisma.$transaction(async (tx) => {
    const data = input.locked ? { lockedAt: new Date(), lockedUntil: input.until ?? null, lockReason: input.reason ?? null, updatedAt: new Date() } : { lockedAt: null, lockedUntil: null, lockReason: null, updatedAt: new Date() }
    const { count } = await tx.subscriberRecord.updateMany({ where, data })
    await recordAudit(tx, { actor, action: input.locked ? 'subscribers.lock' : 'subscribers.unlock', target: 'e164' in target ? target.e164 : `account ${target.accountNumber}`, after: { count, until: input.until?.toISOString() ?? null, reason: input.reason ?? null } })
    return { count }
  })
}

export const searchSubscribersQuery = z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) })

/** Search by number (any format), account number or a name prefix. */
export async function searchSubscribers(c: Connections, q: z.infer<typeof searchSubscribersQuery>) {
  const e164 = q.q ? normalizeTelephoneNumber(q.q) : null
  const rows = await c.prisma.subscriberRecord.findMany({
    where: q.q ? { OR: [...(e164 ? [{ e164 }] : []), { accountNumber: q.q }, { subscriberName: { startsWith: q.q } }] } : {},
    orderBy: { e164: 'asc' },
    take: q.limit,
  })
  return { records: rows.map(toSubscriberDto) }
}
