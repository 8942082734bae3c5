// The reconciler's rows: its runs (progress and a resumable cursor), their findings, and the lease that keeps one
// run per Bandwidth account across every instance; plus the reads it compares with, which are by order id (primary
// key or the (orderId, sortAt) index), so a run costs in proportion to the orders Bandwidth changed, not to our size.
import { randomUUID } from 'node:crypto'
import type { Connections } from './client'
import { iso } from './cursor'
import { isUniqueViolation } from './is-unique-violation'

export type RunKind = 'sweep' | 'backfill'
export type RunStatus = 'running' | 'done' | 'failed'
/** Where a resumed run goes on: the range (a backfill lists one day at a time), the list, the last order id done. */
export type RunCursor = { range: number; list: number; after: string | null }

export type RunCounters = {
  listed: number
  checked: number
  behind: number
  recovered: number
  errors: number
  calls: number
  drifted: number
}

export async function createReconcileRun(
  c: Connections,
  r: { accountId: string; kind: RunKind; trigger: 'schedule' | 'manual'; requestedBy?: string | null; fromDay: string; toDay: string },
) {
  const now = new Date()
  const row = await c.prisma.reconcileRun.create({
    data: { id: randomUUID(), ...r, requestedBy: r.requestedBy ?? null, status: 'running', startedAt: now, updatedAt: now },
  })
  return toRunDto(row)
}

export async function getReconcileRunRow(c: Connections, id: string) {
  const row = await c.prisma.reconcileRun.findUnique({ where: { id } })
  return row ? { ...toRunDto(row), cursor: row.cursor ? (JSON.parse(row.cursor) as RunCursor) : null } : null
}

/** A run with its findings (newest first, at most `limit`). */
export async function getReconcileRun(c: Connections, id: string, limit = 500) {
  const row = await c.prisma.reconcileRun.findUnique({ where: { id } })
  if (!row) return null
  const findings = await c.prisma.reconcileFinding.findMany({
    where: { runId: id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  })
  return { ...toRunDto(row), findings: findings.map(toFindingDto) }
}

export async function listReconcileRuns(c: Connections, limit = 50) {
  const rows = await c.prisma.reconcileRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: limit })
  return rows.map(toRunDto)
}

/** Progress as it goes: the counters so far and where to go on from. */
export async function saveRunProgress(
  c: Connections,
  id: string,
  p: Partial<RunCounters> & { cursor?: RunCursor | null; status?: RunStatus; lastError?: string | null; finished?: boolean },
): Promise<void> {
  const { cursor, finished, ...rest } = p
  const now = new Date()
  await c.prisma.reconcileRun.update({
    where: { id },
    data: {
      ...rest,
      ...(cursor !== undefined ? { cursor: cursor ? JSON.stringify(cursor) : null } : {}),
      ...(rest.lastError !== undefined ? { lastError: rest.lastError?.slice(0, 500) ?? null } : {}),
      updatedAt: now,
      ...(finished ? { finishedAt: now } : {}),
    },
  })
}

/** Failed backfills of this account to go on with (oldest first): a failed run continues next time. */
export async function listResumableRuns(c: Connections, accountId: string) {
  const rows = await c.prisma.reconcileRun.findMany({
    where: { accountId, kind: 'backfill', status: 'failed' },
    orderBy: { startedAt: 'asc' },
    take: 5,
  })
  return rows.map(toRunDto)
}

/** Whether a sweep is under way (its progress saved within `since`): the schedule then starts no second one. */
export async function sweepRunningSince(c: Connections, accountId: string, since: Date): Promise<boolean> {
  return (await c.prisma.reconcileRun.count({ where: { accountId, kind: 'sweep', status: 'running', updatedAt: { gt: since } } })) > 0
}

/** Whether a sweep checked drifting orders within `sinceMs` (the drift pass runs at most that often). */
export async function driftCheckedSince(c: Connections, accountId: string, since: Date): Promise<boolean> {
  return (await c.prisma.reconcileRun.count({ where: { accountId, kind: 'sweep', drifted: { gt: 0 }, startedAt: { gt: since } } })) > 0
}

// ---------------------------------------------------------------------------------------------
// One run per account: a lease row, taken and renewed by a conditional UPDATE (atomic on both providers)

