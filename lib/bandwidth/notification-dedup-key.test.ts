import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { buildNotificationDedupKey } from './notification-dedup-key'
import { parseNotification, type EventNotification, type Notification, type OrderNotification } from './parse-notification'

function parse(xml: string): Notification {
  const r = parseNotification(xml)
  if (!r.ok) throw new Error(`fixture did not parse: ${r.error.code}: ${r.error.reason}`)
  return r.value
}

const RECEIVED = new Date('2025-03-18T14:08:00.000Z')
const key = (n: Notification, at: Date = RECEIVED) => buildNotificationDedupKey(n, at)

const baseOrder = (): OrderNotification => {
  const n = parse(readFixture('order-portins-foc.xml'))
  if (n.kind !== 'order') throw new Error('expected an order')
  return n
}

const baseEvent = (): EventNotification => ({
  kind: 'event',
  subscriptionId: '3a7e1c9d-f2b5-4e80-96d4-a0c8e2f6b153',
  eventType: 'MESSAGING_LOST',
  numbers: ['8015550110', '8015550111', '3855550402'],
})

describe('buildNotificationDedupKey', () => {
  it('is a SHA-256 hex digest', () => {
    expect(key(baseOrder())).toMatch(/^[0-9a-f]{64}$/)
    expect(key(baseEvent())).toMatch(/^[0-9a-f]{64}$/)
  })

  it('gives the same key for the same notification delivered twice', () => {
    const xml = readFixture('order-portins-complete-many-tns.xml')
    expect(key(parse(xml), new Date('2025-03-18T14:08:00Z'))).toBe(key(parse(xml), new Date('2025-03-18T14:12:31Z')))
  })

  it('gives the same key for the same notification in another layout', () => {
    const pretty = readFixture('order-portins-foc.xml')
    const compact = pretty.replace(/>\s+</g, '><').replace('<?xml version="1.0"?>', '')
    expect(key(parse(compact))).toBe(key(parse(pretty)))
  })

  it('gives every sample notification its own key', () => {
    const files = [
      'order-portins-pending-documents.xml',
      'order-portins-submitted.xml',
      'order-portins-foc.xml',
      'order-portins-note-with-status.xml',
      'order-portins-complete-many-tns.xml',
      'order-portins-exception.xml',
      'order-portins-requested-supp.xml',
      'order-portins-note-only.xml',
      'order-bulkportins-completed.xml',
      'order-bulkportins-valid-draft-tns.xml',
      'event-messaging-lost-single-tn.xml',
      'event-messaging-lost-multiple-tns.xml',
    ]
    const keys = files.map((f) => key(parse(readFixture(f))))
    expect(new Set(keys).size).toBe(files.length)
  })

  describe('orders', () => {
    it.each<[string, (n: OrderNotification) => OrderNotification]>([
      ['status', (n) => ({ ...n, status: 'COMPLETE' })],
      ['status absent', (n) => ({ ...n, status: undefined })],
      ['note', (n) => ({ ...n, note: 'Customer called' })],
      ['message', (n) => ({ ...n, message: 'Order waiting for activation.' })],
      ['lastModifiedDate (by 1 ms)', (n) => ({ ...n, lastModifiedDate: new Date(n.lastModifiedDate!.getTime() + 1) })],
      ['lastModifiedDate absent', (n) => ({ ...n, lastModifiedDate: undefined })],
      ['actualFocDate', (n) => ({ ...n, actualFocDate: new Date('2025-03-19T14:00:00Z') })],
      ['orderId', (n) => ({ ...n, orderId: 'd8a1c5e3-7f20-4b96-a4d8-1e6c0b9f3a75' })],
      ['orderTypeKey', (n) => ({ ...n, orderType: 'portouts', orderTypeKey: 'portouts' })],
      ['customerOrderId', (n) => ({ ...n, customerOrderId: 'PORT-ACME-2025-0312' })],
      ['numbers (one more)', (n) => ({ ...n, numbers: [...n.numbers, '9195554300'] })],
    ])('differs when %s differs', (_label, change) => {
      const n = baseOrder()
      expect(key(change(n))).not.toBe(key(n))
    })

    it('differs between two lifecycle steps of the same order', () => {
      const submitted = parse(readFixture('order-portins-submitted.xml'))
      const foc = parse(readFixture('order-portins-foc.xml'))
      expect(key(submitted)).not.toBe(key(foc))
    })

    it('is the same when only SubscriptionId differs (global and per-order subscriptions report one step)', () => {
      const n = baseOrder()
      expect(key({ ...n, subscriptionId: '0e9a51c7-5d28-4b63-9e1f-c4a2b7d08e35' })).toBe(key(n))
      expect(key({ ...n, subscriptionId: undefined })).toBe(key(n))
      const xml = readFixture('order-portins-foc.xml')
      expect(key(parse(xml.replace('b84d7e32-1a6f-4c9e-8f02-3d7a9c5e61b4', 'ffffffff-0000-4000-8000-000000000000')))).toBe(key(parse(xml)))
    })

    it('is the same when the TelephoneNumbers come in another order', () => {
      const n = baseOrder()
      const a = { ...n, numbers: ['9195554300', '9195554301', '9845558801'] }
      const b = { ...n, numbers: ['9845558801', '9195554300', '9195554301'] }
      expect(key(a)).toBe(key(b))
      // and sorting for the key does not reorder the notification's own list
      expect(b.numbers).toEqual(['9845558801', '9195554300', '9195554301'])
    })

    it('does not depend on when an order notification was received', () => {
      const n = baseOrder()
      expect(key(n, new Date('2025-03-12T20:31:19Z'))).toBe(key(n, new Date('2025-04-30T00:00:00Z')))
    })

    it('is the same for the same instant written with another offset', () => {
      const xml = readFixture('order-portins-foc.xml')
      const shifted = xml.replace('2025-03-12T20:31:18.642Z', '2025-03-12T15:31:18.642-05:00')
      expect(key(parse(shifted))).toBe(key(parse(xml)))
    })

    it('does not let one field run into the next (no ambiguous concatenation)', () => {
      const n = baseOrder()
      const a = { ...n, message: 'a', note: 'b,c' }
      const b = { ...n, message: 'a,b', note: 'c' }
      expect(key(a)).not.toBe(key(b))
    })

    it('tells one TelephoneNumber containing a comma from two TelephoneNumbers', () => {
      // <TelephoneNumber>9195550001,9195550002</TelephoneNumber> is accepted by the parser as one (odd) number
      const n = baseOrder()
      const one = { ...n, numbers: ['9195550001,9195550002'] }
      const two = { ...n, numbers: ['9195550001', '9195550002'] }
      expect(key(one)).not.toBe(key(two))
    })

    it('tells "no note" from an empty or "null" note', () => {
      const n = { ...baseOrder(), note: undefined }
      expect(key({ ...n, note: 'null' })).not.toBe(key(n))
    })
  })

  describe('events', () => {
    it('gives the same key for the same event on the same UTC day', () => {
      const e = baseEvent()
      expect(key(e, new Date('2025-03-18T00:00:00.000Z'))).toBe(key(e, new Date('2025-03-18T23:59:59.999Z')))
    })

    it('gives a different key on the next UTC day', () => {
      const e = baseEvent()
      expect(key(e, new Date('2025-03-18T23:59:59.999Z'))).not.toBe(key(e, new Date('2025-03-19T00:00:00.000Z')))
      expect(key(e, new Date('2025-03-18T12:00:00Z'))).not.toBe(key(e, new Date('2025-04-18T12:00:00Z')))
    })

    it('uses the UTC day, not a local one: 19:00 and 21:00 in New York (UTC-4) on 18 March are two UTC days', () => {
      const e = baseEvent()
      // 2025-03-18T23:00Z and 2025-03-19T01:00Z
      expect(key(e, new Date('2025-03-18T19:00:00-04:00'))).not.toBe(key(e, new Date('2025-03-18T21:00:00-04:00')))
      expect(key(e, new Date('2025-03-18T21:00:00-04:00'))).toBe(key(e, new Date('2025-03-19T12:00:00Z')))
    })

    it('is the same when only SubscriptionId differs, or the numbers come in another order', () => {
      const e = baseEvent()
      expect(key({ ...e, subscriptionId: 'ea1c5f7b-2d90-4b3e-8c6a-f5b0d9e3a718' })).toBe(key(e))
      expect(key({ ...e, numbers: [...e.numbers].reverse() })).toBe(key(e))
    })

    it('ignores the case of the event type', () => {
      const e = baseEvent()
      expect(key({ ...e, eventType: 'messaging_lost' })).toBe(key(e))
    })

    it('differs when the event type or the numbers differ', () => {
      const e = baseEvent()
      expect(key({ ...e, eventType: 'MESSAGING_RESTORED' })).not.toBe(key(e))
      expect(key({ ...e, numbers: e.numbers.slice(1) })).not.toBe(key(e))
    })

    it('gives the ImpactedTelephoneNumbers and CompletedTelephoneNumbers variants the same key', () => {
      const impacted = readFixture('event-messaging-lost-completed-tns-variant.xml').replace(
        /CompletedTelephoneNumbers/g,
        'ImpactedTelephoneNumbers',
      )
      expect(key(parse(impacted))).toBe(key(parse(readFixture('event-messaging-lost-completed-tns-variant.xml'))))
    })

    it('never collides with an order notification', () => {
      const e = baseEvent()
      const o: OrderNotification = {
        kind: 'order',
        orderType: 'MESSAGING_LOST',
        orderTypeKey: 'messaging_lost',
        orderId: 'x',
        numbers: e.numbers,
      }
      expect(key(o)).not.toBe(key(e))
    })
  })
})
