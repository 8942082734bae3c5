// Pure: which events open and which clear which issue kind. A signal names the condition (kind + subject), says
// whether it holds now (open) or has ended (clear), when that was known (`at`, used to ignore an older signal
// that arrives late), and a source key, so the same event counted twice (a job run again after a crash) counts once.
import { isTerminalStatus } from '../orders/order-lifecycles'
import { findOrderType } from '../orders/order-types'
import type { IssueKind } from './issue-kinds'

export type IssueSignal = {
  kind: IssueKind
  subjectKey: string
  /** What a person reads (numbers yes, never CPNI or a secret). */
  subjectLabel: string
  action: 'open' | 'clear'
  /** ISO time of the condition as its source knows it. */
  at: string
  /** Unique per event and kind: a repeat of the same key changes nothing. */
  sourceKey: string
  /** One line for the issue's history. */
  detail: string
  /** For rule filters. */
  orderType?: string | null
}

export type TransitionInput = { notificationId: string; orderId: string; orderType: string; from: string | null; to: string; at: string }

const STATUS_KINDS: Record<string, IssueKind> = {
  EXCEPTION: 'order.exception',
  REQUESTED_SUPP: 'order.requested_supp',
  FAILED: 'order.failed',
  PARTIAL: 'order.partial',
  BACKORDERED: 'order.backordered',
}

/** The issue kind an order's status opens for its type, or null when the status asks nothing of anyone. */
export function kindForOrderStatus(orderType: string, status: string | null): IssueKind | null {
  if (status === null) return null
  const s = status.toUpperCase()
  const type = findOrderType(orderType)
  // A status that is an attention status of its own type, or one of the five named kinds on a type nobody documented.
  const attention = type ? (type.attentionStatuses as readonly string[]).includes(s) : s in STATUS_KINDS
  if (!attention) return null
  return STATUS_KINDS[s] ?? 'order.attention'
}

export const orderSubject = (orderId: string) => `order:${orderId}`

/** What an order's status transition opens and clears. */
export function signalsForTransition(t: TransitionInput): IssueSignal[] {
  const subjectKey = orderSubject(t.orderId)
  const base = { subjectKey, subjectLabel: `${t.orderType} ${t.orderId}`, at: t.at, orderType: t.orderType }
  const key = (kind: string) => `transition:${t.notificationId}:${kind}`
  const out: IssueSignal[] = []
  const left = kindForOrderStatus(t.orderType, t.from)
  const entered = kindForOrderStatus(t.orderType, t.to)
  if (left && left !== entered)
    out.push({ ...base, kind: left, action: 'clear', sourceKey: key(left), detail: `left ${t.from} for ${t.to}` })
  if (entered)
    out.push({ ...base, kind: entered, action: 'open', sourceKey: key(entered), detail: `${t.from ?? '(first status)'} → ${t.to}` })
  // Any news means the order is not stuck any more; a final state ends every FOC worry.
  out.push({ ...base, kind: 'order.stuck', action: 'clear', sourceKey: key('order.stuck'), detail: `news: ${t.to}` })
  if (isTerminalStatus(t.orderType, t.to))
    for (const kind of FOC_KINDS) out.push({ ...base, kind, action: 'clear', sourceKey: key(kind), detail: `the order reached ${t.to}` })
  return out
}

export const FOC_KINDS = ['foc.tomorrow', 'foc.today', 'foc.passed'] as const satisfies readonly IssueKind[]
export type FocKind = (typeof FOC_KINDS)[number]

/**
 * Where an order stands against its FOC date on `now`'s UTC day: tomorrow, today, passed, or null (further away,
 * no date, or the order is finished). Days are UTC days: Bandwidth's FOC date is a day, and the UI shows UTC too.
 */
export function focStage(o: { orderType: string; status: string | null; focDate: string | Date | null }, now: Date): FocKind | null {
  if (o.focDate === null || isTerminalStatus(o.orderType, o.status)) return null
  const day = (d: Date) => Math.floor(d.getTime() / 86_400_000)
  const diff = day(new Date(o.focDate)) - day(now)
  if (diff === 1) return 'foc.tomorrow'
  if (diff === 0) return 'foc.today'
  if (diff < 0) return 'foc.passed'
  return null
}

