// The missed-notification reconciler (issue 14, spec §6, design notes §3.3). Bandwidth sends each order notification
// once: whatever did not reach us is gone unless we ask. A run lists the orders Bandwidth changed in a window (a sweep:
// UTC yesterday through today; a backfill: an operator's range, one day at a time), compares each with what we hold
// (lib/orders/plan-reconciliation.ts, pure), and for each order we are behind on fetches its current state and history
// and recovers every missing state through the one door (ingestNotification, source "reconciled"): so summaries,
// the never-regress rule, the outbox and dedupe all apply, and a recovered state and the same state by webhook are one
// entry. One run per account across instances (a lease); progress and a cursor are saved as it goes, so a run that
// fails part-way goes on next time. It runs as a job (reconcile.run), started by the schedule or by an operator.
import { createHash, randomUUID } from 'node:crypto'
import { AppError } from '../app-error'
import { buildOrderNotificationXml } from '../bandwidth/build-notification-xml'
import type { OrderSummary } from '../bandwidth/parse-api-response'
import { config } from '../config'
import { recordAudit } from '../db/audit'
import type { Connections } from '../db/client'
import { enqueueJob, enqueueJobs } from '../db/jobs'
import {
  acquireReconcileLease,
  createReconcileRun,
  driftCheckedSince,
  getHeldOrders,
  getHeldStates,
  getReconcileRunRow,
  listQuietOrders,
  listResumableRuns,
  recordFinding,
  releaseReconcileLease,
  saveRunProgress,
  sweepRunningSince,
  type RunCounters,
  type RunCursor,
} from '../db/reconciliation'
import type { BandwidthClient } from '../integrations/bandwidth/bandwidth-client'
import { reconcileRun } from '../jobs/job-kinds'
import { signalJobsEnqueued } from '../jobs/job-signal'
import { ORDER_TYPES, findOrderType } from '../orders/order-types'
import {
  SWEEP_LISTS,
  daysBetween,
  findMissedStates,
  findOrdersBehind,
  formatListDay,
  isDrifting,
  sweepDays,
} from '../orders/plan-reconciliation'
import { getBandwidthClient, resolveBandwidthConnection } from './bandwidth-connection'
import { ingestNotification } from './ingest-notification'
import { reportFinding } from './issue-signals-from-outbox'
import { metrics } from './metrics'

/** Wait this long after Bandwidth's LastModifiedDate before calling a state missed: its webhook may be on the way. */
export const SETTLE_MS = 2 * 60_000
/** The lease outlives a stalled holder by this much; renewed after every chunk of orders. */
const LEASE_MS = 2 * 60_000
/** Orders compared per step (one read of ours, then the calls for those behind; progress saved after each). */
const CHUNK = 100
/** Non-terminal orders quiet for this long get their current state checked (the drift pass, at most hourly). */
const DRIFT_AFTER_MS = 24 * 3_600_000
const DRIFT_EVERY_MS = 3_600_000
const DRIFT_LIMIT = 50
/** A backfill covers at most this many days. */
export const MAX_BACKFILL_DAYS = 92

export type StartRunInput = { from?: string; to?: string }

/** An operator's run (a backfill when `from`/`to` are given, else a sweep now): the row, and its job. */
export async function startReconcileRun(c: Connections, requestedBy: string | null, input: StartRunInput): Promise<{ id: string }> {
  const resolved = await resolveBandwidthConnection(c)
  if (!resolved.configured) throw new AppError('conflict', `the reconciler needs a Bandwidth account: ${resolved.reason}`)
  let range: { fromDay: string; toDay: string }
  if (input.from || input.to) {
    const fromDay = (input.from ?? input.to)!.slice(0, 10)
    const toDay = (input.to ?? input.from)!.slice(0, 10)
    if (fromDay > toDay) throw new AppError('bad_request', '"from" is after "to"')
    if (toDay > new Date().toISOString().slice(0, 10)) throw new AppError('bad_request', '"to" is in the future')
    if (daysBetween(fromDay, toDay).length > MAX_BACKFILL_DAYS)
      throw new AppError('bad_request', `a backfill covers at most ${MAX_BACKFILL_DAYS} days`)
    range = { fromDay, toDay }
  } else range = sweepDays(new Date())
  const run = await createReconcileRun(c, {
    accountId: resolved.config.accountId,
    kind: input.from || input.to ? 'backfill' : 'sweep',
    trigger: 'manual',
    requestedBy,
    ...range,
  })
  await enqueueJobs(c, [enqueueJob(reconcileRun, { runId: run.id })])
  signalJobsEnqueued()
  return { id: run.id }
}

