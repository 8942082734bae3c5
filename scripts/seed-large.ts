// `npm run db:seed:large [-- --notifications 1000000 --orders 100000 --seed 7072 --force]`
// Fills a database (DATABASE_URL, default the normal one) with a realistic, large history: mostly
// port-ins with their lifecycles and notes, new-number orders, disconnects, E911 and TN-option orders,
// MESSAGING_LOST events, a few duplicate and rejected deliveries, received over the last ~90 days.
// Every body is XML built with the builders and stored through the one door every writer uses
// (lib/server/ingest-notification.ts, source "seed"), so the rows are exactly what the receiver would have
// stored, the overview's summaries (OrderCount, NotificationDay) included; a seed writes history, not news, so it
// leaves no outbox entries (see record-delivery.ts). On SQLite many calls are issued per event-loop turn so they share
// one group commit; on PostgreSQL they run as concurrent transactions with a bounded concurrency.
// The content is deterministic for a --seed (relative to the time of the run); row ids are random, as in production.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildEventNotificationXml, buildOrderNotificationXml } from '../lib/bandwidth/build-notification-xml'
import { closeConnections, openConnections, type Connections } from '../lib/db/client'
import { describeDatabaseTarget } from '../lib/db/database-url'
import { migrateDatabase } from '../lib/db/migrate'
import { seededRandom } from './bench-support'
import type { ReceivedDelivery } from '../lib/db/record-delivery'
import { ingestNotification } from '../lib/server/ingest-notification'

export { seededRandom }

export type SeedOptions = {
  /** Distinct notifications to store (duplicate and rejected deliveries come on top). */
  notifications: number
  /** Distinct orders the order notifications belong to. */
  orders: number
  /** PRNG seed: the same seed gives the same content. */
  seed?: number
  /** The end of the ~90-day window (default: now). */
  now?: Date
  /** SQLite: calls issued in one event-loop turn (one group commit). */
  batchSize?: number
  /** PostgreSQL: transactions in flight at once. */
  concurrency?: number
  log?: (line: string) => void
}

export type SeedResult = {
  notifications: number
  duplicates: number
  rejected: number
  deliveries: number
  orders: number
  seconds: number
  perSecond: number
}

const DAY = 86_400_000
const HOUR = 3_600_000
const MINUTE = 60_000
const WINDOW_DAYS = 90
const EVENT_SHARE = 0.03
const DUPLICATE_SHARE = 0.01
const REJECTED_SHARE = 0.0005

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32, like scripts/bench-ingest.ts: tiny and good enough for a traffic mix. */

