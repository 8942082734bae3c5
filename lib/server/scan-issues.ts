// The scheduled look for conditions that no single event reveals (issues.scan, every 5 minutes): orders stuck,
// FOC dates tomorrow, today or passed, no notification for the quiet time, spikes of refused deliveries and of
// failed webhook sign-ins, and the end of a port-out burst. Each condition found opens its issue once; each
// unresolved issue of these kinds whose condition is gone is resolved.
import { formatDate } from '@/lib/format/format-date-time'
import { FOC_KINDS, focStage, orderSubject, thresholdSignal, type IssueSignal } from '../alerts/issue-signals'
import type { IssueKind } from '../alerts/issue-kinds'
import { describeQuietHours, watchedMinutesBetween } from '../alerts/quiet-hours'
import { maskCpni } from '../portout/mask-cpni'
import type { Connections } from '../db/client'
import { unresolvedSubjects } from '../db/issues'
import { focAlarmWhere } from '../db/list-orders'
import { applyIssueSignals } from './issue-signals-from-outbox'
import type { Cursor } from '../db/cursor'
import { firstOrdersOfPairs, readOrderCounts, stuckPairs } from '../db/order-counts'
import { detectStuck, type StuckThresholds } from '../orders/detect-stuck'
import { runReadProgram } from '../db/sql'
import { getAppSettings } from '../db/settings'
import { countRejectedDeliveries, countWebhookAuthFailures } from '../db/webhook-auth-failures'
import { isTerminalStatus } from '../orders/order-lifecycles'

/** At most this many new issues of one kind per scan: a first scan of a large history must not flood anyone. */
const MAX_NEW_PER_KIND = 500
const HOUR = 3_600_000

type Found = { subjectKey: string; subjectLabel: string; detail: string; orderType?: string | null }

export async function scanForIssues(c: Connections, now = new Date(), options: { focPageSize?: number } = {}): Promise<string> {
  const settings = await getAppSettings(c)
  const slot = now.toISOString()
  const found = new Map<IssueKind, Found[]>()
  const add = (kind: IssueKind, f: Found) => found.set(kind, [...(found.get(kind) ?? []), f])

  // FOC dates from a month back to the end of tomorrow (UTC) of orders not final (a later one is not a worry yet):
  // the overview's FOC alarm query, one range per FOC order type on Order(orderTypeKey, actualFocDate, status).
  // Paged by order id: every order in the window is seen (an order past a first page would otherwise have its
  // issue resolved as cleared on every scan).
  for await (const o of focAlarmOrders(c, now, options.focPageSize)) {
    const stage = focStage({ orderType: o.orderType, status: o.status, focDate: o.actualFocDate }, now)
    if (stage && !isTerminalStatus(o.orderType, o.status))
      add(stage, {
        subjectKey: orderSubject(o.orderId),
        subjectLabel: `${o.orderType} ${o.orderId}`,
        detail: `FOC ${formatDate(o.actualFocDate!)} (UTC), status ${o.status ?? '(none)'}`,
        orderType: o.orderType,
      })
  }

  const last = await c.prisma.notification.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } })
  // Nothing ever received is a fresh install, not silence. Only watched hours count (a quiet weekend is no news).
  const silent = last ? watchedMinutesBetween(last.receivedAt, now, settings.quietHours) : 0
  if (last && silent > settings.quietAlertMinutes)
    add('traffic.quiet', {
      subjectKey: 'receiver:notifications',
      subjectLabel: 'the notifications receiver',
      detail: `no notification since ${last.receivedAt.toISOString()} (${Math.round(silent)} min counted ${describeQuietHours(settings.quietHours)})`,
    })

  const rejected = await countRejectedDeliveries(c, new Date(now.getTime() - HOUR))
  if (rejected >= settings.rejectedSpikePerHour)
    add('deliveries.rejected_spike', {
      subjectKey: 'receiver:deliveries',
      subjectLabel: 'the webhook receivers',
      detail: `${rejected} deliveries refused in the last hour`,
    })

  for (const f of await countWebhookAuthFailures(c, new Date(now.getTime() - 15 * 60_000)))
    if (f.count >= settings.authFailureSpikePer15Minutes)
      add('auth.failure_spike', {
        ...authSubject(f.address, f.username),
        detail: `${f.count} requests with wrong credentials in 15 minutes`,
      })

  for (const b of await portoutBursts(c, now, settings.portoutBurstPerHour)) add('portout.burst', b)

  const stuck = await scanStuckOrders(c, now, settings.stuckThresholdsHours)
  const signals: IssueSignal[] = []
  for (const kind of [...FOC_KINDS, 'traffic.quiet', 'deliveries.rejected_spike', 'auth.failure_spike', 'portout.burst'] as const) {
    const now_ = found.get(kind) ?? []
    const holding = new Set(now_.map((f) => f.subjectKey))
    const unresolved = await unresolvedSubjects(c, kind)
    const already = new Set(unresolved.map((u) => u.subjectKey))
    for (const f of now_.filter((f) => !already.has(f.subjectKey)))
      signals.push({ ...thresholdSignal({ kind, ...f, holds: true, slot }), orderType: f.orderType ?? null })
    for (const u of unresolved.filter((u) => !holding.has(u.subjectKey)))
      signals.push(thresholdSignal({ kind, ...u, holds: false, slot, detail: 'the condition has cleared' }))
  }
  const applied = await applyIssueSignals(c, signals, now)
  const opened = stuck.opened + applied.filter((a) => a.event === 'opened' || a.event === 'reopened').length
  const resolved = stuck.resolved + applied.filter((a) => a.event === 'resolved').length
  return `scan: ${opened} opened, ${resolved} resolved`
}