/** Takes (or renews) the account's lease for `holder` until now + `ttlMs`; false while someone else holds it. */
export async function acquireReconcileLease(c: Connections, accountId: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date()
  const until = new Date(now.getTime() + ttlMs)
  const taken = await c.prisma.reconcileLease.updateMany({
    where: { accountId, OR: [{ holder }, { until: { lt: now } }] },
    data: { holder, until },
  })
  if (taken.count === 1) return true
  try {
    await c.prisma.reconcileLease.create({ data: { accountId, holder, until } })
    return true
  } catch (error) {
    // The row exists and someone else holds it (or just created it).
    if (isUniqueViolation(error)) return false
    throw error
  }
}

export async function releaseReconcileLease(c: Connections, accountId: string, holder: string): Promise<void> {
  await c.prisma.reconcileLease.deleteMany({ where: { accountId, holder } })
}

/** Who holds the account's lease now, if anyone. */
export async function getReconcileLease(c: Connections, accountId: string) {
  const row = await c.prisma.reconcileLease.findUnique({ where: { accountId } })
  return row && row.until > new Date() ? { holder: row.holder, until: row.until.toISOString() } : null
}

// ---------------------------------------------------------------------------------------------
// What we hold, by order id

const IDS_PER_QUERY = 500

/** Our status, newest LastModifiedDate and every status we hold of each of these orders (absent: never heard of it). */
export async function getHeldOrders(c: Connections, orderIds: readonly string[]) {
  const held = new Map<string, { status: string | null; lastModifiedDate: string | null; statuses: string[] }>()
  for (let i = 0; i < orderIds.length; i += IDS_PER_QUERY) {
    const ids = orderIds.slice(i, i + IDS_PER_QUERY) as string[]
    const [rows, states] = await Promise.all([
      c.prisma.order.findMany({ where: { orderId: { in: ids } }, select: { orderId: true, status: true, lastModifiedDate: true } }),
      // By the (orderId, sortAt) index: what these orders hold, however large the rest of the table is.
      c.prisma.notification.findMany({
        where: { orderId: { in: ids }, status: { not: null } },
        select: { orderId: true, status: true },
        distinct: ['orderId', 'status'],
      }),
    ])
    for (const r of rows) held.set(r.orderId, { status: r.status, lastModifiedDate: iso(r.lastModifiedDate), statuses: [] })
    for (const s of states) held.get(s.orderId!)?.statuses.push(s.status!)
  }
  return held
}

/** The states we hold notifications for (status and time), and the subscription the order's webhooks came through. */
export async function getHeldStates(c: Connections, orderId: string) {
  const rows = await c.prisma.notification.findMany({
    where: { orderId, status: { not: null } },
    select: { status: true, sortAt: true, subscriptionId: true },
    orderBy: { sortAt: 'asc' },
  })
  return {
    states: rows.map((r) => ({ status: r.status!, at: r.sortAt.toISOString() })),
    subscriptionId: rows.findLast((r) => r.subscriptionId)?.subscriptionId ?? null,
  }
}

/** Orders we hold in a status not in `terminal`, nothing heard for longer than `before`, oldest first. */
export async function listQuietOrders(
  c: Connections,
  before: Date,
  terminal: readonly string[],
  orderTypeKeys: readonly string[],
  limit: number,
) {
  const rows = await c.prisma.order.findMany({
    where: {
      lastSeenAt: { lt: before },
      status: { not: null, notIn: [...terminal] },
      orderTypeKey: { in: [...orderTypeKeys] },
    },
    select: { orderId: true, orderTypeKey: true, status: true, lastSeenAt: true },
    orderBy: { lastSeenAt: 'asc' },
    take: limit,
  })
  return rows.map((r) => ({ ...r, lastSeenAt: r.lastSeenAt.toISOString() }))
}

// ---------------------------------------------------------------------------------------------
// Findings

export type FindingInput = {
  runId: string
  kind: 'recovered' | 'unresolved'
  orderId: string
  orderType: string
  status?: string | null
  happenedAt?: Date | null
  learnedAt: Date
  notificationId?: string | null
  subscriptionId?: string | null
  reason?: string | null
}