class Rng {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  between(min: number, max: number): number {
    return min + this.next() * (max - min)
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]
  }
  weighted<T>(list: readonly (readonly [T, number])[]): T {
    const total = list.reduce((s, [, w]) => s + w, 0)
    let r = this.next() * total
    for (const [v, w] of list) if ((r -= w) < 0) return v
    return list[list.length - 1][0]
  }
  /** A standard normal (Box–Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next())
  }
  uuid(): string {
    const h = Array.from({ length: 4 }, () =>
      Math.floor(this.next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }
}

// ---------------------------------------------------------------------------------------------
// The world: numbers, subscriptions, texts

// Weighted NANP area codes (Raleigh-heavy, like a Triangle-based reseller, plus the big metros).
const AREA_CODES: (readonly [string, number])[] = [
  ['919', 14],
  ['984', 6],
  ['704', 5],
  ['980', 2],
  ['336', 3],
  ['252', 1],
  ['910', 2],
  ['828', 2],
  ['404', 3],
  ['678', 2],
  ['470', 1],
  ['212', 3],
  ['646', 2],
  ['718', 2],
  ['917', 2],
  ['305', 2],
  ['786', 1],
  ['407', 2],
  ['312', 3],
  ['773', 2],
  ['415', 2],
  ['510', 1],
  ['408', 1],
  ['213', 2],
  ['310', 2],
  ['503', 2],
  ['971', 1],
  ['206', 2],
  ['512', 2],
  ['214', 2],
  ['713', 2],
  ['602', 2],
  ['480', 1],
  ['303', 2],
  ['720', 1],
  ['801', 2],
  ['385', 1],
  ['617', 2],
]
const CITIES = [
  'RALEIGH, NC',
  'DURHAM, NC',
  'CARY, NC',
  'CHARLOTTE, NC',
  'ASHEVILLE, NC',
  'ATLANTA, GA',
  'NEW YORK, NY',
  'CHICAGO, IL',
  'PORTLAND, OR',
  'DENVER, CO',
  'PHOENIX, AZ',
  'AUSTIN, TX',
]

type Subscription = { id: string; e164: boolean }
// Most accounts use the LEGACY (10-digit) format; one subscription was created with E.164 numbers.
const SUBSCRIPTIONS: (readonly [Subscription, number])[] = [
  [{ id: '6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9', e164: false }, 55],
  [{ id: 'b84d7e32-1a6f-4c9e-8f02-3d7a9c5e61b4', e164: false }, 30],
  [{ id: '0e9a51c7-5d28-4b63-9e1f-c4a2b7d08e35', e164: true }, 15],
]
// A per-order subscription that reports the same step again: a duplicate delivery of one notification.
const ECHO_SUBSCRIPTION = '3b7e0d92-6c41-4f8a-b5d3-9a2e17c6f048'

const PORTIN_EXCEPTIONS: (readonly [string, number])[] = [
  ['7513: PIN Invalid', 50],
  ['7511: Account number does not match the losing carrier records', 18],
  ['7515: End user name does not match the losing carrier records', 10],
  ['7516: Service address does not match the losing carrier records', 10],
  ['7518: Losing carrier requires a valid Letter of Authorization', 7],
  ['7600: Telephone number is not portable', 5],
]
const NOTES = [
  'LOA received and attached, resubmitting to the losing carrier.',
  'Losing carrier rejected the PIN. Please confirm the transfer PIN with the end user and submit a SUPP.',
  'End user asked to move the FOC to the morning; SUPP sent.',
  'Waiting on the CSR from the losing carrier.',
  'Bill copy received and attached.',
  'Customer confirmed the service address on file.',
  'Port is on track for the FOC date.',
  'Requested a new FOC date per the customer.',
  'Losing carrier has not responded in 48 hours; escalated.',
  'Please provide the account number exactly as it appears on the losing carrier invoice.',
  'Partial port: the remaining numbers stay with the losing carrier.',
  'Activation scheduled by the customer for the FOC window.',
]
const CASE_NOTES = [
  'Case {case} opened with the losing carrier.',
  'Escalation ticket {case} created with the losing carrier.',
  'Called the losing carrier, reference {case}.',
]
const REJECTED_BODIES: string[] = [
  '<?xml version="1.0" encoding="UTF-8"?><Notification><Status>COMPLETE</Status><Message>Order is complete</Message></Notification>',
  '<?xml version="1.0" encoding="UTF-8"?><Notification><OrderType>portins</OrderType><Status>FOC</Status>',
  '<?xml version="1.0" encoding="UTF-8"?><LnpOrderResponse><OrderId>1d2c3b4a</OrderId></LnpOrderResponse>',
  '<?xml version="1.0" encoding="UTF-8"?><Notification><OrderType>orders</OrderType><OrderId>c0ffee 42</OrderId><Status>COMPLETE</Status></Notification>',
  '<?xml version="1.0" encoding="UTF-8"?><Notification><OrderType>portins</OrderType><OrderId>5c8e3f20-0b51-4d2c-9a3e-2f1d0c7b6a95</OrderId><LastModifiedDate>2025-02-30T10:00:00Z</LastModifiedDate></Notification>',
]

/** 10-digit NANP numbers; remembers what it handed out so later orders and events can come back to them. */
class NumberPool {
  private readonly issued: string[] = []
  constructor(private readonly r: Rng) {}

  get size(): number {
    return this.issued.length
  }

  /** New numbers: a consecutive block in one exchange (a business line range) or scattered lines. */
  fresh(count: number): string[] {
    const out: string[] = []
    if (count > 1 && this.r.chance(0.7)) {
      const prefix = this.exchange()
      const start = this.r.int(0, 9999 - count)
      for (let i = 0; i < count; i++) out.push(`${prefix}${String(start + i).padStart(4, '0')}`)
    } else {
      for (let i = 0; i < count; i++) out.push(`${this.exchange()}${String(this.r.int(0, 9999)).padStart(4, '0')}`)
    }
    this.issued.push(...out)
    return [...new Set(out)]
  }

