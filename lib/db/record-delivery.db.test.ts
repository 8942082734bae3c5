import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeConnections, openConnections } from './client'
import { getNumberHistory } from './get-number'
import { getOrderWithTimeline } from './get-order'
import { getDelivery, listDeliveries } from './list-deliveries'
import { listNotifications } from './list-notifications'
import { listOrders } from './list-orders'
import { migrateDatabase } from './migrate'
import { recordRejectedDelivery } from './record-delivery'
import { acceptedCredentials, ensureWebhookCredentials, getWebhookCredentials } from './webhook-credentials'
import { ingest, makeDelivery, orderXml } from '../../test/support/deliveries'
import { readFixture } from '../../test/support/fixtures'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'
import { testSecretBox as box } from '../../test/support/test-secret-box'

const LIFECYCLE = [
  'order-portins-pending-documents.xml',
  'order-portins-submitted.xml',
  'order-portins-foc.xml',
  'order-portins-note-with-status.xml',
  'order-portins-complete-many-tns.xml',
]
const LIFECYCLE_ID = '6e9b1f47-a2d3-4c58-b0e7-83f5c9d1a4e2'

describe.each(testProviders())('ingest and read on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('stores a port-in lifecycle delivered out of order, never regressing the status', async () => {
    const c = t.connections
    // COMPLETE first, then the older steps arrive late.
    for (const f of [...LIFECYCLE].reverse()) expect((await ingest(c, readFixture(f))).outcome).toBe('accepted')
    const { order, timeline } = await getOrderWithTimeline(c, LIFECYCLE_ID)
    expect(order.status).toBe('COMPLETE')
    expect(order.customerOrderId).toBe('PORT-ACME-2025-0311')
    expect(order.actualFocDate).toBe('2025-03-18T14:00:00.000Z')
    expect(order.lastModifiedDate).toBe('2025-03-18T14:07:52.391Z')
    expect(order.notificationCount).toBe(5)
    expect(timeline.map((s) => s.status)).toEqual(['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'FOC', 'COMPLETE'])
    expect(timeline[3].note).toContain('&amp; no further action'.replace('&amp;', '&'))
    expect(timeline.every((s) => s.rawXml?.includes(LIFECYCLE_ID))).toBe(true)
    expect(timeline[4].numbers).toHaveLength(16)
  })

  it('keeps a sequential duplicate as a duplicate delivery pointing at the original', async () => {
    const c = t.connections
    const xml = readFixture('order-orders-complete-single-tn.xml')
    const first = await ingest(c, xml)
    const second = await ingest(c, xml)
    expect(first.outcome).toBe('accepted')
    expect(second).toMatchObject({ outcome: 'duplicate', notificationId: first.notificationId })
    const { timeline } = await getOrderWithTimeline(c, '5b8e2f14-0c6a-4d93-a7e1-9f3b4c8d2a60')
    expect(timeline).toHaveLength(1)
    const dups = await listDeliveries(c, { outcome: 'duplicate', limit: 50 })
    expect(dups.deliveries.map((d) => d.id)).toContain(second.deliveryId)
    expect(dups.deliveries.find((d) => d.id === second.deliveryId)?.notificationId).toBe(first.notificationId)
  })

  it('gives one timeline entry for concurrent duplicates from two app instances', async () => {
    const other = openConnections(t.url) // a second instance's connections to the same database
    try {
      const orderId = randomUUID()
      const xml = orderXml({ orderId, status: 'SUBMITTED', lmd: '2025-05-01T10:00:00.000Z' })
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => ingest(i % 2 ? other : t.connections, xml)))
      expect(results.filter((r) => r.outcome === 'accepted')).toHaveLength(1)
      expect(new Set(results.map((r) => r.notificationId)).size).toBe(1)
      const { order, timeline } = await getOrderWithTimeline(t.connections, orderId)
      expect(timeline).toHaveLength(1)
      expect(order.notificationCount).toBe(1)
    } finally {
      await closeConnections(other)
    }
  })

  it('does not let a note-only notification change the status', async () => {
    const orderId = randomUUID()
    await ingest(t.connections, orderXml({ orderId, status: 'EXCEPTION', lmd: '2025-05-01T10:00:00.000Z' }))
    await ingest(t.connections, orderXml({ orderId, note: 'Please send a SUPP', lmd: '2025-05-01T11:00:00.000Z' }))
    const { order, timeline } = await getOrderWithTimeline(t.connections, orderId)
    expect(order.status).toBe('EXCEPTION')
    expect(timeline.map((s) => [s.status, s.note])).toEqual([
      ['EXCEPTION', null],
      [null, 'Please send a SUPP'],
    ])
  })

  it('indexes numbers in E.164 and finds them in any format', async () => {
    const c = t.connections
    const orderId = randomUUID()
    await ingest(c, orderXml({ orderId, type: 'orders', status: 'COMPLETE', tns: ['7045550101', '+17045550102'] }))
    await ingest(c, readFixture('event-messaging-lost-e164-format.xml'))
    for (const form of ['7045550101', '+17045550101', '(704) 555-0101', '1-704-555-0101']) {
      const h = await getNumberHistory(c, form)
      expect(h.e164).toBe('+17045550101')
      expect(h.orders.map((o) => o.orderId)).toEqual([orderId])
      expect(h.formsSeen).toEqual(['7045550101'])
    }
    const search = await listOrders(c, { q: '(704) 555-0102', limit: 50 })
    expect(search.orders.map((o) => o.orderId)).toEqual([orderId])
    const event = await listNotifications(c, { kind: 'event', limit: 50 })
    expect(event.notifications[0].eventType).toBe('MESSAGING_LOST')
    const byNumber = await listNotifications(c, { number: event.notifications[0].numbers[0], limit: 50 })
    expect(byNumber.notifications.map((n) => n.id)).toContain(event.notifications[0].id)
  })

  it('stores a notification of 40,000 numbers (what a 2 MiB body holds) with every number indexed', async () => {
    const c = t.connections
    const orderId = randomUUID()
    // Over both drivers' limit of parameters in one statement (SQLite 32,766; PostgreSQL 65,535) at 5 a number.
    const tns = Array.from({ length: 40_000 }, (_, i) => `919${2_000_000 + i}`)
    const xml = orderXml({ orderId, type: 'orders', status: 'COMPLETE', tns })
    expect(Buffer.byteLength(xml)).toBeLessThan(2 * 1024 * 1024)
    const recorded = await ingest(c, xml)
    expect(recorded.outcome).toBe('accepted')
    expect(await c.prisma.numberRef.count({ where: { notificationId: recorded.notificationId } })).toBe(40_000)
    const refs = await c.prisma.numberRef.findMany({ where: { notificationId: recorded.notificationId }, select: { e164: true } })
    expect(new Set(refs.map((r) => r.e164))).toEqual(new Set(tns.map((n) => `+1${n}`)))
    for (const n of [tns[0], tns[20_000], tns.at(-1)!])
      expect((await getNumberHistory(c, n)).orders.map((o) => o.orderId)).toEqual([orderId])
    expect((await getDelivery(c, recorded.deliveryId)).outcome).toBe('accepted')
  })

  it('pages the notifications of one number, with other filters, newest first', async () => {
    const c = t.connections
    const tn = '3365550177'
    const base = Date.parse('2031-01-01T00:00:00Z')
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const r = await ingest(
        c,
        orderXml({ orderId: randomUUID(), type: 'orders', status: i % 2 ? 'FAILED' : 'COMPLETE', tns: [tn, '3365550999'] }),
        new Date(base + i * 1000),
      )
      ids.push(r.notificationId)
    }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listNotifications(c, { number: `+1${tn}`, limit: 2, cursor })
      seen.push(...page.notifications.map((n) => n.id))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())
    const failed = await listNotifications(c, { number: tn, status: 'failed', limit: 50 })
    expect(failed.notifications.map((n) => n.id)).toEqual([ids[3], ids[1]])
    const window = await listNotifications(c, { number: tn, from: new Date(base + 1000), to: new Date(base + 2000), limit: 50 })
    expect(window.notifications.map((n) => n.id)).toEqual([ids[2], ids[1]])
  })

  it('pages orders with a keyset cursor, newest activity first, without gaps or repeats', async () => {
    const c = t.connections
    const ids: string[] = []
    const base = Date.parse('2030-01-01T00:00:00Z')
    for (let i = 0; i < 7; i++) {
      const orderId = randomUUID()
      ids.push(orderId)
      await ingest(c, orderXml({ orderId, type: 'tnoptions', status: 'PROCESSING' }), new Date(base + i * 1000))
    }
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listOrders(c, { type: 'TNOPTIONS', limit: 3, cursor })
      seen.push(...page.orders.map((o) => o.orderId))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toEqual([...ids].reverse())
    expect((await listOrders(c, { type: 'tnoptions', status: 'processing', limit: 50 })).orders).toHaveLength(7)
    expect((await listOrders(c, { q: ids[2], limit: 50 })).orders.map((o) => o.orderId)).toEqual([ids[2]])
  })

  it('keeps rejected deliveries with their reason', async () => {
    const d = makeDelivery('<Notification><OrderType>portins</OrderType></Notification>')
    await recordRejectedDelivery(t.connections, d, 400, 'order notification without OrderId')
    const page = await listDeliveries(t.connections, { outcome: 'rejected', limit: 10 })
    expect(page.deliveries[0]).toMatchObject({
      id: d.id,
      httpStatus: 400,
      reason: 'order notification without OrderId',
      bodyPreview: d.body,
    })
    expect(await getDelivery(t.connections, d.id)).toMatchObject({ body: d.body, headers: d.headers })
  })

  it('applies migrations once', async () => {
    expect(await migrateDatabase(t.connections)).toEqual([])
  })

  it('generates one credential pair even when two instances start at once, unless the environment sets one', async () => {
    const other = openConnections(t.url)
    try {
      const created = await Promise.all([
        ensureWebhookCredentials(t.connections, 'notifications', {}, box),
        ensureWebhookCredentials(other, 'notifications', {}, box),
      ])
      expect(created.filter(Boolean).length).toBeLessThanOrEqual(1)
      const a = await getWebhookCredentials(t.connections, 'notifications', {}, box)
      const b = await getWebhookCredentials(other, 'notifications', {}, box)
      expect(acceptedCredentials(a)).toHaveLength(1)
      expect(a.current!.password.length).toBeGreaterThanOrEqual(32)
      expect(acceptedCredentials(b)).toEqual(acceptedCredentials(a))
      const env = await getWebhookCredentials(
        t.connections,
        'notifications',
        {
          BANDWIDTH_WEBHOOK_USERNAME: 'u',
          BANDWIDTH_WEBHOOK_PASSWORD: 'p',
        },
        box,
      )
      expect(acceptedCredentials(env)).toEqual([{ username: 'u', password: 'p' }])
      expect(env.source).toBe('environment')
    } finally {
      await closeConnections(other)
    }
  })
})