/** startReconcileRun for a person: audited. */
export async function startReconcileRunAudited(c: Connections, actor: { id: string; email: string }, input: StartRunInput) {
  const started = await startReconcileRun(c, actor.email, input)
  await recordAudit(c.prisma, {
    actor,
    action: 'reconcile.run',
    target: started.id,
    after: { from: input.from ?? null, to: input.to ?? null },
  })
  return started
}

/** The schedule's tick: off without an account or with interval 0; else resume failed backfills, then a new sweep. */
export async function scheduleSweep(c: Connections): Promise<string> {
  if (config().PORTWATCH_RECONCILE_INTERVAL_MINUTES === 0) return 'off: PORTWATCH_RECONCILE_INTERVAL_MINUTES=0'
  const resolved = await resolveBandwidthConnection(c)
  if (!resolved.configured) return `off: ${resolved.reason}`
  const accountId = resolved.config.accountId
  if (await sweepRunningSince(c, accountId, new Date(Date.now() - 2 * LEASE_MS))) return 'a sweep is still running: none started'
  const resumed = await listResumableRuns(c, accountId)
  for (const r of resumed) await saveRunProgress(c, r.id, { status: 'running', lastError: null })
  const run = await createReconcileRun(c, { accountId, kind: 'sweep', trigger: 'schedule', ...sweepDays(new Date()) })
  await enqueueJobs(c, [...resumed.map((r) => enqueueJob(reconcileRun, { runId: r.id })), enqueueJob(reconcileRun, { runId: run.id })])
  signalJobsEnqueued()
  return `sweep ${run.id} queued${resumed.length ? `, ${resumed.length} failed backfill(s) resumed` : ''}`
}

/** The lease is held by another run: the job fails this attempt and is tried again later (with backoff). */
export class LeaseBusy extends Error {}

/**
 * Runs (or goes on with) one run. Resolves to a one-line summary; a run that cannot go on (Bandwidth unreachable,
 * a list refused) is saved as failed with its cursor, and the next scheduled tick resumes it.
 */
