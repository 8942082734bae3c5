// The audit log: written in the same transaction as the change it describes. Append-only: nothing in
// the application updates or deletes an entry.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { cursorParam, limitParam } from './list-params'
import type { Prisma } from '../generated/sqlite/client'
import type { Connections } from './client'
import { afterCursor, decodeCursor, iso, toPage } from './cursor'
import { run, type SqlOp } from './sql'

export type Tx = Prisma.TransactionClient
export type AuditActor = { id: string; email: string } | null
export type AuditInput = { actor: AuditActor; action: string; target?: string; before?: unknown; after?: unknown }

const SECRET_KEY = /pass(word)?|secret|token|pin|hash/i
const MASK = '••••••'

/** Copies a value with every secret-looking field replaced by a mask, so the log never holds a secret. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== null && v !== undefined ? MASK : maskSecrets(v)]),
    )
  }
  return value
}

/** The row an audit entry is stored as (secrets already masked): for Prisma and for hand-written SQL alike. */
export function buildAuditRow(input: AuditInput) {
  return {
    id: randomUUID(),
    at: new Date(),
    actorId: input.actor?.id ?? null,
    actorEmail: input.actor?.email ?? null,
    action: input.action,
    target: input.target ?? null,
    before: input.before === undefined ? null : JSON.stringify(maskSecrets(input.before)),
    after: input.after === undefined ? null : JSON.stringify(maskSecrets(input.after)),
  }
}

/** The audit entry as a statement, for a write program (sql.ts) that records its change and the entry together. */
export function auditInsert(input: AuditInput): SqlOp {
  const a = buildAuditRow(input)
  return run(
    `INSERT INTO "AuditEntry" ("id", "at", "actorId", "actorEmail", "action", "target", "before", "after") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [a.id, a.at, a.actorId, a.actorEmail, a.action, a.target, a.before, a.after],
  )
}

export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditEntry.create({ data: buildAuditRow(input) })
}

/**
 * The audit entry of one reveal of CPNI in clear (`cpni.reveal`): who, which record (`target`), when, and
 * what was shown (`shown` names fields, never their values).
 */
export async function recordCpniReveal(c: Connections, actor: AuditActor, target: string, shown: string): Promise<void> {
  await c.prisma.$transaction((tx) => recordAudit(tx, { actor, action: 'cpni.reveal', target, after: { shown } }))
}

export const listAuditQuery = z.object({
  action: z.string().max(100).optional(),
  actor: z.string().max(320).optional(),
  cursor: cursorParam,
  limit: limitParam,
})
export type ListAuditQuery = z.infer<typeof listAuditQuery>

export async function listAudit(c: Connections, q: ListAuditQuery) {
  const where: Prisma.AuditEntryWhereInput[] = []
  if (q.action) where.push({ action: { startsWith: q.action } })
  // Users are stored by lower-cased email; API tokens by their (mixed-case) prefix, e.g. api-token:pwt_AbC…
  if (q.actor) where.push({ actorEmail: { in: [...new Set([q.actor, q.actor.toLowerCase()])] } })
  where.push(afterCursor('at', 'id', q.cursor ? decodeCursor(q.cursor) : undefined))
  const rows = await c.prisma.auditEntry.findMany({ where: { AND: where }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: q.limit + 1 })
  const { page, nextCursor } = toPage(rows, q.limit, (e) => ({ at: e.at, id: e.id }))
  return {
    entries: page.map((e) => ({
      id: e.id,
      at: iso(e.at),
      actorEmail: e.actorEmail,
      action: e.action,
      target: e.target,
      before: e.before === null ? null : (JSON.parse(e.before) as unknown),
      after: e.after === null ? null : (JSON.parse(e.after) as unknown),
    })),
    nextCursor,
  }
}
