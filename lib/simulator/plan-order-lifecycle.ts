// Pure: what Bandwidth reports about one order from creation to its end, with realistic states,
// messages, notes and gaps between them (spec §2.5, §3.2; shapes from test/fixtures/bandwidth).
// Times are simulated epoch milliseconds; the runner compresses them by its speed factor.
import type { OrderNotificationFields } from '../bandwidth/build-notification-xml'
import { findOrderType, type OrderTypeKey } from '../orders/order-types'
import type { Random } from './create-random'

/** The order types the simulator plans (one planner each below); keys of the table in lib/orders/order-types.ts. */
export const SIMULATED_ORDER_TYPES = ['portins', 'orders', 'disconnects', 'e911s', 'tnoptions'] as const satisfies readonly OrderTypeKey[]
export type SimulatedOrderType = (typeof SIMULATED_ORDER_TYPES)[number]

export type PlannedStep = { at: number; fields: OrderNotificationFields }
export type PlannedOrder = { orderId: string; orderType: SimulatedOrderType; steps: PlannedStep[] }

/** Draws the numbers an order is about; the traffic plan hands out distinct ones per run. */
export type NumberSource = (count: number) => string[]

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const CITIES = ['RALEIGH, NC', 'AUSTIN, TX', 'SEATTLE, WA', 'DENVER, CO', 'CHARLOTTE, NC', 'ASHEVILLE, NC', 'PORTLAND, OR', 'CHICAGO, IL']
const PORTIN_EXCEPTIONS = ['7513: PIN Invalid', '7511: Invalid account code', '7519: Customer info does not match', '7515: Invalid ZIP']
const PORTIN_NOTES = [
  'Documents received, LOA and bill copy attached.',
  'Losing carrier asked for the account number on the latest bill.',
  'Vendor confirmed activation window 10:00-12:00 ET on the FOC date & no further action is needed.',
  'End user confirmed the service address; no change needed.',
]

/** Plans every notification of one order starting at `startAt`. Steps are strictly increasing in time. */
export function planOrderLifecycle(random: Random, orderType: SimulatedOrderType, startAt: number, numbers: NumberSource): PlannedOrder {
  const orderId = random.uuid()
  const customerOrderId = random.chance(0.7) ? `${CUSTOMER_PREFIX[orderType]}-${random.digits(5)}` : undefined
  // The notification spells the type as Bandwidth's API does.
  const base = { orderId, orderType: findOrderType(orderType)!.apiName, customerOrderId }
  const steps: PlannedStep[] = []
  let at = startAt
  // Each step is at least a second after the previous: LastModifiedDate then orders the timeline unambiguously.
  const step = (gapMs: number, fields: Omit<OrderNotificationFields, 'orderId' | 'orderType' | 'lastModifiedDate' | 'customerOrderId'>) => {
    at += Math.max(1_000, Math.round(gapMs))
    steps.push({ at, fields: { ...base, ...fields, lastModifiedDate: new Date(at).toISOString() } })
  }
  PLANNERS[orderType](random, step, numbers, () => at)
  return { orderId, orderType, steps }
}

type Step = (gapMs: number, fields: Omit<OrderNotificationFields, 'orderId' | 'orderType' | 'lastModifiedDate' | 'customerOrderId'>) => void
type Planner = (random: Random, step: Step, numbers: NumberSource, now: () => number) => void

const CUSTOMER_PREFIX: Record<SimulatedOrderType, string> = {
  portins: 'PORT',
  orders: 'signup',
  disconnects: 'disc',
  e911s: 'e911',
  tnoptions: 'tnopt',
}

