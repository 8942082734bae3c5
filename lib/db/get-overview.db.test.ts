import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getOverview } from './get-overview'
import { listOrders } from './list-orders'
import { buildOrderNotificationXml } from '../bandwidth/build-notification-xml'
import { appSettingsSchema } from './settings'
import { ingest, orderXml } from '../../test/support/deliveries'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const now = new Date()
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000)

describe.each(testProviders())('overview and stuck orders on %s', (provider) => {
  let t: TestDatabase
  const ids = {
    stuckPortin: randomUUID(),
    freshPortin: randomUUID(),
    donePortin: randomUUID(),
    stuckOrder: randomUUID(),
    exception: randomUUID(),
  }
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    const c = t.connections
    await ingest(c, orderXml({ orderId: ids.stuckPortin, status: 'SUBMITTED' }), hoursAgo(130))
    await ingest(c, orderXml({ orderId: ids.freshPortin, status: 'SUBMITTED' }), hoursAgo(2))
    await ingest(c, orderXml({ orderId: ids.donePortin, status: 'COMPLETE' }), hoursAgo(500))
    await ingest(c, orderXml({ orderId: ids.stuckOrder, type: 'orders', status: 'BACKORDERED' }), hoursAgo(30))
    await ingest(c, orderXml({ orderId: ids.exception, status: 'EXCEPTION' }), hoursAgo(1))
  })
  afterAll(async () => t?.drop())

  it('lists exactly the stuck orders, by the same rule the pages show', async () => {
    const page = await listOrders(t.connections, { stuck: true, limit: 50 }, {}, now)
    expect(page.orders.map((o) => o.orderId).sort()).toEqual([ids.stuckPortin, ids.stuckOrder].sort())
    expect(page.orders.every((o) => o.stuckSince !== null)).toBe(true)
    const all = await listOrders(t.connections, { limit: 50 }, {}, now)
    expect(
      all.orders
        .filter((o) => o.stuckSince)
        .map((o) => o.orderId)
        .sort(),
    ).toEqual([ids.stuckPortin, ids.stuckOrder].sort())
    // A setting can make a type's threshold shorter.
    const strict = await listOrders(t.connections, { stuck: true, limit: 50 }, { portins: 0.5 }, now)
    expect(strict.orders.map((o) => o.orderId).sort()).toEqual([ids.stuckPortin, ids.freshPortin, ids.stuckOrder, ids.exception].sort())
  })

  it('counts orders by type and status and lists what needs attention', async () => {
    const o = await getOverview(t.connections, appSettingsSchema.parse({}), now)
    expect(o.ordersByTypeAndStatus).toEqual(
      expect.arrayContaining([
        { orderTypeKey: 'portins', status: 'SUBMITTED', count: 2 },
        { orderTypeKey: 'portins', status: 'COMPLETE', count: 1 },
        { orderTypeKey: 'orders', status: 'BACKORDERED', count: 1 },
      ]),
    )
    expect(o.attention.orders.map((a) => a.orderId)).toEqual([ids.exception, ids.stuckOrder])
    expect(o.stuck.count).toBe(2)
    expect(o.stuck.orders[0].orderId).toBe(ids.stuckPortin)
    expect(o.perDay).toHaveLength(14)
    expect(o.perDay.at(-1)!.count + o.perDay.at(-2)!.count).toBeGreaterThanOrEqual(1)
    expect(o.perDay.reduce((n, d) => n + d.count, 0)).toBe(4) // the 500-hour-old one is outside the 14 days
    expect(o.lastNotificationAt).toBe(hoursAgo(1).toISOString())
    expect(o.quiet.isQuiet).toBe(false)
    const quiet = await getOverview(t.connections, appSettingsSchema.parse({ quietAlertMinutes: 30 }), now)
    expect(quiet.quiet.isQuiet).toBe(true)
  })

  it('lists every state the table says needs attention, whatever the type: the badge and the overview agree', async () => {
    const fresh = await createTestDatabase(provider)
    try {
      const invalidDraft = randomUUID()
      const moving = randomUUID()
      await ingest(fresh.connections, orderXml({ orderId: invalidDraft, type: 'bulkPortins', status: 'INVALID_DRAFT_TNS' }), hoursAgo(1))
      await ingest(fresh.connections, orderXml({ orderId: moving, type: 'bulkPortins', status: 'IN_PROGRESS' }), hoursAgo(1))
      const o = await getOverview(fresh.connections, appSettingsSchema.parse({}), now)
      expect(o.attention.orders.map((a) => a.orderId)).toEqual([invalidDraft])
    } finally {
      await fresh.drop()
    }
  })

  it('says why each order needs attention, and the orders filters find exactly the overview’s orders', async () => {
    const fresh = await createTestDatabase(provider)
    try {
      const c = fresh.connections
      const [unavailable, recovered, focMissed, focLater, focDone] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()]
      const lmd = (h: number) => hoursAgo(h).toISOString()
      const xml = (f: Partial<Parameters<typeof buildOrderNotificationXml>[0]> & { orderId: string }) =>
        buildOrderNotificationXml({ orderType: 'portins', ...f })
      await ingest(c, xml({ orderId: unavailable, status: 'SUBMITTED', lastModifiedDate: lmd(5) }), hoursAgo(5))
      await ingest(
        c,
        xml({ orderId: unavailable, status: 'EXCEPTION', message: '5005: The telephone number is unavailable', lastModifiedDate: lmd(4) }),
        hoursAgo(4),
      )
      await ingest(c, xml({ orderId: unavailable, note: 'Customer called', lastModifiedDate: lmd(3) }), hoursAgo(3))
      await ingest(c, xml({ orderId: recovered, status: 'EXCEPTION', message: '7513: PIN Invalid', lastModifiedDate: lmd(4) }), hoursAgo(4))
      await ingest(
        c,
        xml({ orderId: recovered, status: 'FOC', lastModifiedDate: lmd(3), actualFocDate: hoursAgo(50).toISOString() }),
        hoursAgo(3),
      )
      await ingest(
        c,
        xml({ orderId: focMissed, status: 'FOC', lastModifiedDate: lmd(2), actualFocDate: hoursAgo(1).toISOString() }),
        hoursAgo(2),
      )
      await ingest(
        c,
        xml({ orderId: focLater, status: 'FOC', lastModifiedDate: lmd(2), actualFocDate: hoursAgo(-80).toISOString() }),
        hoursAgo(2),
      )
      await ingest(
        c,
        xml({ orderId: focDone, status: 'FOC', lastModifiedDate: lmd(3), actualFocDate: hoursAgo(30).toISOString() }),
        hoursAgo(3),
      )
      await ingest(c, xml({ orderId: focDone, status: 'COMPLETE', lastModifiedDate: lmd(2) }), hoursAgo(2))

      const o = await getOverview(c, appSettingsSchema.parse({}), now)
      expect(o.attention.count).toBe(1)
      expect(o.attention.orders.map((a) => [a.orderId, a.reason?.message, a.reason?.errorCode])).toEqual([
        [unavailable, '5005: The telephone number is unavailable', '5005'],
      ])
      const listed = await listOrders(c, { attention: true, limit: 50 }, {}, now)
      expect(listed.orders.map((x) => x.orderId)).toEqual(o.attention.orders.map((a) => a.orderId))

      expect(o.foc.count).toBe(2)
      expect(o.foc.orders.map((x) => [x.orderId, x.focAlarm?.level])).toEqual([
        [recovered, 'passed'],
        [focMissed, 'passed'],
      ])
      const due = await listOrders(c, { foc: 'due', limit: 50 }, {}, now)
      expect(due.orders.map((x) => x.orderId).sort()).toEqual([recovered, focMissed].sort())

      const nowIn = await listOrders(c, { status: 'EXCEPTION', limit: 50 }, {}, now)
      expect(nowIn.orders.map((x) => x.orderId)).toEqual([unavailable])
      const everIn = await listOrders(c, { status: 'exception', ever: true, limit: 50 }, {}, now)
      expect(everIn.orders.map((x) => x.orderId).sort()).toEqual([unavailable, recovered].sort())
    } finally {
      await fresh.drop()
    }
  })
})