  /** Numbers some earlier order already had (a re-port, an E911 update, a disconnect, a lost messaging route). */
  reuse(count: number): string[] {
    if (this.issued.length < count * 2) return this.fresh(count)
    const out = new Set<string>()
    const start = this.r.int(0, this.issued.length - 1)
    // Mostly neighbours in issue order (the same customer's block), sometimes anything.
    for (let i = 0; out.size < count && i < count * 4; i++) {
      out.add(this.r.chance(0.8) ? this.issued[(start + i) % this.issued.length] : this.r.pick(this.issued))
    }
    return [...out]
  }

  either(count: number, reuseShare: number): string[] {
    return this.r.chance(reuseShare) ? this.reuse(count) : this.fresh(count)
  }

  private exchange(): string {
    // NXX: 2-9, then two digits, never N11.
    let nxx: string
    do nxx = `${this.r.int(2, 9)}${this.r.int(0, 9)}${this.r.int(0, 9)}`
    while (nxx.endsWith('11'))
    return `${this.r.weighted(AREA_CODES)}${nxx}`
  }
}

// ---------------------------------------------------------------------------------------------
// The plan: every order's steps, every event, in time order

type Step = {
  /** Bandwidth's LastModifiedDate (ms). */
  at: number
  status?: string
  message?: string
  note?: string
  /** ActualFocDate (ms). */
  foc?: number
  /** Carries the order's numbers (CompletedTelephoneNumbers). */
  numbers?: string[]
}

type OrderPlan = { orderId: string; orderType: string; customerOrderId?: string; subscription: Subscription; steps: Step[] }

type Planned =
  | { kind: 'order'; at: number; order: OrderPlan; step: Step; subscriptionId: string }
  | { kind: 'event'; at: number; numbers: string[]; subscription: Subscription }
  | { kind: 'rejected'; at: number; body: string }

type Plan = {
  items: Planned[]
  notifications: number
  duplicates: number
  rejected: number
  orders: number
  byType: Map<string, number>
  numbers: number
}

const ORDER_TYPES: (readonly [string, number])[] = [
  ['portins', 55],
  ['orders', 25],
  ['disconnects', 10],
  ['e911s', 5],
  ['tnoptions', 5],
]

