// Pure: one round of simulated Bandwidth traffic: orders with their lifecycles, MESSAGING_LOST events
// and port-out validation requests, then Bandwidth's delivery manners on top (duplicates, out of
// order). Same options and seed → the same bodies in the same order, byte for byte.
import { buildEventNotificationXml, buildOrderNotificationXml } from '../bandwidth/build-notification-xml'
import { buildPortoutValidationRequestXml, type PortoutValidationRequestFields } from '../bandwidth/build-portout-validation-request'
import { createRandom, type Random } from './create-random'
import { planOrderLifecycle, type PlannedOrder, type SimulatedOrderType } from './plan-order-lifecycle'

export type TrafficOptions = {
  seed: string | number
  /** Simulated epoch ms at which the round starts. */
  startAt: number
  orders: number
  events: number
  portouts: number
  /** Probability that a delivery is sent twice (0–1). */
  duplicates: number
  /** Probability that a step of an order arrives after the step that followed it (0–1). */
  outOfOrder: number
  /** Simulated span over which new orders start. */
  spreadMs: number
  /** First index for the numbers of this round: rounds of one run must not reuse numbers (events dedupe per number and day). */
  numberOffset?: number
}

/** One HTTP delivery to the notifications URL. `at` is the simulated send time. */
export type PlannedDelivery = {
  at: number
  xml: string
  /** The order it is about, or null for an event. */
  orderId: string | null
  /** For events: the numbers, to find them again through the API. */
  numbers: string[]
  /** Index of the step in its order (events: 0); a duplicate shares it with its original. */
  stepIndex: number
  duplicate: boolean
  /** Sent after the step that followed it. */
  reordered: boolean
}

export type PlannedPortout = { at: number; xml: string; fields: PortoutValidationRequestFields }
export type TrafficPlan = { orders: PlannedOrder[]; deliveries: PlannedDelivery[]; portouts: PlannedPortout[]; numbersUsed: number }

const ORDER_MIX: Record<SimulatedOrderType, number> = { portins: 40, orders: 30, disconnects: 12, e911s: 9, tnoptions: 9 }
const AREA_CODES = ['919', '984', '704', '512', '206', '303', '312', '503']
const SUBSCRIBERS = [
  'Oak City Dental Partners LLC',
  'Queen City Bakery, Inc',
  'Blue Ridge Outfitters',
  'Lakeview Family Clinic',
  'Harbor Freight Logistics Co',
]
/** A per-order subscription next to the global one: the same state reported twice, differing only in SubscriptionId. */
const SECOND_SUBSCRIPTION = '2b7e0d91-5c3a-4f68-9e14-a0d6c3b85f27'

export function planTraffic(o: TrafficOptions): TrafficPlan {
  const random = createRandom(o.seed)
  let numberIndex = o.numberOffset ?? 0
  const numbers = (count: number) => Array.from({ length: count }, () => telephoneNumber(numberIndex++))

  const orders = Array.from({ length: o.orders }, () =>
    planOrderLifecycle(random, random.weighted(ORDER_MIX), o.startAt + random.int(0, o.spreadMs), numbers),
  )
  const deliveries: PlannedDelivery[] = orders.flatMap((order) =>
    order.steps.map((s, stepIndex) => ({
      at: s.at,
      xml: buildOrderNotificationXml(s.fields),
      orderId: order.orderId,
      numbers: s.fields.numbers ?? [],
      stepIndex,
      duplicate: false,
      reordered: false,
    })),
  )
  for (let i = 0; i < o.events; i++) {
    const tns = numbers(random.chance(0.8) ? 1 : 2)
    // One MESSAGING_LOST in five names its list CompletedTelephoneNumbers, as the RAML example does (spec §4).
    const xml = buildEventNotificationXml({
      eventType: 'MESSAGING_LOST',
      numbers: tns,
      listName: random.chance(0.2) ? 'CompletedTelephoneNumbers' : 'ImpactedTelephoneNumbers',
    })
    deliveries.push({
      at: o.startAt + random.int(0, o.spreadMs),
      xml,
      orderId: null,
      numbers: tns,
      stepIndex: 0,
      duplicate: false,
      reordered: false,
    })
  }
  const portouts = Array.from({ length: o.portouts }, () => planPortout(random, o.startAt + random.int(0, o.spreadMs), numbers))

  const faulty = injectDeliveryFaults(random, deliveries, { duplicates: o.duplicates, outOfOrder: o.outOfOrder })
  return { orders, deliveries: faulty, portouts: portouts.sort((a, b) => a.at - b.at), numbersUsed: numberIndex - (o.numberOffset ?? 0) }
}