export type PortoutDecisionInput = {
  requestId: string
  portable: boolean
  errorCodes: string[]
  fallback: boolean
  at: string
  pon?: string | null
}

/** A denial and a fallback answer each open an issue about that request; nothing clears them but a person. */
export function signalsForPortoutDecision(d: PortoutDecisionInput): IssueSignal[] {
  const base = { subjectKey: `portout:${d.requestId}`, subjectLabel: `port-out ${d.pon ?? d.requestId}`, at: d.at, action: 'open' as const }
  const out: IssueSignal[] = []
  if (d.fallback)
    out.push({
      ...base,
      kind: 'portout.fallback',
      sourceKey: `portout:${d.requestId}:fallback`,
      detail: `answered by the fallback (${d.portable ? 'portable' : 'denied'})`,
    })
  if (!d.portable)
    out.push({
      ...base,
      kind: 'portout.denied',
      sourceKey: `portout:${d.requestId}:denied`,
      detail: `denied: ${d.errorCodes.join(', ') || 'no code'}`,
    })
  return out
}

/**
 * A condition measured over a window (a spike, a burst, silence): open when it holds, clear when it does not. The
 * source key is the window's slot, so one scan per slot counts once.
 */
export function thresholdSignal(s: {
  kind: IssueKind
  subjectKey: string
  subjectLabel: string
  holds: boolean
  slot: string
  detail: string
}): IssueSignal {
  return {
    kind: s.kind,
    subjectKey: s.subjectKey,
    subjectLabel: s.subjectLabel,
    action: s.holds ? 'open' : 'clear',
    at: s.slot,
    sourceKey: `scan:${s.slot}:${s.kind}:${s.subjectKey}`,
    detail: s.detail,
  }
}

/** MESSAGING_LOST: one issue per number it names. */
export function signalsForEvent(e: { notificationId: string; eventType: string; numbers: string[]; at: string }): IssueSignal[] {
  if (e.eventType.toUpperCase() !== 'MESSAGING_LOST') return []
  return e.numbers.map((n) => ({
    kind: 'number.messaging_lost' as const,
    subjectKey: `number:${n}`,
    subjectLabel: n,
    action: 'open' as const,
    at: e.at,
    sourceKey: `event:${e.notificationId}:${n}`,
    detail: 'hosted messaging was taken away from this number (MESSAGING_LOST)',
  }))
}

/** What the scheduled subscription check found for one expected (or stray) subscription item. */
export type SubscriptionCheckInput = {
  orderType?: string
  eventType?: string
  subscriptionId?: string
  healthy: boolean
  problems: readonly string[]
  expiresInDays?: number
}

/**
 * The subscription health check's findings for one run: for every item, whether it is unhealthy (any problem but
 * expiring) and whether it is expiring, each opening or clearing its issue. `slot` makes a second run of the same
 * check change nothing.
 */
export function signalsForSubscriptionCheck(items: readonly SubscriptionCheckInput[], slot: string): IssueSignal[] {
  return items.flatMap((i) => {
    const name = i.orderType ?? i.eventType ?? i.subscriptionId ?? 'unknown'
    const subjectKey = `subscription:${name}`
    const subjectLabel = `${i.orderType ? `${i.orderType} order` : i.eventType ? `${i.eventType} event` : 'stray'} subscription${i.subscriptionId ? ` ${i.subscriptionId}` : ''}`
    const problems = i.problems.filter((p) => p !== 'expiring')
    const expiring = i.problems.includes('expiring')
    const signal = (kind: IssueKind, holds: boolean, detail: string): IssueSignal => ({
      kind,
      subjectKey,
      subjectLabel,
      action: holds ? 'open' : 'clear',
      at: slot,
      sourceKey: `subscription-check:${slot}:${kind}:${name}`,
      detail,
      orderType: i.orderType ?? null,
    })
    return [
      signal('subscription.unhealthy', problems.length > 0, problems.length ? `problems: ${problems.join(', ')}` : 'healthy'),
      signal('subscription.expiring', expiring, expiring ? `expires in ${i.expiresInDays ?? '?'} days` : 'not expiring'),
    ]
  })
}