/** Builds the whole plan in memory (about 300 bytes a notification). Exact counts: `notifications` and `orders`. */
export function planSeed(o: { notifications: number; orders: number; seed: number; now: number }): Plan {
  if (!Number.isInteger(o.orders) || o.orders < 1) throw new Error('orders must be a positive integer')
  if (!Number.isInteger(o.notifications) || o.notifications < o.orders)
    throw new Error(`notifications (${o.notifications}) must be at least orders (${o.orders}): every order has a notification`)
  const r = new Rng(seededRandom(o.seed))
  const pool = new NumberPool(r)
  const now = o.now - MINUTE
  const windowStart = now - WINDOW_DAYS * DAY
  const byType = new Map<string, number>()

  // 1. Every order's status steps, clipped to now (a recent order is still in flight).
  const orders: OrderPlan[] = []
  for (let i = 0; i < o.orders; i++) {
    const type = r.weighted(ORDER_TYPES)
    byType.set(type, (byType.get(type) ?? 0) + 1)
    // Slightly more traffic lately (a growing account).
    const start = windowStart + (now - 10 * MINUTE - windowStart) * Math.sqrt(r.next())
    const plan = planOrder(r, pool, type, start)
    plan.steps = plan.steps.filter((s) => s.at <= now)
    if (plan.steps.length === 0) throw new Error(`internal: order ${plan.orderId} has no step before now`)
    orders.push(plan)
  }

  // 2. Events and fill: the notes on port-ins take up whatever the status steps leave.
  let events = Math.min(Math.round(o.notifications * EVENT_SHARE), o.notifications - o.orders)
  let steps = orders.reduce((n, p) => n + p.steps.length, 0)
  let room = o.notifications - events - steps
  if (room < 0) room += trimSteps(orders, -room)
  if (room < 0) {
    events = Math.max(0, events + room)
    room = 0
  }
  addNotes(r, orders, room, now)
  steps = orders.reduce((n, p) => n + p.steps.length, 0)
  if (steps + events !== o.notifications) throw new Error(`internal: planned ${steps + events} notifications, wanted ${o.notifications}`)

  // 3. Deliveries: each step is received a moment after Bandwidth's LastModifiedDate.
  const items: Planned[] = []
  let duplicates = 0
  for (const order of orders) {
    for (const step of order.steps) {
      const at = Math.min(o.now, step.at + r.int(150, 4000))
      items.push({ kind: 'order', at, order, step, subscriptionId: order.subscription.id })
      if (r.chance(DUPLICATE_SHARE)) {
        items.push({ kind: 'order', at: Math.min(o.now, at + r.int(300, 5000)), order, step, subscriptionId: ECHO_SUBSCRIPTION })
        duplicates++
      }
    }
  }
  // Events carry no timestamp and dedupe on (type, numbers, UTC day): keep each of ours distinct.
  const seen = new Set<string>()
  for (let i = 0; i < events;) {
    const at = Math.floor(windowStart + (now - windowStart) * Math.sqrt(r.next()))
    const numbers = pool.reuse(r.chance(0.8) ? 1 : r.int(2, 3))
    const key = `${[...numbers].sort().join(',')}|${new Date(at).toISOString().slice(0, 10)}`
    if (seen.has(key)) continue
    seen.add(key)
    items.push({ kind: 'event', at, numbers, subscription: r.weighted(SUBSCRIPTIONS) })
    i++
  }
  const rejected = Math.round(o.notifications * REJECTED_SHARE)
  for (let i = 0; i < rejected; i++)
    items.push({ kind: 'rejected', at: Math.floor(windowStart + (now - windowStart) * r.next()), body: r.pick(REJECTED_BODIES) })

  // Stable sort: two steps of one order received in the same millisecond keep their order.
  items.sort((a, b) => a.at - b.at)
  return { items, notifications: o.notifications, duplicates, rejected, orders: orders.length, byType, numbers: pool.size }
}