const PLANNERS: Record<SimulatedOrderType, Planner> = {
  portins(random, step, numbers, now) {
    const tns = numbers(random.int(1, 4))
    step(random.int(0, 5) * MINUTE, { status: 'PENDING_DOCUMENTS', message: 'LOA required' })
    if (random.chance(0.5)) step(random.int(1, 12) * HOUR, { note: PORTIN_NOTES[0] })
    const fate = random.weighted({ happy: 70, exception: 15, cancelled: 8, stalled: 7 })
    if (fate === 'cancelled')
      return step(random.int(2, 30) * HOUR, { status: 'CANCELLED', message: 'Order cancelled at the customer’s request' })
    step(random.int(2, 24) * HOUR, { status: 'SUBMITTED', message: 'Order has been submitted to the losing carrier' })
    // A stalled port-in stays SUBMITTED: the stuck-order view should have something to show.
    if (fate === 'stalled') return
    if (fate === 'exception') {
      step(random.int(4, 36) * HOUR, { status: 'EXCEPTION', message: random.pick(PORTIN_EXCEPTIONS) })
      step(random.int(10, 120) * MINUTE, {
        note: 'Losing carrier rejected the order. Please confirm the details with the end user and submit a SUPP.',
      })
      step(random.int(1, 6) * HOUR, { status: 'REQUESTED_SUPP' })
      if (random.chance(0.4)) return step(random.int(12, 48) * HOUR, { status: 'CANCELLED', message: 'Order cancelled: no SUPP received' })
      step(random.int(2, 20) * HOUR, { status: 'SUBMITTED', message: 'Supplemented order resubmitted to the losing carrier' })
    }
    const focGap = random.int(12, 48) * HOUR
    const foc = focDate(now() + focGap + random.int(3, 7) * DAY)
    step(focGap, { status: 'FOC', message: 'Order waiting for activation', actualFocDate: foc })
    if (random.chance(0.4)) step(random.int(1, 6) * HOUR, { status: 'FOC', note: PORTIN_NOTES[2] })
    // The numbers move on the FOC date; COMPLETE follows within hours.
    step(Math.max(Date.parse(foc) - now(), 0) + random.int(1, 6) * HOUR, { status: 'COMPLETE', message: 'Order is complete', numbers: tns })
  },

  orders(random, step, numbers) {
    const city = random.pick(CITIES)
    const requested = random.pick([1, 1, 2, 3, 5, 10])
    const fate = random.weighted({ complete: 70, partial: 12, failed: 12, backordered: 6 })
    if (fate === 'backordered') {
      step(random.int(5, 60) * 1_000, { status: 'BACKORDERED', message: 'Order backordered - awaiting additional numbers' })
      return step(random.int(4, 72) * HOUR, {
        status: 'COMPLETE',
        message: createdMessage(requested, requested, city),
        numbers: numbers(requested),
      })
    }
    if (fate === 'complete')
      return step(random.int(5, 60) * 1_000, {
        status: 'COMPLETE',
        message: createdMessage(requested, requested, city),
        numbers: numbers(requested),
      })
    if (fate === 'partial' && requested > 1) {
      const got = random.int(1, requested - 1)
      return step(random.int(5, 60) * 1_000, { status: 'PARTIAL', message: createdMessage(got, requested, city), numbers: numbers(got) })
    }
    // A FAILED new-number notification may still list the number it attempted (spec §9.18).
    const message = random.pick([
      '5005: The telephone number is unavailable for ordering',
      '5008: All telephone numbers specified are invalid',
      '5016: The SiteId submitted is invalid.',
    ])
    step(random.int(5, 60) * 1_000, { status: 'FAILED', message, numbers: random.chance(0.5) ? numbers(1) : undefined })
  },

  disconnects(random, step, numbers) {
    const tns = numbers(random.int(1, 3))
    const fate = random.weighted({ complete: 80, partial: 10, failed: 10 })
    if (fate === 'partial' && tns.length > 1)
      return step(random.int(1, 30) * MINUTE, {
        status: 'PARTIAL',
        message: `${tns.length - 1} of ${tns.length} telephone numbers could not be disconnected`,
        numbers: tns.slice(0, 1),
      })
    if (fate === 'failed')
      return step(random.int(1, 30) * MINUTE, {
        status: 'FAILED',
        message: '7205: Telephone number is already being processed on another order',
      })
    step(random.int(1, 30) * MINUTE, { status: 'COMPLETE', numbers: tns })
  },

  e911s(random, step) {
    step(random.int(1, 10) * 1_000, { status: 'RECEIVED' })
    step(random.int(1, 20) * MINUTE, { status: 'PROCESSING' })
    const fate = random.weighted({ complete: 70, adjusted: 20, failed: 10 })
    if (fate === 'adjusted')
      return step(random.int(10, 240) * MINUTE, { status: 'ADJUSTED_COMPLETE', message: 'Address was adjusted during validation' })
    if (fate === 'failed') return step(random.int(10, 240) * MINUTE, { status: 'FAILED', message: 'The address could not be validated' })
    step(random.int(10, 240) * MINUTE, { status: 'COMPLETE' })
  },

  tnoptions(random, step) {
    step(random.int(1, 10) * 1_000, { status: 'RECEIVED' })
    step(random.int(1, 10) * MINUTE, { status: 'PROCESSING' })
    const fate = random.weighted({ complete: 80, partial: 10, failed: 10 })
    if (fate === 'partial')
      return step(random.int(5, 60) * MINUTE, { status: 'PARTIAL', message: 'Options were applied to some of the telephone numbers' })
    if (fate === 'failed')
      return step(random.int(5, 60) * MINUTE, { status: 'FAILED', message: '5008: All telephone numbers specified are invalid' })
    step(random.int(5, 60) * MINUTE, { status: 'COMPLETE' })
  },
}

function createdMessage(got: number, requested: number, city: string): string {
  const count = got === requested ? `${got} number${got === 1 ? '' : 's'}` : `${got} of ${requested} requested numbers`
  return `Created a new number order for ${count} from ${city}`
}

/** FOC dates are whole days at 14:00 UTC in the fixtures (`2025-03-18T14:00:00Z`). */
function focDate(at: number): string {
  const d = new Date(at)
  return `${d.toISOString().slice(0, 10)}T14:00:00Z`
}