/** Records a finding; a second one for the same run, order and state (a resumed run) changes nothing. */
export async function recordFinding(c: Connections, f: FindingInput): Promise<void> {
  const lateSeconds = f.happenedAt ? Math.max(Math.round((f.learnedAt.getTime() - f.happenedAt.getTime()) / 1000), 0) : null
  try {
    await c.prisma.reconcileFinding.create({
      data: {
        id: randomUUID(),
        ...f,
        status: f.status ?? null,
        happenedAt: f.happenedAt ?? null,
        notificationId: f.notificationId ?? null,
        subscriptionId: f.subscriptionId ?? null,
        reason: f.reason?.slice(0, 300) ?? null,
        lateSeconds,
        createdAt: new Date(),
      },
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
  }
}

/** For an order's timeline: the recovery behind each of these notifications (which run, when). */
export async function getRecoveries(c: Connections, notificationIds: readonly string[]) {
  if (notificationIds.length === 0) return new Map<string, { runId: string; learnedAt: string; lateSeconds: number | null }>()
  const rows = await c.prisma.reconcileFinding.findMany({
    where: { notificationId: { in: [...notificationIds] }, kind: 'recovered' },
    select: { notificationId: true, runId: true, learnedAt: true, lateSeconds: true },
  })
  return new Map(rows.map((r) => [r.notificationId!, { runId: r.runId, learnedAt: r.learnedAt.toISOString(), lateSeconds: r.lateSeconds }]))
}

/**
 * The overview's missed notifications: recovered states grouped by the subscription that should have brought them
 * (else the order type) and the UTC day they happened, newest day first.
 */
export async function listMissedNotificationGroups(c: Connections, since: Date, limit = 20) {
  const rows = await c.prisma.reconcileFinding.findMany({
    where: { kind: 'recovered', happenedAt: { gte: since } },
    select: { orderType: true, subscriptionId: true, happenedAt: true, runId: true, orderId: true },
    orderBy: { happenedAt: 'desc' },
    take: 5000,
  })
  const groups = new Map<
    string,
    { day: string; subscriptionId: string | null; orderType: string; count: number; orders: Set<string>; runId: string }
  >()
  for (const r of rows) {
    const day = r.happenedAt!.toISOString().slice(0, 10)
    const key = `${day}|${r.subscriptionId ?? ''}|${r.subscriptionId ? '' : r.orderType}`
    const g = groups.get(key) ?? {
      day,
      subscriptionId: r.subscriptionId,
      orderType: r.orderType,
      count: 0,
      orders: new Set(),
      runId: r.runId,
    }
    g.count++
    g.orders.add(r.orderId)
    groups.set(key, g)
  }
  return [...groups.values()].slice(0, limit).map(({ orders, ...g }) => ({ ...g, orders: orders.size }))
}

type RunRow = NonNullable<Awaited<ReturnType<Connections['prisma']['reconcileRun']['findUnique']>>>
type FindingRow = NonNullable<Awaited<ReturnType<Connections['prisma']['reconcileFinding']['findUnique']>>>

function toRunDto(r: RunRow) {
  const cursor = r.cursor ? (JSON.parse(r.cursor) as RunCursor) : null
  return {
    id: r.id,
    accountId: r.accountId,
    kind: r.kind as RunKind,
    trigger: r.trigger as 'schedule' | 'manual',
    requestedBy: r.requestedBy,
    status: r.status as RunStatus,
    from: r.fromDay,
    to: r.toDay,
    listed: r.listed,
    checked: r.checked,
    behind: r.behind,
    recovered: r.recovered,
    errors: r.errors,
    calls: r.calls,
    drifted: r.drifted,
    /** 0..1 for a backfill: days done of days in the range (the day being worked counts half). */
    progress: progressOf(r, cursor),
    lastError: r.lastError,
    startedAt: r.startedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  }
}

function progressOf(r: RunRow, cursor: RunCursor | null): number {
  if (r.status === 'done') return 1
  const days = Math.max(Math.round((Date.parse(`${r.toDay}T00:00:00Z`) - Date.parse(`${r.fromDay}T00:00:00Z`)) / 86_400_000) + 1, 1)
  const ranges = r.kind === 'backfill' ? days : 1
  if (!cursor) return 0
  return Math.min((cursor.range + (cursor.after || cursor.list > 0 ? 0.5 : 0)) / ranges, 0.99)
}

function toFindingDto(f: FindingRow) {
  return {
    id: f.id,
    kind: f.kind as 'recovered' | 'unresolved',
    orderId: f.orderId,
    orderType: f.orderType,
    status: f.status,
    happenedAt: iso(f.happenedAt),
    learnedAt: f.learnedAt.toISOString(),
    lateSeconds: f.lateSeconds,
    notificationId: f.notificationId,
    subscriptionId: f.subscriptionId,
    reason: f.reason,
  }
}

export type ReconcileRunDto = ReturnType<typeof toRunDto>
export type ReconcileFindingDto = ReturnType<typeof toFindingDto>