function planOrder(r: Rng, pool: NumberPool, type: string, start: number): OrderPlan {
  const plan: OrderPlan = { orderId: r.uuid(), orderType: type, subscription: r.weighted(SUBSCRIPTIONS), steps: [] }
  let t = start
  // The first step arrives at `start`; each later one some time after the one before.
  const step = (gapMin: number, gapMax: number, s: Omit<Step, 'at'>) => {
    t += (plan.steps.length ? Math.floor(r.between(gapMin, gapMax)) : 0) + r.int(1, 999)
    plan.steps.push({ ...s, at: t })
  }
  const count = (max: number) => 1 + Math.floor(r.next() ** 3 * max)

  switch (type) {
    case 'portins': {
      if (r.chance(0.4))
        plan.customerOrderId = r.chance(0.5)
          ? `PORT-${r.int(10000, 99999)}`
          : `${r.pick(['ACME', 'TRIANGLE', 'OAKCITY', 'BLUERIDGE'])}-${r.int(1000, 9999)}`
      const numbers = pool.either(count(20), 0.12)
      t -= 1
      if (r.chance(0.6)) step(0, 0, { status: 'PENDING_DOCUMENTS', message: 'LOA required' })
      step(0.5 * HOUR, 48 * HOUR, { status: 'SUBMITTED', message: 'Order has been submitted to the losing carrier' })
      const exceptions = r.chance(0.18) ? (r.chance(0.25) ? 2 : 1) : 0
      for (let i = 0; i < exceptions; i++) {
        step(2 * HOUR, 72 * HOUR, { status: 'EXCEPTION', message: r.weighted(PORTIN_EXCEPTIONS) })
        if (r.chance(0.12)) return plan // abandoned in EXCEPTION: stuck
        if (r.chance(0.7)) {
          step(1 * HOUR, 48 * HOUR, { status: 'REQUESTED_SUPP', message: 'Supplemental order requested' })
          if (r.chance(0.1)) return plan // stuck waiting for the SUPP
        }
        step(1 * HOUR, 48 * HOUR, { status: 'SUBMITTED', message: 'SUPP has been submitted' })
      }
      if (r.chance(0.06)) {
        step(4 * HOUR, 120 * HOUR, { status: 'REQUESTED_CANCEL', message: 'Cancellation requested by the customer' })
        step(1 * HOUR, 24 * HOUR, { status: 'CANCELLED', message: 'Order has been cancelled' })
        return plan
      }
      // The FOC date is set when the losing carrier confirms: a few days after that notification.
      step(4 * HOUR, 96 * HOUR, { status: 'FOC', message: 'Order waiting for activation' })
      let foc = (plan.steps[plan.steps.length - 1].foc = focDate(r, t))
      if (r.chance(0.15)) {
        step(2 * HOUR, 24 * HOUR, { status: 'FOC', message: 'FOC date has been changed' })
        foc = plan.steps[plan.steps.length - 1].foc = focDate(r, t)
      }
      if (r.chance(0.02)) return plan // never activated: stuck in FOC
      t = Math.max(t, foc - 5 * MINUTE)
      step(1 * MINUTE, 3 * HOUR, { status: 'COMPLETE', message: 'Order is complete', numbers })
      return plan
    }
    case 'orders': {
      if (r.chance(0.3)) plan.customerOrderId = `NEW-${r.int(10000, 99999)}`
      const wanted = count(25)
      const numbers = pool.either(wanted, 0.05)
      const city = r.pick(CITIES)
      t -= 1
      if (r.chance(0.03)) step(0, 0, { status: 'BACKORDERED', message: `5070: Order backordered: not enough numbers in ${city}` })
      const roll = r.next()
      if (roll < 0.05) {
        step(2 * MINUTE, 2 * HOUR, {
          status: 'FAILED',
          message: `5010: No telephone numbers available in the requested rate center ${city}`,
        })
      } else if (roll < 0.12 && numbers.length > 1) {
        const got = numbers.slice(0, r.int(1, numbers.length - 1))
        step(2 * MINUTE, 2 * HOUR, {
          status: 'PARTIAL',
          message: `5005: Only ${got.length} of ${numbers.length} telephone numbers were available in ${city}`,
          numbers: got,
        })
      } else {
        step(2 * MINUTE, 2 * HOUR, {
          status: 'COMPLETE',
          message: `Created a new number order for ${numbers.length} number${numbers.length === 1 ? '' : 's'} from ${city}`,
          numbers,
        })
      }
      return plan
    }
    case 'disconnects': {
      const numbers = pool.either(count(10), 0.9)
      t -= 1
      if (r.chance(0.04)) step(0, 0, { status: 'FAILED', message: '7302: Telephone number is not in service on this account' })
      else
        step(0, 0, {
          status: 'COMPLETE',
          message: `Disconnect of ${numbers.length} telephone number${numbers.length === 1 ? '' : 's'} is complete`,
          numbers,
        })
      return plan
    }
    case 'e911s': {
      const numbers = pool.either(1, 0.9)
      t -= 1
      if (r.chance(0.5)) step(0, 0, { status: 'RECEIVED', message: 'Order has been received' })
      if (r.chance(0.3)) step(1 * MINUTE, 30 * MINUTE, { status: 'PROCESSING', message: 'Order is processing' })
      if (r.chance(0.06)) step(2 * MINUTE, 6 * HOUR, { status: 'FAILED', message: '8501: Address could not be geocoded' })
      else step(2 * MINUTE, 6 * HOUR, { status: 'COMPLETE', message: 'Order is complete', numbers })
      return plan
    }
    default: {
      // tnoptions
      const numbers = pool.either(count(8), 0.85)
      t -= 1
      if (r.chance(0.4)) step(0, 0, { status: 'RECEIVED', message: 'Order has been received' })
      const roll = r.next()
      if (roll < 0.04) step(1 * MINUTE, 2 * HOUR, { status: 'FAILED', message: '13568: SMS is not supported for this telephone number' })
      else if (roll < 0.07 && numbers.length > 1)
        step(1 * MINUTE, 2 * HOUR, {
          status: 'PARTIAL',
          message: `13563: CNAM could not be updated for 1 of ${numbers.length} telephone numbers`,
          numbers: numbers.slice(1),
        })
      else step(1 * MINUTE, 2 * HOUR, { status: 'COMPLETE', message: 'Order is complete', numbers })
      return plan
    }
  }
}

