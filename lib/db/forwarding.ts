// Forwarding's tables: destinations (admin CRUD through Prisma, audited), events (once per source), deliveries (one
// event to one destination, its id the webhook-id) and the attempt log. Planning, claiming and recording an attempt
// are SQL programs, so each is one transaction on both providers and the next job is written in it (the outbox).
// Ordering: within (destination, order), deliveries go by (the event's time, seq); a later one waits while an earlier is pending.
import { randomUUID } from 'node:crypto'
import { AppError } from '../app-error'
import { orderKeyOf, type ForwardEventType, type ShapedEvent } from '../forwarding/forward-events'
import { forwardSend } from '../jobs/job-kinds'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { enqueueJob } from './jobs'
import { all, defineSqlProgram, fromSqlDate, get, lock, run, runSqlProgram, type SqlProgram } from './sql'

// ---------------------------------------------------------------------------------------------
// Destinations

export type DestinationRow = {
  id: string
  name: string
  url: string
  eventTypes: string[]
  orderTypes: string[]
  statuses: string[]
  includeRaw: boolean
  sealedSecrets: string
  enabled: boolean
  disabledReason: string | null
  failingSince: Date | null
  lastSuccessAt: Date | null
  createdAt: Date
}

type DestinationModel = NonNullable<Awaited<ReturnType<Connections['prisma']['forwardDestination']['findUnique']>>>

function toDestinationRow(d: DestinationModel): DestinationRow {
  return {
    ...d,
    eventTypes: JSON.parse(d.eventTypes) as string[],
    orderTypes: JSON.parse(d.orderTypes) as string[],
    statuses: JSON.parse(d.statuses) as string[],
  }
}

export async function listDestinationRows(c: Connections): Promise<DestinationRow[]> {
  return (await c.prisma.forwardDestination.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toDestinationRow)
}

export async function getDestinationRow(c: Connections, id: string): Promise<DestinationRow> {
  const row = await c.prisma.forwardDestination.findUnique({ where: { id } })
  if (!row) throw new AppError('not_found', 'no such forwarding destination')
  return toDestinationRow(row)
}

export type DestinationSettings = {
  name: string
  url: string
  eventTypes: string[]
  orderTypes: string[]
  statuses: string[]
  includeRaw: boolean
}

const settingsColumns = (s: DestinationSettings) => ({
  name: s.name,
  url: s.url,
  eventTypes: JSON.stringify(s.eventTypes),
  orderTypes: JSON.stringify(s.orderTypes),
  statuses: JSON.stringify(s.statuses),
  includeRaw: s.includeRaw,
})

export async function insertDestination(
  c: Connections,
  actor: AuditActor,
  d: { id: string; sealedSecrets: string } & DestinationSettings,
): Promise<void> {
  const now = new Date()
  await c.prisma.$transaction(async (tx) => {
    await tx.forwardDestination.create({
      data: { id: d.id, ...settingsColumns(d), sealedSecrets: d.sealedSecrets, enabled: true, createdAt: now, updatedAt: now },
    })
    await recordAudit(tx, { actor, action: 'forwarding.destination.create', target: d.id, after: { ...d, sealedSecrets: undefined } })
  })
}

/** Changes settings, the sealed secrets (a rotation) or enabled; audited without the secrets. */
export async function updateDestination(
  c: Connections,
  actor: AuditActor,
  id: string,
  change: Partial<DestinationSettings> & { sealedSecrets?: string; enabled?: boolean },
  action = 'forwarding.destination.update',
): Promise<void> {
  await getDestinationRow(c, id)
  const { sealedSecrets, enabled, ...settings } = change
  const data = {
    ...(settings.name !== undefined ? { name: settings.name } : {}),
    ...(settings.url !== undefined ? { url: settings.url } : {}),
    ...(settings.eventTypes ? { eventTypes: JSON.stringify(settings.eventTypes) } : {}),
    ...(settings.orderTypes ? { orderTypes: JSON.stringify(settings.orderTypes) } : {}),
    ...(settings.statuses ? { statuses: JSON.stringify(settings.statuses) } : {}),
    ...(settings.includeRaw !== undefined ? { includeRaw: settings.includeRaw } : {}),
    ...(sealedSecrets ? { sealedSecrets } : {}),
    ...(enabled !== undefined
      ? { enabled, ...(enabled ? { disabledReason: null, failingSince: null } : { disabledReason: 'disabled by an admin' }) }
      : {}),
  }
  await c.prisma.$transaction(async (tx) => {
    await tx.forwardDestination.update({ where: { id }, data: { ...data, updatedAt: new Date() } })
    await recordAudit(tx, { actor, action, target: id, after: { ...settings, enabled, secretsRotated: sealedSecrets ? true : undefined } })
  })
}