export async function executeReconcileRun(
  c: Connections,
  runId: string,
  opts: {
    settleMs?: number
    /** The benchmark's own client (its rate budget); else the process's. */
    client?: BandwidthClient
    /** The job's last attempt: a lease still held by another run then fails this run (resumed later) instead of leaving it running with no job. */
    lastAttempt?: boolean
  } = {},
): Promise<string> {
  const run = await getReconcileRunRow(c, runId)
  if (!run) return `run ${runId} is gone`
  if (run.status !== 'running') return `run ${runId} is ${run.status}`
  const resolved = await resolveBandwidthConnection(c)
  if (!resolved.configured || resolved.config.accountId !== run.accountId)
    return finish(c, run.id, run.kind, 'failed', resolved.configured ? 'the Bandwidth account changed' : resolved.reason)
  const holder = `${run.id}:${randomUUID()}`
  if (!(await acquireReconcileLease(c, run.accountId, holder, LEASE_MS))) {
    if (opts.lastAttempt)
      return finish(c, run.id, run.kind, 'failed', 'another run held the account for as long as this one could wait: resumed next time')
    throw new LeaseBusy(`another reconciler run holds account ${run.accountId}: waiting`)
  }
  try {
    const counters: RunCounters = {
      listed: run.listed,
      checked: run.checked,
      behind: run.behind,
      recovered: run.recovered,
      errors: run.errors,
      calls: run.calls,
      drifted: run.drifted,
    }
    const got = opts.client ? { ok: true as const, client: opts.client } : await getBandwidthClient(c, `reconcile:${run.kind}`)
    if (!got.ok) return await finish(c, run.id, run.kind, 'failed', got.reason, counters)
    const client = got.client.withTrigger(`reconcile:${run.kind}`, () => {
      counters.calls++
      metrics().reconcilerCalls.inc()
    })
    const ctx: RunContext = { c, client, runId: run.id, counters, settleMs: opts.settleMs ?? SETTLE_MS, now: new Date() }
    const ranges =
      run.kind === 'backfill'
        ? daysBetween(run.from, run.to, MAX_BACKFILL_DAYS).map((d) => ({ from: d, to: d }))
        : [{ from: run.from, to: run.to }]
    let cursor: RunCursor = run.cursor ?? { range: 0, list: 0, after: null }
    for (; cursor.range < ranges.length; cursor = { range: cursor.range + 1, list: 0, after: null }) {
      for (; cursor.list < SWEEP_LISTS.length; cursor = { ...cursor, list: cursor.list + 1, after: null }) {
        const list = SWEEP_LISTS[cursor.list]
        const range = ranges[cursor.range]
        const listed = await client.listOrders(
          list.path,
          { startdate: formatListDay(range.from, list.dateFormat), enddate: formatListDay(range.to, list.dateFormat), size: '1000' },
          100,
        )
        if (!listed.ok) {
          await saveRunProgress(c, run.id, { ...counters, cursor })
          return await finish(c, run.id, run.kind, 'failed', `${list.path} ${range.from}..${range.to}: ${listed.reason}`, counters)
        }
        // Bandwidth pages by order id; sorting ourselves makes "the last order id done" a cursor that resumes anywhere.
        const rows = dedupeRows(listed.value)
          .filter((r) => cursor.after === null || r.orderId > cursor.after)
          .sort((a, b) => (a.orderId < b.orderId ? -1 : 1))
        if (cursor.after === null) counters.listed += rows.length
        for (let i = 0; i < rows.length; i += CHUNK) {
          const chunk = rows.slice(i, i + CHUNK)
          await checkChunk(ctx, list.orderType, chunk)
          cursor = { ...cursor, after: chunk.at(-1)!.orderId }
          await saveRunProgress(c, run.id, { ...counters, cursor })
          if (!(await acquireReconcileLease(c, run.accountId, holder, LEASE_MS)))
            return await finish(c, run.id, run.kind, 'failed', 'lost the lease to another run: resumed next time', counters)
        }
      }
    }
    if (run.kind === 'sweep' && !(await driftCheckedSince(c, run.accountId, new Date(Date.now() - DRIFT_EVERY_MS)))) await checkDrift(ctx)
    await saveRunProgress(c, run.id, { ...counters, cursor: { range: ranges.length, list: 0, after: null } })
    return await finish(c, run.id, run.kind, 'done', null, counters)
  } finally {
    await releaseReconcileLease(c, run.accountId, holder)
  }
}

type RunContext = { c: Connections; client: BandwidthClient; runId: string; counters: RunCounters; settleMs: number; now: Date }

async function finish(
  c: Connections,
  runId: string,
  kind: string,
  status: 'done' | 'failed',
  reason: string | null,
  counters?: RunCounters,
): Promise<string> {
  await saveRunProgress(c, runId, { ...(counters ?? {}), status, lastError: reason, finished: true })
  metrics().reconcilerRuns.inc({ kind, outcome: status })
  const tally = counters
    ? `checked ${counters.checked}, behind on ${counters.behind}, recovered ${counters.recovered} state(s), ${counters.errors} unresolved, ${counters.calls} call(s)`
    : ''
  return `${kind} ${runId} ${status}${reason ? ` (${reason})` : ''}${tally ? `: ${tally}` : ''}`
}

function dedupeRows(rows: OrderSummary[]): OrderSummary[] {
  const byId = new Map<string, OrderSummary>()
  for (const r of rows) {
    const seen = byId.get(r.orderId)
    if (!seen || (r.lastModifiedDate ?? '') > (seen.lastModifiedDate ?? '')) byId.set(r.orderId, r)
  }
  return [...byId.values()]
}

async function checkChunk(ctx: RunContext, orderType: string, rows: OrderSummary[]): Promise<void> {
  const held = await getHeldOrders(
    ctx.c,
    rows.map((r) => r.orderId),
  )
  const verdict = findOrdersBehind(rows, held, { now: ctx.now, settleMs: ctx.settleMs, orderTypeKey: orderType })
  ctx.counters.checked += verdict.behind.length + verdict.upToDate
  for (const row of verdict.behind) {
    ctx.counters.behind++
    await recoverOrder(ctx, orderType, row.orderId)
  }
}