/** A FOC date 2–10 days out, on the hour in business hours (UTC). */
function focDate(r: Rng, t: number): number {
  const day = Math.floor((t + r.int(2, 10) * DAY) / DAY) * DAY
  return day + r.int(13, 22) * HOUR
}

/** Removes up to `excess` non-first steps (only when asked for very few notifications per order). Returns how many. */
function trimSteps(orders: OrderPlan[], excess: number): number {
  let removed = 0
  for (const order of orders) {
    if (removed === excess) break
    const drop = Math.min(order.steps.length - 1, excess - removed)
    if (drop > 0) {
      // Keep the first and the latest: the order still starts and ends where it does.
      order.steps.splice(1, drop)
      removed += drop
    }
  }
  return removed
}

/** Spreads `total` note-only notifications over the port-ins, heavy-tailed (a few ports get hundreds). */
function addNotes(r: Rng, orders: OrderPlan[], total: number, now: number): void {
  if (total <= 0) return
  // Notes need some time between an order's first step and now to land in.
  const span = (o: OrderPlan) => ({
    first: o.steps[0].at,
    last: Math.min(now, Math.max(o.steps[o.steps.length - 1].at + DAY, o.steps[0].at + 3 * DAY)),
  })
  const roomy = orders.filter((o) => span(o).last - span(o).first > HOUR)
  let targets = roomy.filter((o) => o.orderType === 'portins')
  if (targets.length === 0) targets = roomy
  if (targets.length === 0) throw new Error('no order has room for notes: ask for fewer notifications per order')
  // Log-normal weights, capped so no single timeline is absurd; the cap grows if the mean needs it.
  const weights = targets.map(() => Math.exp(r.normal()))
  const sum = weights.reduce((s, w) => s + w, 0)
  const cap = Math.max(300, Math.ceil((3 * total) / targets.length))
  const counts = weights.map((w) => Math.min(cap, Math.floor((total * w) / sum)))
  let left = total - counts.reduce((s, n) => s + n, 0)
  while (left > 0) {
    const i = Math.floor(r.next() * targets.length)
    if (counts[i] < cap) {
      counts[i]++
      left--
    }
  }
  targets.forEach((order, i) => {
    const n = counts[i]
    if (n === 0) return
    const { first, last } = span(order)
    const taken = new Set(order.steps.map((s) => s.at))
    for (let k = 0; k < n; k++) {
      let at: number
      do at = Math.floor(r.between(first + 1, last))
      while (taken.has(at))
      taken.add(at)
      const note = r.chance(0.25) ? r.pick(CASE_NOTES).replace('{case}', String(r.int(1_000_000, 9_999_999))) : r.pick(NOTES)
      order.steps.push({ at, note })
    }
    order.steps.sort((a, b) => a.at - b.at)
  })
}

// ---------------------------------------------------------------------------------------------
// Writing: through the receiver's own path

function toXml(p: Planned): string {
  if (p.kind === 'rejected') return p.body
  if (p.kind === 'event') {
    return buildEventNotificationXml({
      eventType: 'MESSAGING_LOST',
      subscriptionId: p.subscription.id,
      numbers: p.numbers.map((n) => formatNumber(n, p.subscription)),
    })
  }
  const { order, step } = p
  return buildOrderNotificationXml({
    orderId: order.orderId,
    orderType: order.orderType,
    subscriptionId: p.subscriptionId,
    customerOrderId: order.customerOrderId,
    status: step.status,
    message: step.message,
    note: step.note,
    numbers: step.numbers?.map((n) => formatNumber(n, order.subscription)),
    lastModifiedDate: new Date(step.at).toISOString(),
    actualFocDate: step.foc === undefined ? undefined : new Date(step.foc).toISOString().replace('.000Z', 'Z'),
  })
}