export async function deleteDestination(c: Connections, actor: AuditActor, id: string): Promise<void> {
  await getDestinationRow(c, id)
  await c.prisma.$transaction(async (tx) => {
    await tx.forwardAttempt.deleteMany({ where: { destinationId: id } })
    await tx.forwardDelivery.deleteMany({ where: { destinationId: id } })
    await tx.forwardDestination.delete({ where: { id } })
    await recordAudit(tx, { actor, action: 'forwarding.destination.delete', target: id })
  })
}

// ---------------------------------------------------------------------------------------------
// Planning: an event, once, and a delivery per destination that wants it

export type StoredEvent = ShapedEvent & { id: string }

/**
 * Stores the event (once per source key) and a delivery for each destination (once per event and destination), each
 * with its forward.send job when the destination is enabled (held when it is not). Returns the new deliveries' ids.
 */
export function planForwardDeliveries(
  c: Connections,
  e: ShapedEvent,
  destinations: { id: string; enabled: boolean }[],
): Promise<{ eventId: string; created: string[] }> {
  return runSqlProgram(c, plan, { ...e, data: JSON.stringify(e.data) }, destinations, new Date())
}

const plan = defineSqlProgram(
  'planForwardDeliveries',
  function* (
    e: Omit<ShapedEvent, 'data'> & { data: string },
    destinations: { id: string; enabled: boolean }[],
    now: Date,
  ): SqlProgram<{ eventId: string; created: string[] }> {
    yield run(
      `INSERT INTO "ForwardEvent" ("id", "sourceKey", "type", "occurredAt", "orderId", "orderType", "status", "deliveryId", "data", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("sourceKey") DO NOTHING`,
      [`evt_${randomUUID()}`, e.sourceKey, e.type, new Date(e.occurredAt), e.orderId, e.orderType, e.status, e.deliveryId, e.data, now],
    )
    const { id: eventId } = (yield get(`SELECT "id" FROM "ForwardEvent" WHERE "sourceKey" = ?`, [e.sourceKey])) as { id: string }
    const created: string[] = []
    for (const d of destinations) {
      const id = yield* appendDelivery({ id: eventId, orderKey: orderKeyOf(e, eventId), occurredAt: new Date(e.occurredAt) }, d, now)
      if (id) created.push(id)
    }
    return { eventId, created }
  },
)

/**
 * Outbox jobs of one order may run at once (PostgreSQL runs several): a chained delivery's first attempt waits this
 * long, so that the jobs of the order's events that happened just before have planned theirs by then.
 */
export const ORDER_SETTLE_MS = 1_000

/** A new delivery in its (destination, order) chain, with its job; null when this event already has one there. */
function* appendDelivery(
  e: { id: string; orderKey: string; occurredAt: Date },
  d: { id: string; enabled: boolean },
  now: Date,
): SqlProgram<string | null> {
  const { id: eventId, orderKey } = e
  // The chain's next number is read and used atomically (PostgreSQL: an advisory lock; SQLite: one writer).
  yield lock(`forward:${d.id}:${orderKey}`)
  const next = (yield get(
    `SELECT COALESCE(MAX("seq"), 0) + 1 AS "next" FROM "ForwardDelivery" WHERE "destinationId" = ? AND "orderKey" = ?`,
    [d.id, orderKey],
  )) as { next: number | string }
  const id = `msg_${randomUUID()}`
  const token = randomUUID()
  const inserted = (yield run(
    `INSERT INTO "ForwardDelivery" ("id", "key", "eventId", "destinationId", "orderKey", "occurredAt", "seq", "state", "attempts", "jobToken", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT ("key") DO NOTHING`,
    [id, `${eventId}:${d.id}`, eventId, d.id, orderKey, e.occurredAt, Number(next.next), d.enabled ? 'pending' : 'held', token, now, now],
  )) as number
  if (inserted === 0) return null
  const runAt = orderKey.startsWith('order:') ? new Date(now.getTime() + ORDER_SETTLE_MS) : now
  if (d.enabled) yield enqueueJob(forwardSend, { deliveryId: id, token }, { runAt })
  return id
}

