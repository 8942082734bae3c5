import { describe, expect, it } from 'vitest'
import { parseNotification } from '../bandwidth/parse-notification'
import { parsePortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import { getLifecycle } from '../orders/order-lifecycles'
import { createRandom } from './create-random'
import { SIMULATED_ORDER_TYPES, planOrderLifecycle } from './plan-order-lifecycle'
import { injectDeliveryFaults, planPortoutAttempts, planTraffic, type PlannedDelivery, type TrafficOptions } from './plan-traffic'

const OPTIONS: TrafficOptions = {
  seed: 'unit',
  startAt: Date.parse('2026-03-02T09:00:00Z'),
  orders: 300,
  events: 20,
  portouts: 10,
  duplicates: 0,
  outOfOrder: 0,
  spreadMs: 86_400_000,
}

describe('planOrderLifecycle', () => {
  it.each(SIMULATED_ORDER_TYPES)(
    '%s: states from its lifecycle, ending terminal (or a stalled port-in), strictly increasing times',
    (type) => {
      const random = createRandom(type)
      let n = 0
      const lifecycle = getLifecycle(type)
      const known = new Set([...lifecycle.path, ...lifecycle.branches])
      const finals = new Set<string>()
      for (let i = 0; i < 200; i++) {
        const order = planOrderLifecycle(random, type, 0, (count) => Array.from({ length: count }, () => String(9195550000 + n++)))
        const statuses = order.steps.map((s) => s.fields.status).filter((s): s is string => s !== undefined)
        for (const s of statuses) expect(known, `${type} ${s}`).toContain(s)
        const last = statuses.at(-1)!
        finals.add(last)
        if (!(type === 'portins' && last === 'SUBMITTED')) expect(lifecycle.terminal).toContain(last)
        for (let k = 1; k < order.steps.length; k++) expect(order.steps[k].at).toBeGreaterThan(order.steps[k - 1].at)
      }
      // Not only the happy path: every type reaches more than one end.
      expect(finals.size).toBeGreaterThan(1)
    },
  )

  it('port-ins follow PENDING_DOCUMENTS → SUBMITTED → FOC (with its date) → COMPLETE, detours through EXCEPTION → REQUESTED_SUPP', () => {
    const random = createRandom('portins-order')
    const paths = new Set<string>()
    for (let i = 0; i < 300; i++) {
      const order = planOrderLifecycle(random, 'portins', 0, (c) => Array(c).fill('9195550100'))
      const statuses = order.steps.flatMap((s) => (s.fields.status ? [s.fields.status] : [])).filter((s, k, all) => s !== all[k - 1])
      paths.add(statuses.join(' → '))
      expect(statuses[0]).toBe('PENDING_DOCUMENTS')
      const foc = order.steps.find((s) => s.fields.status === 'FOC' && s.fields.actualFocDate)
      const complete = order.steps.find((s) => s.fields.status === 'COMPLETE')
      if (complete) {
        expect(foc).toBeDefined()
        expect(complete.at).toBeGreaterThanOrEqual(Date.parse(foc!.fields.actualFocDate!))
        expect(complete.fields.numbers!.length).toBeGreaterThan(0)
      }
      const exception = statuses.indexOf('EXCEPTION')
      if (exception >= 0) expect(statuses[exception + 1]).toBe('REQUESTED_SUPP')
    }
    expect(paths).toContain('PENDING_DOCUMENTS → SUBMITTED → FOC → COMPLETE')
    expect(paths).toContain('PENDING_DOCUMENTS → SUBMITTED → EXCEPTION → REQUESTED_SUPP → SUBMITTED → FOC → COMPLETE')
    expect(paths).toContain('PENDING_DOCUMENTS → CANCELLED')
  })
})

describe('planTraffic', () => {
  it('is reproducible: the same seed gives the same bodies, another seed different ones', () => {
    const a = planTraffic(OPTIONS)
    expect(planTraffic(OPTIONS)).toEqual(a)
    expect(planTraffic({ ...OPTIONS, seed: 'other' }).deliveries.map((d) => d.xml)).not.toEqual(a.deliveries.map((d) => d.xml))
  })

  it('every body is one Portwatch reads as Bandwidth’s, in the compact style, with distinct order ids and event numbers', () => {
    const plan = planTraffic(OPTIONS)
    for (const d of plan.deliveries) {
      expect(d.xml).not.toMatch(/>\s+</)
      const parsed = parseNotification(d.xml)
      expect(parsed.ok, d.xml).toBe(true)
    }
    expect(new Set(plan.orders.map((o) => o.orderId)).size).toBe(300)
    const eventNumbers = plan.deliveries.filter((d) => d.orderId === null).flatMap((d) => d.numbers)
    expect(eventNumbers).toHaveLength(new Set(eventNumbers).size)
    expect(eventNumbers.length).toBeGreaterThanOrEqual(20)
    for (const p of plan.portouts) {
      const parsed = parsePortoutValidationRequest(p.xml)
      expect(parsed.ok && parsed.value.telephoneNumbers).toEqual(p.fields.telephoneNumbers)
    }
    // Sorted by send time.
    for (let i = 1; i < plan.deliveries.length; i++) expect(plan.deliveries[i].at).toBeGreaterThanOrEqual(plan.deliveries[i - 1].at)
  })

  it('mixes every order type, coded messages and notes', () => {
    const plan = planTraffic(OPTIONS)
    expect(new Set(plan.orders.map((o) => o.orderType))).toEqual(new Set(SIMULATED_ORDER_TYPES))
    const xml = plan.deliveries.map((d) => d.xml).join('\n')
    expect(xml).toMatch(/<Message>5005: The telephone number is unavailable for ordering<\/Message>/)
    expect(xml).toMatch(/<Message>75\d\d: /)
    expect(xml).toMatch(/<Note>/)
    expect(xml).toMatch(/<ActualFocDate>\d{4}-\d\d-\d\dT14:00:00Z<\/ActualFocDate>/)
    expect(xml).toMatch(/<EventType>MESSAGING_LOST<\/EventType>/)
  })
})

describe('injectDeliveryFaults', () => {
  const steps = (orderId: string, n: number): PlannedDelivery[] =>
    Array.from({ length: n }, (_, i) => ({
      at: i * 10_000_000,
      xml: `<x>${orderId}-${i}<SubscriptionId>s</SubscriptionId></x>`,
      orderId,
      numbers: [],
      stepIndex: i,
      duplicate: false,
      reordered: false,
    }))
  const many = Array.from({ length: 200 }, (_, k) => steps(`o${k}`, 5)).flat()

  it('injects nothing at rate 0', () => {
    const out = injectDeliveryFaults(createRandom(1), many, { duplicates: 0, outOfOrder: 0 })
    expect(out.map((d) => d.xml).sort()).toEqual(many.map((d) => d.xml).sort())
  })

  it('duplicates about the given share, each a copy sent later (identical or through a second subscription)', () => {
    const out = injectDeliveryFaults(createRandom(2), many, { duplicates: 0.1, outOfOrder: 0 })
    const copies = out.filter((d) => d.duplicate)
    expect(copies.length).toBeGreaterThan(60)
    expect(copies.length).toBeLessThan(140)
    for (const c of copies) {
      const original = out.find((d) => !d.duplicate && d.orderId === c.orderId && d.stepIndex === c.stepIndex)!
      expect(c.at).toBeGreaterThan(original.at)
      expect(c.xml.replace(/<SubscriptionId>[^<]*/, '')).toBe(original.xml.replace(/<SubscriptionId>[^<]*/, ''))
    }
    expect(copies.some((c) => c.xml.includes('<SubscriptionId>s<'))).toBe(true)
    expect(copies.some((c) => !c.xml.includes('<SubscriptionId>s<'))).toBe(true)
  })

  it('reorders about the given share: a moved step is sent after its successor, bodies untouched', () => {
    const out = injectDeliveryFaults(createRandom(3), many, { duplicates: 0, outOfOrder: 0.1 })
    const moved = out.filter((d) => d.reordered)
    expect(moved.length).toBeGreaterThan(40)
    expect(moved.length).toBeLessThan(140)
    for (const m of moved) {
      const next = out.findIndex((d) => d.orderId === m.orderId && d.stepIndex === m.stepIndex + 1)
      expect(out.indexOf(m)).toBeGreaterThan(next)
    }
    expect(out.map((d) => d.xml).sort()).toEqual(many.map((d) => d.xml).sort())
  })
})

describe('planPortoutAttempts', () => {
  it('is the first attempt and 8 retries, 5 minutes apart: 40 minutes in all', () => {
    expect(planPortoutAttempts()).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40].map((m) => m * 60_000))
  })
})
