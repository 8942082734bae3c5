import { describe, expect, it } from 'vitest'
import {
  buildForwardBody,
  buildForwardEventJsonSchema,
  forwardEventSchema,
  orderKeyOf,
  shapeEventReceived,
  shapeNoteAdded,
  shapePortoutDecided,
  shapeStatusChanged,
} from './forward-events'

const order = { orderId: 'ord-1', orderType: 'PortIns', customerOrderId: 'c-9', numbers: ['+19195550100'], deliveryId: 'd-1' }
const at = '2026-07-01T10:00:00.000Z'

describe('forwarded events', () => {
  it('shapes a status change, keyed on its notification, and the body validates against the schema', () => {
    const e = shapeStatusChanged({ notificationId: 'n-1', from: 'SUBMITTED', to: 'FOC', at, source: 'webhook' }, order)
    expect(e).toMatchObject({
      sourceKey: 'transition:n-1',
      type: 'order.status_changed',
      orderId: 'ord-1',
      orderType: 'portins',
      status: 'FOC',
    })
    const body = buildForwardBody({ id: 'evt_1', type: e.type, occurredAt: e.occurredAt, data: e.data }, undefined)
    expect(forwardEventSchema.parse(body)).toEqual({
      id: 'evt_1',
      type: 'order.status_changed',
      version: 1,
      timestamp: at,
      data: {
        order: { id: 'ord-1', type: 'PortIns', customerOrderId: 'c-9' },
        from: 'SUBMITTED',
        to: 'FOC',
        numbers: ['+19195550100'],
        source: 'webhook',
      },
    })
    expect(body).not.toHaveProperty('raw')
  })

  it('shapes notes, events and port-out decisions that validate; raw XML only when asked (null once purged)', () => {
    const shaped = [
      shapeNoteAdded({ notificationId: 'n-2', note: 'called the customer', status: null, at, source: 'reconciled' }, order),
      shapeEventReceived({ notificationId: 'n-3', eventType: 'MESSAGING_LOST', numbers: ['+19195550101'], at, source: 'webhook' }, 'd-3'),
      shapePortoutDecided(
        { requestId: 'p-1', portable: false, errorCodes: ['7514'], fallback: false },
        { pon: 'PON1', at, numbers: ['+19195550102'], deliveryId: null },
      ),
    ]
    expect(shaped.map((e) => [e.sourceKey, e.status])).toEqual([
      ['note:n-2', null],
      ['event:n-3', 'MESSAGING_LOST'],
      ['portout:p-1', 'denied'],
    ])
    for (const e of shaped) {
      const withRaw = buildForwardBody(
        { id: 'evt_x', type: e.type, occurredAt: at, data: e.data },
        { contentType: 'application/xml', body: '<x/>' },
      )
      expect(forwardEventSchema.parse(withRaw)).toMatchObject({ type: e.type, raw: { body: '<x/>' } })
      expect(forwardEventSchema.parse(buildForwardBody({ id: 'evt_x', type: e.type, occurredAt: at, data: e.data }, null))).toMatchObject({
        raw: null,
      })
    }
    // The data carries no CPNI of a port-out request: no account number, ZIP or name.
    expect(Object.keys(shaped[2].data as object).sort()).toEqual(['errorCodes', 'fallback', 'numbers', 'pon', 'portable', 'requestId'])
  })

  it('rejects a body whose data does not fit its type', () => {
    expect(
      forwardEventSchema.safeParse({ id: 'e', type: 'order.status_changed', version: 1, timestamp: at, data: { eventType: 'X' } }).success,
    ).toBe(false)
    expect(forwardEventSchema.safeParse({ id: 'e', type: 'order.unknown', version: 1, timestamp: at, data: {} }).success).toBe(false)
  })

  it('publishes one JSON Schema with a branch per type', () => {
    const schema = buildForwardEventJsonSchema() as { oneOf?: { properties: { type: { const: string } } }[]; anyOf?: unknown[] }
    const branches = (schema.oneOf ?? schema.anyOf) as { properties: { type: { const: string } } }[]
    expect(branches.map((b) => b.properties.type.const)).toEqual([
      'order.status_changed',
      'order.note_added',
      'event.received',
      'portout.decided',
    ])
  })

  it('chains deliveries per order; an event about no order is its own chain', () => {
    expect(orderKeyOf({ orderId: 'ord-1' }, 'evt_1')).toBe('order:ord-1')
    expect(orderKeyOf({ orderId: null }, 'evt_2')).toBe('event:evt_2')
  })
})

describe('the committed JSON Schema', () => {
  it('is the one the code publishes (npx tsx scripts/write-forwarding-schema.ts after an event changes)', async () => {
    const { readFile } = await import('node:fs/promises')
    const committed = JSON.parse(await readFile(new URL('../../docs/forwarding-events.schema.json', import.meta.url), 'utf8')) as unknown
    expect(committed).toEqual(buildForwardEventJsonSchema())
  })
})