// ---------------------------------------------------------------------------------------------
// Sending: claim, then record the attempt

export type ClaimedDelivery = {
  id: string
  eventId: string
  destinationId: string
  orderKey: string
  occurredAt: Date
  seq: number
  attempts: number
}

export type Claim = { ok: true; delivery: ClaimedDelivery } | { ok: false; reason: string }

/** How long a claim keeps another job off the same delivery: longer than any send (its timeout is 15 s). */
const CLAIM_MS = 60_000

/** May this job send this delivery now? Not when it is done, stale, busy, or an earlier one of its order is pending. */
export function claimForwardDelivery(c: Connections, deliveryId: string, token: string): Promise<Claim> {
  return runSqlProgram(c, claimDelivery, deliveryId, token, new Date())
}

const claimDelivery = defineSqlProgram('claimForwardDelivery', function* (deliveryId: string, token: string, now: Date): SqlProgram<Claim> {
  const d = (yield get(
    `SELECT "id", "eventId", "destinationId", "orderKey", "occurredAt", "seq", "state", "attempts", "jobToken" FROM "ForwardDelivery" WHERE "id" = ?`,
    [deliveryId],
  )) as (ClaimedDelivery & { state: string; jobToken: string }) | undefined
  if (!d) return { ok: false, reason: 'the delivery is gone (its destination was deleted)' }
  if (d.state !== 'pending') return { ok: false, reason: `already ${d.state}` }
  if (d.jobToken !== token) return { ok: false, reason: 'a newer job owns this delivery (replayed or rescheduled)' }
  const earlier = (yield get(
    `SELECT "id" FROM "ForwardDelivery" WHERE "destinationId" = ? AND "orderKey" = ? AND "state" IN ('pending', 'held') AND ("occurredAt" < ? OR ("occurredAt" = ? AND "seq" < ?)) ORDER BY "occurredAt", "seq" LIMIT 1`,
    [d.destinationId, d.orderKey, d.occurredAt, d.occurredAt, d.seq],
  )) as { id: string } | undefined
  if (earlier) return { ok: false, reason: `waiting for ${earlier.id}, an earlier event of the same order` }
  const claimed = (yield run(
    `UPDATE "ForwardDelivery" SET "lockedUntil" = ?, "firstAttemptAt" = COALESCE("firstAttemptAt", ?) WHERE "id" = ? AND "state" = 'pending' AND "jobToken" = ? AND ("lockedUntil" IS NULL OR "lockedUntil" < ?)`,
    [new Date(now.getTime() + CLAIM_MS), now, deliveryId, token, now],
  )) as number
  if (claimed === 0) return { ok: false, reason: 'another job is sending it right now' }
  const { state: _state, jobToken: _token, ...delivery } = d
  return { ok: true, delivery: { ...delivery, occurredAt: fromSqlDate(d.occurredAt), seq: Number(d.seq), attempts: Number(d.attempts) } }
})

export type AttemptOutcome = {
  ok: boolean
  status: number | null
  responseBody: string | null
  error: string | null
  latencyMs: number
  startedAt: Date
  trigger: 'schedule' | 'replay'
}

export type RecordedAttempt = { state: 'delivered' | 'pending' | 'failed'; disabled: boolean; next: string | null }

/**
 * One attempt's outcome, in one transaction: the attempt row; the delivery delivered, rescheduled (a new job at
 * `retryAt` with a new token) or given up (`retryAt` null); the destination's health; a destination whose delivery
 * was given up with no success since that delivery's first attempt is disabled (its pending deliveries held); and a
 * delivered or given-up delivery hands on to the next pending one of its order.
 */
