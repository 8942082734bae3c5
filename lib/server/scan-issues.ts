// The scheduled look for conditions that no single event reveals (issues.scan, every 5 minutes): orders stuck,
// FOC dates tomorrow, today or passed, no notification for the quiet time, spikes of refused deliveries and of
// failed webhook sign-ins, and the end of a port-out burst. Each condition found opens its issue once; each
// unresolved issue of these kinds whose condition is gone is resolved.
import { formatDate } from '@/lib/format/format-date-time'
import { createHash } from 'node:crypto'
import { FOC_KINDS, focStage, orderSubject, thresholdSignal, type IssueSignal } from '../alerts/issue-signals'
import type { IssueKind } from '../alerts/issue-kinds'
import { maskCpni } from '../portout/mask-cpni'
import type { Connections } from '../db/client'
import { unresolvedSubjects } from '../db/issues'
import { applyIssueSignals } from './issue-signals-from-outbox'
import { firstOrdersOfPairs, readOrderCounts, stuckPairs } from '../db/order-counts'
import { runReadProgram } from '../db/sql'
import { getAppSettings } from '../db/settings'
import { countRejectedDeliveries, countWebhookAuthFailures } from '../db/webhook-auth-failures'
import { isTerminalStatus } from '../orders/order-lifecycles'

/** At most this many new issues of one kind per scan: a first scan of a large history must not flood anyone. */
const MAX_NEW_PER_KIND = 500
const HOUR = 3_600_000

type Found = { subjectKey: string; subjectLabel: string; detail: string; orderType?: string | null }

export async function scanForIssues(c: Connections, now = new Date()): Promise<string> {
  const settings = await getAppSettings(c)
  const slot = now.toISOString()
  const found = new Map<IssueKind, Found[]>()
  const add = (kind: IssueKind, f: Found) => found.set(kind, [...(found.get(kind) ?? []), f])

  // The oldest stuck orders: one short index range per (type, status) pair, as the overview reads them.
  const stuckIds = await runReadProgram(c, function* () {
    const counts = yield* readOrderCounts()
    return yield* firstOrdersOfPairs(stuckPairs(counts, now, settings.stuckThresholdsHours), MAX_NEW_PER_KIND, 'asc')
  })
  const stuck = await c.prisma.order.findMany({ where: { orderId: { in: stuckIds } }, orderBy: { lastSeenAt: 'asc' } })
  for (const o of stuck)
    add('order.stuck', {
      subjectKey: orderSubject(o.orderId),
      subjectLabel: `${o.orderType} ${o.orderId}`,
      detail: `no news since ${o.lastSeenAt.toISOString()} (${o.status ?? 'no status'})`,
      orderType: o.orderType,
    })

  // FOC dates from a month back to the end of tomorrow (UTC); a later one is not a worry yet.
  const endOfTomorrow = new Date((Math.floor(now.getTime() / 86_400_000) + 2) * 86_400_000)
  const foc = await c.prisma.order.findMany({
    where: { actualFocDate: { gte: new Date(now.getTime() - 30 * 24 * HOUR), lt: endOfTomorrow } },
    take: 5000,
  })
  for (const o of foc) {
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
  // Nothing ever received is a fresh install, not silence.
  if (last && now.getTime() - last.receivedAt.getTime() > settings.quietAlertMinutes * 60_000)
    add('traffic.quiet', {
      subjectKey: 'receiver:notifications',
      subjectLabel: 'the notifications receiver',
      detail: `no notification since ${last.receivedAt.toISOString()}`,
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

  const signals: IssueSignal[] = []
  for (const kind of [
    'order.stuck',
    ...FOC_KINDS,
    'traffic.quiet',
    'deliveries.rejected_spike',
    'auth.failure_spike',
    'portout.burst',
  ] as const) {
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
  const opened = applied.filter((a) => a.event === 'opened' || a.event === 'reopened').length
  const resolved = applied.filter((a) => a.event === 'resolved').length
  return `scan: ${opened} opened, ${resolved} resolved`
}

export function authSubject(address: string, username: string): { subjectKey: string; subjectLabel: string } {
  return { subjectKey: `source:${address}|${username}`, subjectLabel: `${address} as "${username || '(no username)'}"` }
}

/** The subject of a burst: a digest of the account number (never the number itself), shown masked. */
export function accountSubject(accountNumber: string): { subjectKey: string; subjectLabel: string } {
  const digest = createHash('sha256').update(accountNumber.trim()).digest('hex').slice(0, 24)
  return { subjectKey: `account:${digest}`, subjectLabel: `account ${maskCpni(accountNumber)}` }
}

/** Accounts named in at least `threshold` port-out requests within the last hour. */
export async function portoutBursts(c: Connections, now: Date, threshold: number): Promise<Found[]> {
  const recent = await c.prisma.portoutRequest.findMany({
    where: { firstReceivedAt: { gte: new Date(now.getTime() - HOUR) } },
    select: { request: true },
    take: 20_000,
  })
  const counts = new Map<string, number>()
  for (const r of recent) {
    const account = (JSON.parse(r.request) as { accountNumber?: unknown }).accountNumber
    if (typeof account === 'string' && account.trim() !== '') counts.set(account.trim(), (counts.get(account.trim()) ?? 0) + 1)
  }
  return [...counts]
    .filter(([, n]) => n >= threshold)
    .map(([account, n]) => ({ ...accountSubject(account), detail: `${n} port-out requests in the last hour` }))
}
