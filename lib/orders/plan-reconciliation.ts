// Pure: what the reconciler is behind on (spec §6, design notes §3.3). Given the orders Bandwidth says it changed
// and what we hold, which orders need their current state and history fetched; given those, which states no
// notification brought us. No I/O: lib/server/reconcile.ts feeds it the API's answers and our rows.
import type { OrderHistoryEntry, OrderSummary } from '../bandwidth/parse-api-response'
import { findOrderType } from './order-types'

/** A sweep list endpoint per order type (spec §6.4): a date range returns the latest row per order changed in it. */
export type SweepList = { orderType: string; path: string; dateFormat: 'YYYY-MM-DD' | 'YY-MM-DD' }

export const SWEEP_LISTS: readonly SweepList[] = [
  { orderType: 'portins', path: '/portins/status', dateFormat: 'YYYY-MM-DD' },
  { orderType: 'portouts', path: '/portouts/status', dateFormat: 'YYYY-MM-DD' },
  // /orders spells its dates YY-MM-DD (spec §6.4).
  { orderType: 'orders', path: '/orders', dateFormat: 'YY-MM-DD' },
]

/**
 * What we hold of one order: its status, the LastModifiedDate of the newest notification, and every status we hold a
 * notification for (a state lost in the middle leaves the newest one matching Bandwidth's list).
 */
export type HeldOrder = { status: string | null; lastModifiedDate: string | null; statuses?: readonly string[] }

export type BehindVerdict = { behind: OrderSummary[]; upToDate: number; tooRecent: OrderSummary[] }

/**
 * The listed orders we are behind on: unknown to us, changed after our newest notification, or in another status.
 * One changed within `settleMs` of `now` is left for the next run: its webhook (and Bandwidth's history) may still
 * be on the way (design notes §3.3: wait at least two minutes).
 */
export function findOrdersBehind(
  listed: readonly OrderSummary[],
  held: ReadonlyMap<string, HeldOrder>,
  opts: { now: Date; settleMs: number; orderTypeKey?: string },
): BehindVerdict {
  const path = opts.orderTypeKey ? (findOrderType(opts.orderTypeKey)?.lifecycle?.path ?? []) : []
  const behind: OrderSummary[] = []
  const tooRecent: OrderSummary[] = []
  let upToDate = 0
  for (const row of listed) {
    const theirs = time(row.lastModifiedDate)
    if (theirs !== null && theirs > opts.now.getTime() - opts.settleMs) {
      tooRecent.push(row)
      continue
    }
    const ours = held.get(row.orderId)
    if (isBehind(row, theirs, ours) || skipsPath(row, ours, path)) behind.push(row)
    else upToDate++
  }
  return { behind, upToDate, tooRecent }
}

function isBehind(row: OrderSummary, theirs: number | null, ours: HeldOrder | undefined): boolean {
  if (!ours) return true
  const mine = time(ours.lastModifiedDate)
  if (theirs !== null && (mine === null || theirs > mine)) return true
  return (
    Boolean(row.status) && row.status!.toUpperCase() !== (ours.status ?? '').toUpperCase() && (theirs === null || theirs >= (mine ?? 0))
  )
}

/**
 * A state lost in the middle: the list shows a state of the type's happy path, and we hold no notification for a
 * state before it on that path (PENDING_DOCUMENTS, FOC but no SUBMITTED). An order that really skipped one costs a
 * history call each sweep while it stays in the window.
 */
function skipsPath(row: OrderSummary, ours: HeldOrder | undefined, path: readonly string[]): boolean {
  if (!ours?.statuses || !row.status) return false
  const at = path.indexOf(row.status.toUpperCase())
  if (at <= 0) return false
  const have = new Set(ours.statuses.map((s) => s.toUpperCase()))
  return path.slice(0, at).some((s) => !have.has(s))
}

/** A state we hold for the order: from a notification (webhook or an earlier recovery). */
export type HeldState = { status: string; at: string }

/** A state to recover through the one door. */
export type MissedState = { status: string; at: string; note?: string; from: 'history' | 'order' }

/**
 * The states Bandwidth's history and current state show that we hold no notification for. A history entry is held
 * when we have the same status within `toleranceMs` of its OrderDate (a webhook's LastModifiedDate and history's
 * OrderDate may differ by seconds; the same status hours apart is a second visit). History lags (spec §6.2), so the
 * current state comes from the order itself: recovered at its LastModifiedDate when history does not end in it yet.
 */
export function findMissedStates(
  held: readonly HeldState[],
  theirs: { status?: string; lastModifiedDate?: string; history: readonly OrderHistoryEntry[] },
  toleranceMs = 5 * 60_000,
): MissedState[] {
  const isHeld = (status: string, at: number) =>
    held.some((h) => h.status.toUpperCase() === status && Math.abs((time(h.at) ?? Number.NaN) - at) <= toleranceMs)
  const missed: MissedState[] = []
  const known: { status: string; at: number }[] = held.flatMap((h) => {
    const at = time(h.at)
    return at === null ? [] : [{ status: h.status.toUpperCase(), at }]
  })
  for (const h of theirs.history) {
    const at = time(h.orderDate)
    if (!h.status || at === null) continue
    const status = h.status.toUpperCase()
    known.push({ status, at })
    if (isHeld(status, at) || missed.some((m) => m.status === status && time(m.at) === at)) continue
    missed.push({ status, at: new Date(at).toISOString(), ...(h.note ? { note: h.note } : {}), from: 'history' })
  }
  const current = theirs.status?.toUpperCase()
  const currentAt = time(theirs.lastModifiedDate)
  if (current && currentAt !== null) {
    const latest = known.reduce<{ status: string; at: number } | null>((a, b) => (!a || b.at >= a.at ? b : a), null)
    if (latest?.status !== current && !isHeld(current, currentAt))
      missed.push({ status: current, at: new Date(currentAt).toISOString(), from: 'order' })
  }
  return missed.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
}

/** Whether an order we hold in `status` has been quiet long enough to check its current state (the drift pass). */
export function isDrifting(
  order: { orderTypeKey: string; status: string | null; lastSeenAt: string },
  now: Date,
  afterMs: number,
): boolean {
  if (!order.status) return false
  const terminal = findOrderType(order.orderTypeKey)?.lifecycle?.terminal ?? ['COMPLETE', 'FAILED', 'CANCELLED']
  if (terminal.includes(order.status.toUpperCase())) return false
  return now.getTime() - Date.parse(order.lastSeenAt) > afterMs
}

/** The days a sweep lists (UTC yesterday through today: Bandwidth's dates are whole days in an undocumented zone). */
export function sweepDays(now: Date): { fromDay: string; toDay: string } {
  const today = now.toISOString().slice(0, 10)
  return { fromDay: new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), toDay: today }
}

/** Every UTC day from `fromDay` through `toDay` (YYYY-MM-DD), at most `max`: a backfill lists one day at a time. */
export function daysBetween(fromDay: string, toDay: string, max = 366): string[] {
  const out: string[] = []
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${toDay}T00:00:00Z`) && out.length < max; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

/** A day in the list endpoint's spelling. */
export function formatListDay(day: string, format: SweepList['dateFormat']): string {
  return format === 'YY-MM-DD' ? day.slice(2) : day
}

function time(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isFinite(t) ? t : null
}