/** Fetches one order's current state and history and recovers what we miss; an order it cannot read is unresolved. */
async function recoverOrder(ctx: RunContext, orderTypeKey: string, orderId: string): Promise<void> {
  const type = findOrderType(orderTypeKey)
  if (!type) return
  const learnedAt = new Date()
  const state = await ctx.client.getOrder(type.apiPath, orderId)
  if (!state.ok) {
    const reason = state.status === 404 ? 'Bandwidth does not know this order (404)' : state.reason
    return unresolved(ctx, type.key, orderId, reason, learnedAt)
  }
  const history = await ctx.client.getOrderHistory(type.apiPath, orderId)
  // History lags and may fail on its own; the current state from the order itself is still recovered.
  if (!history.ok) await unresolved(ctx, type.key, orderId, `history: ${history.reason}`, learnedAt)
  const held = await getHeldStates(ctx.c, orderId)
  const missed = findMissedStates(held.states, {
    status: state.value.status,
    lastModifiedDate: state.value.lastModifiedDate,
    history: history.ok ? history.value.entries : [],
  })
  for (const m of missed) {
    const xml = buildOrderNotificationXml({
      orderId,
      orderType: type.apiName,
      status: m.status,
      subscriptionId: null,
      message: m.note,
      lastModifiedDate: m.at,
    })
    const result = await ingestNotification(ctx.c, { delivery: reconciledDelivery(xml, ctx.runId, learnedAt), xml })
    // A duplicate: the webhook (or another run) brought this very state meanwhile; nothing was missed after all.
    if (result.outcome !== 'accepted') continue
    ctx.counters.recovered++
    const happenedAt = new Date(m.at)
    await recordFinding(ctx.c, {
      runId: ctx.runId,
      kind: 'recovered',
      orderId,
      orderType: type.key,
      status: m.status,
      happenedAt,
      learnedAt,
      notificationId: result.notificationId,
      subscriptionId: held.subscriptionId,
    })
    metrics().reconcilerGaps.inc({ order_type: type.key })
    metrics().reconcilerLag.observe(Math.max((learnedAt.getTime() - happenedAt.getTime()) / 1000, 0))
    await reportFinding(ctx.c, {
      kind: 'reconciler.recovered',
      subjectKey: `order:${orderId}`,
      subjectLabel: `${type.key} ${orderId}`,
      holds: true,
      at: learnedAt,
      sourceKey: `reconciled:${result.notificationId}`,
      detail: `${m.status} at ${m.at} reached us by no notification; recovered from Bandwidth by run ${ctx.runId}`,
      orderType: type.key,
    })
  }
}

async function unresolved(ctx: RunContext, orderType: string, orderId: string, reason: string, learnedAt: Date): Promise<void> {
  ctx.counters.errors++
  metrics().reconcilerUnresolved.inc({ order_type: orderType })
  await recordFinding(ctx.c, { runId: ctx.runId, kind: 'unresolved', orderId, orderType, learnedAt, reason })
}

/** The drift pass: quiet non-terminal orders of the types Bandwidth lets us read get their current state checked. */
async function checkDrift(ctx: RunContext): Promise<void> {
  const readable = ORDER_TYPES.filter((t) => t.lifecycle)
  const terminal = [...new Set(readable.flatMap((t) => t.lifecycle!.terminal))]
  const quiet = await listQuietOrders(
    ctx.c,
    new Date(ctx.now.getTime() - DRIFT_AFTER_MS),
    terminal,
    readable.map((t) => t.key),
    DRIFT_LIMIT,
  )
  for (const o of quiet.filter((q) => isDrifting(q, ctx.now, DRIFT_AFTER_MS))) {
    ctx.counters.drifted++
    const type = findOrderType(o.orderTypeKey)!
    const state = await ctx.client.getOrder(type.apiPath, o.orderId)
    if (!state.ok) {
      await unresolved(ctx, type.key, o.orderId, state.status === 404 ? 'Bandwidth does not know this order (404)' : state.reason, ctx.now)
      continue
    }
    const status = state.value.status?.toUpperCase()
    if (status && status !== o.status?.toUpperCase()) {
      ctx.counters.behind++
      await recoverOrder(ctx, type.key, o.orderId)
    }
  }
}

function reconciledDelivery(xml: string, runId: string, at: Date) {
  const body = Buffer.from(xml, 'utf8')
  return {
    id: randomUUID(),
    endpoint: 'notifications' as const,
    source: 'reconciled' as const,
    receivedAt: at,
    contentType: 'application/xml; charset=utf-8',
    headers: { 'x-portwatch-reconcile-run': runId },
    bodySha256: createHash('sha256').update(body).digest('hex'),
    bodySize: body.length,
    body: xml,
    bodyEncoding: 'utf8' as const,
    bodyTruncated: false,
  }
}
