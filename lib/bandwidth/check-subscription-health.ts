// Pure: what is wrong with the subscriptions Bandwidth has for the account. One item per order type and
// event type Portwatch expects (a missing one included) plus every stray subscription. Bandwidth never
// returns a callback password, so credentials are matched by username: each rotation makes a new username.
import { findOrderType } from '../orders/order-types'
import type { BandwidthSubscription } from './parse-api-response'

export const SUBSCRIPTION_PROBLEMS = [
  'missing',
  'url_mismatch',
  'credentials_missing',
  'credentials_mismatch',
  'expiring',
  'delivery_failing',
  'duplicate',
] as const
export type SubscriptionProblem = (typeof SUBSCRIPTION_PROBLEMS)[number]

/** Which of our pairs a subscription carries: the current one, the previous one (rotation overlap), another, none. */
export type PairUsed = 'current' | 'previous' | 'other' | 'none'

export type SubscriptionHealthItem = {
  orderType?: string
  eventType?: string
  subscriptionId?: string
  /** A single-order subscription. */
  orderId?: string
  healthy: boolean
  problems: SubscriptionProblem[]
  expiresInDays?: number
  lastStatus?: string
  url?: string
  username?: string
  pair?: PairUsed
  /** Not one Portwatch expects (another order, an email subscription, an unknown type). */
  stray?: boolean
}

export type HealthExpectations = {
  orderTypes: readonly string[]
  eventTypes: readonly string[]
  /** Our public notifications URL; undefined: unknown, so not checked. */
  callbackUrl?: string
  currentUsername: string | null
  previousUsername: string | null
  /** Fewer days left than this is `expiring`. */
  expiringDays?: number
}

const DEFAULT_EXPIRING_DAYS = 30

/** READY (never delivered yet) and any 2xx are fine; anything else is the failure of the last delivery. */
export function isDeliveryFailing(status: string | undefined): boolean {
  if (!status) return false
  return !/^\s*(READY|2\d\d)\b/i.test(status)
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase()
}

function canonicalType(orderType: string): string {
  return findOrderType(orderType)?.apiName ?? orderType
}

function check(s: BandwidthSubscription, x: HealthExpectations): SubscriptionHealthItem {
  const problems: SubscriptionProblem[] = []
  const cb = s.callback
  const username = cb?.username
  const pair: PairUsed = !username
    ? 'none'
    : username === x.currentUsername
      ? 'current'
      : username === x.previousUsername
        ? 'previous'
        : 'other'
  if (!cb || !cb.url || (x.callbackUrl && !sameUrl(cb.url, x.callbackUrl))) problems.push('url_mismatch')
  if (cb && !username) problems.push('credentials_missing')
  if (pair === 'other') problems.push('credentials_mismatch')
  const seconds = cb?.expiry !== undefined && /^\d+$/.test(cb.expiry) ? Number(cb.expiry) : undefined
  const expiresInDays = seconds === undefined ? undefined : Math.floor(seconds / 86_400)
  if (expiresInDays !== undefined && expiresInDays < (x.expiringDays ?? DEFAULT_EXPIRING_DAYS)) problems.push('expiring')
  if (isDeliveryFailing(cb?.status)) problems.push('delivery_failing')
  return {
    ...(s.orderType ? { orderType: canonicalType(s.orderType) } : {}),
    ...(s.eventType ? { eventType: s.eventType } : {}),
    subscriptionId: s.subscriptionId,
    ...(s.orderId ? { orderId: s.orderId } : {}),
    healthy: problems.length === 0,
    problems,
    ...(expiresInDays !== undefined ? { expiresInDays } : {}),
    ...(cb?.status ? { lastStatus: cb.status } : {}),
    ...(cb?.url ? { url: cb.url } : {}),
    ...(username ? { username } : {}),
    pair,
  }
}

/** How good a candidate is to be "the" subscription of its target: pointing at us, our current pair, working. */
function rank(item: SubscriptionHealthItem): number {
  return item.problems.length + (item.problems.includes('url_mismatch') ? 10 : 0) + (item.pair === 'current' ? 0 : 1)
}

export function checkSubscriptionHealth(subscriptions: readonly BandwidthSubscription[], x: HealthExpectations): SubscriptionHealthItem[] {
  const items: SubscriptionHealthItem[] = []
  const used = new Set<string>()
  const targets = [...x.orderTypes.map((t) => ({ orderType: canonicalType(t) })), ...x.eventTypes.map((e) => ({ eventType: e }))]
  for (const target of targets) {
    const matching = subscriptions.filter(
      (s) =>
        s.callback &&
        !s.orderId &&
        ('orderType' in target
          ? s.orderType !== undefined && canonicalType(s.orderType) === target.orderType
          : s.eventType === target.eventType),
    )
    if (matching.length === 0) {
      items.push({ ...target, healthy: false, problems: ['missing'] })
      continue
    }
    const checked = matching.map((s) => check(s, x)).sort((a, b) => rank(a) - rank(b))
    checked.forEach((item, i) => {
      used.add(item.subscriptionId!)
      if (i > 0) item.problems.push('duplicate')
      item.healthy = item.problems.length === 0
      items.push(item)
    })
  }
  for (const s of subscriptions) {
    if (used.has(s.subscriptionId)) continue
    const item = check(s, x)
    items.push({ ...item, stray: true })
  }
  return items
}