/**
 * Bandwidth's manners: with probability `outOfOrder` a step is sent just after the step that followed
 * it (its body, and so its LastModifiedDate, unchanged); with probability `duplicates` a delivery is
 * sent again a little later, half the time identical, half through a second subscription.
 * Returns the deliveries sorted by send time (stable).
 */
export function injectDeliveryFaults(
  random: Random,
  deliveries: readonly PlannedDelivery[],
  rates: { duplicates: number; outOfOrder: number },
): PlannedDelivery[] {
  const out = deliveries.map((d) => ({ ...d }))
  const byOrder = new Map<string, PlannedDelivery[]>()
  for (const d of out) if (d.orderId) byOrder.set(d.orderId, [...(byOrder.get(d.orderId) ?? []), d])
  for (const steps of byOrder.values()) {
    steps.sort((a, b) => a.stepIndex - b.stepIndex)
    for (let i = 0; i + 1 < steps.length; i++) {
      if (!random.chance(rates.outOfOrder)) continue
      steps[i].at = steps[i + 1].at + random.int(1_000, 60_000)
      steps[i].reordered = true
      i++ // a step already moved behind its successor is not swapped again
    }
  }
  const copies = out
    .filter(() => random.chance(rates.duplicates))
    .map((d) => ({
      ...d,
      at: d.at + random.int(1_000, 120_000),
      xml: random.chance(0.5)
        ? d.xml
        : d.xml.replace(/<SubscriptionId>[^<]*<\/SubscriptionId>/, `<SubscriptionId>${SECOND_SUBSCRIPTION}</SubscriptionId>`),
      duplicate: true,
    }))
  return [...out, ...copies]
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.at - b.d.at || a.i - b.i)
    .map(({ d }) => d)
}

/** Bandwidth retries an unanswered port-out validation every 5 minutes, 8 times, with the identical body (spec §5.5). */
export const PORTOUT_RETRY = { intervalMs: 5 * 60_000, retries: 8, timeoutMs: 30_000 } as const

/** Simulated offsets (from the first attempt) of every attempt Bandwidth makes when nothing answers. */
export function planPortoutAttempts(): number[] {
  return Array.from({ length: PORTOUT_RETRY.retries + 1 }, (_, i) => i * PORTOUT_RETRY.intervalMs)
}

function planPortout(random: Random, at: number, numbers: (count: number) => string[]): PlannedPortout {
  const day = new Date(at).toISOString().slice(0, 10).replaceAll('-', '')
  const fields: PortoutValidationRequestFields = {
    pon: `WC-LSR-${day}-${random.digits(4)}`,
    pin: random.chance(0.85) ? random.digits(random.int(4, 6)) : undefined,
    accountNumber: random.chance(0.8) ? `BAN-${random.digits(8)}` : undefined,
    zipCode: random.chance(0.7) ? random.pick(['27609', '28202', '78701', '98101', '80202']) : undefined,
    subscriberName: random.chance(0.6) ? random.pick(SUBSCRIBERS) : undefined,
    telephoneNumbers: numbers(random.int(1, 3)),
  }
  return { at, xml: buildPortoutValidationRequestXml(fields), fields }
}

/** Distinct 10-digit numbers in the 555 exchange, 10,000 per area code. */
function telephoneNumber(index: number): string {
  const areaCode = AREA_CODES[Math.floor(index / 10_000) % AREA_CODES.length]
  return `${areaCode}555${String(index % 10_000).padStart(4, '0')}`
}