/** Orders read per page of the FOC scan. */
export const FOC_SCAN_PAGE = 2000

async function* focAlarmOrders(c: Connections, now: Date, pageSize = FOC_SCAN_PAGE) {
  const where = { AND: [focAlarmWhere(now), { actualFocDate: { gte: new Date(now.getTime() - 30 * 24 * HOUR) } }] }
  for (let after: string | undefined; ;) {
    const page = await c.prisma.order.findMany({
      where: after === undefined ? where : { AND: [where, { orderId: { gt: after } }] },
      orderBy: { orderId: 'asc' },
      take: pageSize,
      select: { orderId: true, orderType: true, status: true, actualFocDate: true },
    })
    yield* page
    if (page.length < pageSize) return
    after = page.at(-1)!.orderId
  }
}

/** Orders read and signals applied per step of the stuck scan: memory stays bounded however many are stuck. */
export const STUCK_SCAN_PAGE = 500

/**
 * order.stuck, paged: every stuck order, oldest first, one short index range per (type, status) pair and page (as
 * the overview reads them), opens its issue (at most MAX_NEW_PER_KIND new ones a scan: the rest open on the next);
 * then every unresolved order.stuck issue, page by page, whose order is no longer stuck (or gone) resolves. Neither
 * side stops at a fixed number, so an order past the first few hundred is neither missed nor wrongly resolved.
 */