function formatNumber(tenDigits: string, s: Subscription): string {
  return s.e164 ? `+1${tenDigits}` : tenDigits
}

/** What receiveWebhookBody makes of a Bandwidth POST with this body. */
function toDelivery(xml: string, receivedAt: Date): ReceivedDelivery {
  const size = Buffer.byteLength(xml)
  return {
    id: randomUUID(),
    endpoint: 'notifications',
    source: 'seed',
    receivedAt,
    contentType: 'application/xml; charset=UTF-8',
    headers: {
      'content-type': 'application/xml; charset=UTF-8',
      'content-length': String(size),
      'user-agent': 'Apache-HttpClient/4.5.14 (Java/17.0.9)',
    },
    bodySha256: createHash('sha256').update(xml).digest('hex'),
    bodySize: size,
    body: xml,
    bodyEncoding: 'utf8',
    bodyTruncated: false,
  }
}

type Outcome = 'accepted' | 'duplicate' | 'rejected'

/** The notifications route, minus HTTP. Synchronous up to the write, so a batch lands in one event-loop turn. */
function ingestOne(c: Connections, p: Planned): Promise<Outcome> {
  const xml = toXml(p)
  return ingestNotification(c, { delivery: toDelivery(xml, new Date(p.at)), xml }).then((r) => r.outcome)
}