export function recordForwardAttempt(
  c: Connections,
  d: ClaimedDelivery,
  o: AttemptOutcome,
  retryAt: Date | null,
): Promise<RecordedAttempt> {
  return runSqlProgram(c, recordAttempt, d, o, retryAt, new Date())
}

const recordAttempt = defineSqlProgram(
  'recordForwardAttempt',
  function* (d: ClaimedDelivery, o: AttemptOutcome, retryAt: Date | null, now: Date): SqlProgram<RecordedAttempt> {
    yield run(
      `INSERT INTO "ForwardAttempt" ("id", "deliveryId", "destinationId", "attempt", "trigger", "startedAt", "latencyMs", "ok", "status", "responseBody", "error") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), d.id, d.destinationId, d.attempts + 1, o.trigger, o.startedAt, o.latencyMs, o.ok, o.status, o.responseBody, o.error],
    )
    const state = o.ok ? 'delivered' : retryAt ? 'pending' : 'failed'
    const token = randomUUID()
    yield run(
      `UPDATE "ForwardDelivery" SET "state" = ?, "attempts" = "attempts" + 1, "lastStatus" = ?, "lastError" = ?, "deliveredAt" = ?, "nextAttemptAt" = ?, "jobToken" = ?, "lockedUntil" = NULL, "updatedAt" = ? WHERE "id" = ?`,
      [state, o.status, o.error, o.ok ? now : null, retryAt, token, now, d.id],
    )
    if (retryAt) yield enqueueJob(forwardSend, { deliveryId: d.id, token }, { runAt: retryAt })
    if (o.ok) yield run(`UPDATE "ForwardDestination" SET "failingSince" = NULL, "lastSuccessAt" = ? WHERE "id" = ?`, [now, d.destinationId])
    else yield run(`UPDATE "ForwardDestination" SET "failingSince" = COALESCE("failingSince", ?) WHERE "id" = ?`, [now, d.destinationId])
    let disabled = false
    if (state === 'failed') {
      const dest = (yield get(
        `SELECT f."enabled", f."lastSuccessAt", d."firstAttemptAt" FROM "ForwardDestination" f, "ForwardDelivery" d WHERE f."id" = ? AND d."id" = ?`,
        [d.destinationId, d.id],
      )) as { enabled: boolean | number; lastSuccessAt: unknown; firstAttemptAt: unknown } | undefined
      // No success at all since this delivery's first attempt: the destination has been failing all along.
      const since = dest?.firstAttemptAt ? fromSqlDate(dest.firstAttemptAt) : now
      const noSuccessSince = !dest?.lastSuccessAt || fromSqlDate(dest.lastSuccessAt) < since
      if (dest && Boolean(dest.enabled) && noSuccessSince) {
        yield run(`UPDATE "ForwardDestination" SET "enabled" = ?, "disabledReason" = ?, "updatedAt" = ? WHERE "id" = ?`, [
          false,
          `every attempt of a delivery failed, with no success since ${since.toISOString()}`,
          now,
          d.destinationId,
        ])
        yield run(`UPDATE "ForwardDelivery" SET "state" = 'held', "updatedAt" = ? WHERE "destinationId" = ? AND "state" = 'pending'`, [
          now,
          d.destinationId,
        ])
        disabled = true
      }
    }
    let next: string | null = null
    if (state !== 'pending' && !disabled) next = yield* kickNextInChain(d.destinationId, d.orderKey)
    return { state, disabled, next }
  },
)

/** The first pending delivery of this order gets a job (it may be waiting on the one just finished). */
function* kickNextInChain(destinationId: string, orderKey: string): SqlProgram<string | null> {
  const next = (yield get(
    `SELECT "id", "jobToken" FROM "ForwardDelivery" WHERE "destinationId" = ? AND "orderKey" = ? AND "state" = 'pending' ORDER BY "occurredAt", "seq" LIMIT 1`,
    [destinationId, orderKey],
  )) as { id: string; jobToken: string } | undefined
  if (!next) return null
  yield enqueueJob(forwardSend, { deliveryId: next.id, token: next.jobToken })
  return next.id
}

/** Held deliveries of a re-enabled destination go out again, each order's in order. Returns how many. */
export function releaseHeldDeliveries(c: Connections, destinationId: string): Promise<number> {
  return runSqlProgram(c, releaseHeld, destinationId, new Date())
}

const releaseHeld = defineSqlProgram('releaseHeldForwardDeliveries', function* (destinationId: string, now: Date): SqlProgram<number> {
  const held = (yield all(
    `SELECT "id" FROM "ForwardDelivery" WHERE "destinationId" = ? AND "state" = 'held' ORDER BY "orderKey", "occurredAt", "seq"`,
    [destinationId],
  )) as { id: string }[]
  for (const h of held) yield* restart(h.id, now, 'schedule')
  return held.length
})

/** A new round for one delivery: pending, attempts from 0, a new job (the old one, if any, is stale by its token). */
function* restart(deliveryId: string, now: Date, trigger: 'schedule' | 'replay'): SqlProgram<void> {
  const token = randomUUID()
  yield run(
    `UPDATE "ForwardDelivery" SET "state" = 'pending', "attempts" = 0, "firstAttemptAt" = NULL, "nextAttemptAt" = NULL, "lockedUntil" = NULL, "jobToken" = ?, "updatedAt" = ? WHERE "id" = ?`,
    [token, now, deliveryId],
  )
  yield enqueueJob(forwardSend, { deliveryId, token, trigger })
}

// ---------------------------------------------------------------------------------------------
// Replay

/** Sends one delivery again (same webhook-id): a new round on the schedule. */
export function replayForwardDelivery(c: Connections, deliveryId: string): Promise<boolean> {
  return runSqlProgram(c, replayOne, deliveryId, new Date())
}

const replayOne = defineSqlProgram('replayForwardDelivery', function* (deliveryId: string, now: Date): SqlProgram<boolean> {
  const d = (yield get(`SELECT "id" FROM "ForwardDelivery" WHERE "id" = ?`, [deliveryId])) as { id: string } | undefined
  if (!d) return false
  yield* restart(deliveryId, now, 'replay')
  return true
})

export type ReplayRange = { from: Date; to: Date; types: ForwardEventType[] }

/**
 * The events of a time range (and types) this destination wants (`wants` was applied by the caller, to ids): each
 * one's delivery starts a new round, and an event the destination never had (added later, or filtered then) gets one.
 */
export function replayForwardEvents(
  c: Connections,
  destination: { id: string },
  eventIds: string[],
): Promise<{ replayed: number; added: number }> {
  return runSqlProgram(c, replayEvents, destination.id, eventIds, new Date())
}

const replayEvents = defineSqlProgram('replayForwardEvents', function* (destinationId: string, eventIds: string[], now: Date): SqlProgram<{
  replayed: number
  added: number
}> {
  let replayed = 0
  let added = 0
  for (const eventId of eventIds) {
    const existing = (yield get(`SELECT "id" FROM "ForwardDelivery" WHERE "key" = ?`, [`${eventId}:${destinationId}`])) as
      { id: string } | undefined
    if (existing) {
      yield* restart(existing.id, now, 'replay')
      replayed++
      continue
    }
    const e = (yield get(`SELECT "orderId", "occurredAt" FROM "ForwardEvent" WHERE "id" = ?`, [eventId])) as
      { orderId: string | null; occurredAt: unknown } | undefined
    if (!e) continue
    const chained = { id: eventId, orderKey: orderKeyOf(e, eventId), occurredAt: fromSqlDate(e.occurredAt) }
    if (yield* appendDelivery(chained, { id: destinationId, enabled: true }, now)) added++
  }
  return { replayed, added }
})

/** Events in a time range, oldest first, for a replay (at most `limit`). */
export async function listForwardEventsInRange(c: Connections, r: ReplayRange, limit: number) {
  const rows = await c.prisma.forwardEvent.findMany({
    where: { occurredAt: { gte: r.from, lt: r.to }, ...(r.types.length ? { type: { in: r.types } } : {}) },
    orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, type: true, orderType: true, status: true },
  })
  return rows.map((r) => ({ ...r, type: r.type as ForwardEventType }))
}

// ---------------------------------------------------------------------------------------------
// Reads for the sender and the page

export async function getForwardEvent(c: Connections, id: string): Promise<StoredEvent | null> {
  const e = await c.prisma.forwardEvent.findUnique({ where: { id } })
  if (!e) return null
  return { ...e, type: e.type as ForwardEventType, occurredAt: e.occurredAt.toISOString(), data: JSON.parse(e.data) as unknown }
}

/** The raw body of the delivery an event came from, or null once retention purged it (or for none). */
export async function getRawBody(c: Connections, deliveryId: string | null): Promise<{ contentType: string | null; body: string } | null> {
  if (!deliveryId) return null
  const d = await c.prisma.delivery.findUnique({ where: { id: deliveryId }, select: { body: true, bodyEncoding: true, contentType: true } })
  if (!d || d.body === null || d.body === undefined || d.bodyEncoding !== 'utf8') return null
  return { contentType: d.contentType, body: d.body }
}

export async function listForwardDeliveries(c: Connections, destinationId: string, limit = 50) {
  const rows = await c.prisma.forwardDelivery.findMany({
    where: { destinationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  })
  const events = new Map(
    (
      await c.prisma.forwardEvent.findMany({
        where: { id: { in: rows.map((r) => r.eventId) } },
        select: { id: true, type: true, occurredAt: true, orderId: true },
      })
    ).map((e) => [e.id, e]),
  )
  return rows.map((d) => ({
    id: d.id,
    eventId: d.eventId,
    eventType: events.get(d.eventId)?.type ?? null,
    occurredAt: events.get(d.eventId)?.occurredAt.toISOString() ?? null,
    orderId: events.get(d.eventId)?.orderId ?? null,
    state: d.state,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  }))
}

export async function listForwardAttempts(c: Connections, o: { destinationId: string; deliveryId?: string; limit?: number }) {
  const rows = await c.prisma.forwardAttempt.findMany({
    where: { destinationId: o.destinationId, ...(o.deliveryId ? { deliveryId: o.deliveryId } : {}) },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: o.limit ?? 100,
  })
  return rows.map((a) => ({
    id: a.id,
    deliveryId: a.deliveryId,
    attempt: a.attempt,
    trigger: a.trigger,
    startedAt: a.startedAt.toISOString(),
    latencyMs: a.latencyMs,
    ok: a.ok,
    status: a.status,
    responseBody: a.responseBody,
    error: a.error,
  }))
}

/** How many deliveries a destination has in each state (for its row on the page). */
export async function countForwardDeliveries(c: Connections): Promise<Map<string, Record<string, number>>> {
  const rows = await c.prisma.forwardDelivery.groupBy({ by: ['destinationId', 'state'], _count: { _all: true } })
  const out = new Map<string, Record<string, number>>()
  for (const r of rows) out.set(r.destinationId, { ...(out.get(r.destinationId) ?? {}), [r.state]: r._count._all })
  return out
}

// ---------------------------------------------------------------------------------------------
// Retention: the attempt log has a bounded period of its own (deliveries and events stay, for replay)

/** Attempts older than this are deleted by the hourly retention job. */
export const FORWARD_ATTEMPT_RETENTION_DAYS = 30

/** One batch of old attempts (at most `limit`); resolves to how many went (0: done). */
export function purgeForwardAttempts(c: Connections, before: Date, limit: number): Promise<number> {
  return runSqlProgram(c, purgeAttempts, before, limit)
}

const purgeAttempts = defineSqlProgram('purgeForwardAttempts', function* (before: Date, limit: number): SqlProgram<number> {
  const rows = (yield all(`SELECT "id" FROM "ForwardAttempt" WHERE "startedAt" < ? ORDER BY "startedAt" LIMIT ?`, [before, limit])) as {
    id: string
  }[]
  if (rows.length === 0) return 0
  yield run(
    `DELETE FROM "ForwardAttempt" WHERE "id" IN (${rows.map(() => '?').join(', ')})`,
    rows.map((r) => r.id),
  )
  return rows.length
})