export async function scanStuckOrders(
  c: Connections,
  now: Date,
  thresholds: StuckThresholds,
  page = STUCK_SCAN_PAGE,
): Promise<{ opened: number; resolved: number }> {
  const slot = now.toISOString()
  let opened = 0
  let resolved = 0
  let cursor: Cursor | undefined
  const pairs = stuckPairs(await runReadProgram(c, readOrderCounts), now, thresholds)
  while (opened < MAX_NEW_PER_KIND) {
    const ids = await runReadProgram(c, firstOrdersOfPairs, pairs, page, 'asc', cursor)
    if (ids.length === 0) break
    const orders = await c.prisma.order.findMany({ where: { orderId: { in: ids } }, orderBy: [{ lastSeenAt: 'asc' }, { orderId: 'asc' }] })
    const last = orders.at(-1)
    cursor = last ? { at: last.lastSeenAt, id: last.orderId } : undefined
    const keys = orders.map((o) => orderSubject(o.orderId))
    const known = await c.prisma.issue.findMany({
      where: { kind: 'order.stuck', subjectKey: { in: keys }, state: { not: 'resolved' } },
      select: { subjectKey: true },
    })
    const already = new Set(known.map((k) => k.subjectKey))
    const fresh = orders.filter((o) => !already.has(orderSubject(o.orderId))).slice(0, MAX_NEW_PER_KIND - opened)
    const applied = await applyIssueSignals(
      c,
      fresh.map((o) => ({
        ...thresholdSignal({
          kind: 'order.stuck',
          subjectKey: orderSubject(o.orderId),
          subjectLabel: `${o.orderType} ${o.orderId}`,
          detail: `no news since ${o.lastSeenAt.toISOString()} (${o.status ?? 'no status'})`,
          holds: true,
          slot,
        }),
        orderType: o.orderType,
      })),
      now,
    )
    opened += applied.filter((a) => a.event === 'opened' || a.event === 'reopened').length
    if (ids.length < page || !cursor) break
  }
  let after = ''
  for (;;) {
    const open = await c.prisma.issue.findMany({
      where: { kind: 'order.stuck', state: { not: 'resolved' }, id: { gt: after } },
      orderBy: { id: 'asc' },
      select: { id: true, subjectKey: true, subjectLabel: true },
      take: page,
    })
    if (open.length === 0) break
    after = open.at(-1)!.id
    const orderIds = open.map((i) => i.subjectKey.slice('order:'.length))
    const stillStuck = new Set(
      (await c.prisma.order.findMany({ where: { orderId: { in: orderIds } } }))
        .filter((o) => detectStuck(o, now, thresholds) !== null)
        .map((o) => orderSubject(o.orderId)),
    )
    const applied = await applyIssueSignals(
      c,
      open
        .filter((i) => !stillStuck.has(i.subjectKey))
        .map((i) => thresholdSignal({ kind: 'order.stuck', ...i, holds: false, slot, detail: 'the condition has cleared' })),
      now,
    )
    resolved += applied.filter((a) => a.event === 'resolved').length
    if (open.length < page) break
  }
  return { opened, resolved }
}

export function authSubject(address: string, username: string): { subjectKey: string; subjectLabel: string } {
  return { subjectKey: `source:${address}|${username}`, subjectLabel: `${address} as "${username || '(no username)'}"` }
}

/** The subject of a burst: the account's key (a digest, never the number itself), shown masked. */
export function accountSubject(accountKey: string, accountNumber: string): { subjectKey: string; subjectLabel: string } {
  return { subjectKey: `account:${accountKey}`, subjectLabel: `account ${maskCpni(accountNumber)}` }
}

/**
 * Accounts named in at least `threshold` port-out requests within the hour before `now`: one range of the
 * (firstReceivedAt) index and a count per account key, whatever the history holds; the label reads one request per burst.
 */
export async function portoutBursts(c: Connections, now: Date, threshold: number): Promise<Found[]> {
  const counts = await c.prisma.portoutRequest.groupBy({
    by: ['accountKey'],
    where: { firstReceivedAt: { gte: new Date(now.getTime() - HOUR), lte: now }, accountKey: { not: null } },
    _count: { _all: true },
    having: { accountKey: { _count: { gte: threshold } } },
  })
  const found: Found[] = []
  for (const { accountKey, _count } of counts) {
    const latest = await c.prisma.portoutRequest.findFirst({
      where: { accountKey },
      orderBy: { firstReceivedAt: 'desc' },
      select: { request: true },
    })
    const account = latest ? (JSON.parse(latest.request) as { accountNumber?: string }).accountNumber : undefined
    found.push({ ...accountSubject(accountKey!, account ?? ''), detail: `${_count._all} port-out requests in the last hour` })
  }
  return found
}

/** How many port-out requests named this account within the hour before `at`: one range of the (accountKey, firstReceivedAt) index. */
export function countAccountRequests(c: Connections, accountKey: string, at: Date): Promise<number> {
  return c.prisma.portoutRequest.count({ where: { accountKey, firstReceivedAt: { gte: new Date(at.getTime() - HOUR), lte: at } } })
}