/** Plans and writes the whole seed; the database must already be migrated. */
export async function seedLargeDatabase(c: Connections, o: SeedOptions): Promise<SeedResult> {
  const log = o.log ?? ((line: string) => console.log(line))
  const seed = o.seed ?? 7072
  const now = (o.now ?? new Date()).getTime()
  const planStarted = performance.now()
  const plan = planSeed({ notifications: o.notifications, orders: o.orders, seed, now })
  const types = [...plan.byType].map(([t, n]) => `${t} ${n}`).join(', ')
  log(
    `[seed] planned ${fmt(plan.notifications)} notifications over ${fmt(plan.orders)} orders (${types}), ${fmt(plan.duplicates)} duplicate and ${fmt(plan.rejected)} rejected deliveries, ${fmt(plan.numbers)} telephone numbers issued, in ${((performance.now() - planStarted) / 1000).toFixed(1)} s`,
  )

  // A bigger page cache for the writer thread's connection: same rows, fewer page reads while the indexes grow.
  await c.sqliteWriter?.pragma('cache_size = -1048576')
  const counts: Record<Outcome, number> = { accepted: 0, duplicate: 0, rejected: 0 }
  const total = plan.items.length
  const started = performance.now()
  let done = 0
  let lastReport = started
  const report = (final = false) => {
    const t = performance.now()
    if (!final && t - lastReport < 5000) return
    lastReport = t
    const rate = done / ((t - started) / 1000)
    const eta = rate > 0 ? (total - done) / rate : 0
    log(
      `[seed] ${fmt(done)}/${fmt(total)} deliveries (${((100 * done) / total).toFixed(1)} %), ${fmt(Math.round(rate))}/s${final ? '' : `, ~${Math.ceil(eta)} s left`}`,
    )
  }

  if (c.sqlite) {
    // Group commit: every call of a batch is issued in this turn, so they share one transaction.
    const batchSize = o.batchSize ?? 1000
    for (let i = 0; i < total; i += batchSize) {
      const outcomes = await Promise.all(plan.items.slice(i, i + batchSize).map((p) => ingestOne(c, p)))
      for (const outcome of outcomes) counts[outcome]++
      done = Math.min(total, i + batchSize)
      report()
    }
  } else {
    // PostgreSQL: concurrent transactions, each on its own pooled connection, in (received) time order.
    const concurrency = o.concurrency ?? 16
    let next = 0
    const worker = async () => {
      while (next < total) {
        const p = plan.items[next++]
        counts[await ingestOne(c, p)]++
        done++
        report()
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
  }
  report(true)
  const seconds = (performance.now() - started) / 1000
  const result: SeedResult = {
    notifications: counts.accepted,
    duplicates: counts.duplicate,
    rejected: counts.rejected,
    deliveries: total,
    orders: plan.orders,
    seconds,
    perSecond: counts.accepted / seconds,
  }
  log(
    `[seed] stored ${fmt(result.notifications)} notifications (+${fmt(result.duplicates)} duplicate, ${fmt(result.rejected)} rejected deliveries) in ${seconds.toFixed(1)} s: ${fmt(Math.round(result.perSecond))} notifications/s, ${fmt(Math.round(total / seconds))} deliveries/s`,
  )
  if (result.notifications !== plan.notifications || result.duplicates !== plan.duplicates) {
    log(
      `[seed] warning: expected ${fmt(plan.notifications)} new notifications and ${fmt(plan.duplicates)} duplicates (the database already had some of these notifications?)`,
    )
  }
  return result
}

/** Rows already there: Delivery and Order (0 when the tables do not exist yet). */
export async function countExistingRows(c: Connections): Promise<number> {
  if (c.sqlite) {
    const tables = new Set(c.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[])
    let n = 0
    for (const t of ['Delivery', 'Order'])
      if (tables.has(t)) n += c.sqlite.prepare(`SELECT count(*) FROM (SELECT 1 FROM "${t}" LIMIT 1)`).pluck().get() as number
    return n
  }
  let n = 0
  for (const t of ['Delivery', 'Order']) {
    const { rows } = await c.pool!.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [`"${t}"`])
    if (rows[0].t) n += (await c.pool!.query(`SELECT 1 FROM "${t}" LIMIT 1`)).rowCount ?? 0
  }
  return n
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US')
}

// ---------------------------------------------------------------------------------------------
// CLI

function positiveInt(name: string, value: string | undefined): number {
  const n = Number(String(value).replace(/[_,]/g, ''))
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`)
  return n
}

async function main(): Promise<number> {
  let args
  try {
    const { values } = parseArgs({
      options: {
        notifications: { type: 'string', default: '1000000' },
        orders: { type: 'string', default: '100000' },
        seed: { type: 'string', default: '7072' },
        batch: { type: 'string', default: '1000' },
        concurrency: { type: 'string', default: '16' },
        force: { type: 'boolean', default: false },
      },
    })
    args = {
      notifications: positiveInt('notifications', values.notifications),
      orders: positiveInt('orders', values.orders),
      seed: positiveInt('seed', values.seed),
      batchSize: positiveInt('batch', values.batch),
      concurrency: positiveInt('concurrency', values.concurrency),
      force: values.force,
    }
    if (args.notifications < args.orders)
      throw new Error(`--notifications (${args.notifications}) must be at least --orders (${args.orders}): every order has a notification`)
  } catch (error) {
    console.error(`[seed] ${error instanceof Error ? error.message : String(error)}`)
    console.error(
      'usage: npm run db:seed:large -- [--notifications 1000000] [--orders 100000] [--seed 7072] [--batch 1000] [--concurrency 16] [--force]',
    )
    return 2
  }
  // One pooled connection per concurrent transaction on PostgreSQL.
  process.env.DATABASE_POOL_SIZE ??= String(args.concurrency)
  const c = openConnections()
  try {
    console.log(`[seed] database: ${describeDatabaseTarget(c.target)}`)
    const existing = await countExistingRows(c)
    if (existing > 0 && !args.force) {
      console.error('[seed] the database is not empty: refusing to add a large seed to it (pass --force to do it anyway)')
      return 1
    }
    if (existing > 0)
      console.log('[seed] --force: adding to a non-empty database (with the same --seed, the new notifications land on the same order ids)')
    const applied = await migrateDatabase(c)
    if (applied.length) console.log(`[seed] applied migrations: ${applied.join(', ')}`)
    const { force: _force, ...seedOptions } = args
    await seedLargeDatabase(c, seedOptions)
    const target = c.target
    if (target.provider === 'sqlite') {
      const size = ['', '-wal'].reduce(
        (s, suffix) => s + (fs.existsSync(target.file + suffix) ? fs.statSync(target.file + suffix).size : 0),
        0,
      )
      console.log(`[seed] ${path.resolve(target.file)}: ${(size / 1024 ** 2).toFixed(0)} MiB`)
    }
    return 0
  } catch (error) {
    console.error(`[seed] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return 1
  } finally {
    await closeConnections(c)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main())
}
