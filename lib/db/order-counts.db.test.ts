// The overview's summaries (OrderCount, NotificationDay) are kept by the ingest program in its own transaction:
// after any mix of notifications, delivered concurrently, they equal a recount of the base tables, and the stuck
// list and count read per (type, status) pair equal detectStuck applied to every order. The timeline purge
// (retention) moves them down in its own transactions: after it, while notifications keep arriving, they still do.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildEventNotificationXml } from '../bandwidth/build-notification-xml'
import { ATTENTION_STATUSES } from '../orders/order-lifecycles'
import { detectStuck, type StuckThresholds } from '../orders/detect-stuck'
import { getOverview } from './get-overview'
import { listOrders } from './list-orders'
import { readNotificationDays, readOrderCounts } from './order-counts'
import { previewPurge, runRetention } from './retention'
import { appSettingsSchema } from './settings'
import { all, runReadProgram } from './sql'
import { seededRandom } from '../../scripts/bench-support'
import { ingest, orderXml } from '../../test/support/deliveries'
import { migrationSteps, migrationTree } from '../../test/support/migration-trees'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const now = new Date()
// Types with their own thresholds, the default, an alias spelling, a lifecycle nobody documented.
const TYPES = [
  { type: 'portins', steps: ['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'EXCEPTION', 'COMPLETE'] },
  { type: 'orders', steps: ['BACKORDERED', 'COMPLETE'] },
  { type: 'e911s', steps: ['RECEIVED', 'PROCESSING', 'FAILED'] },
  { type: 'importTnOrders', steps: ['PROCESSING', 'CANCELLED', 'COMPLETE'] },
  { type: 'somethingNew', steps: ['WORKING', 'DONE'] },
]

type Delivery = { xml: string; receivedAt: Date }

/** A seeded mix: orders at every stage, late older updates, notes, duplicates, events, over 20 days. */
function planMix(seed: number, orders: number): Delivery[] {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const out: Delivery[] = []
  for (let i = 0; i < orders; i++) {
    const { type, steps } = pick(TYPES)
    const orderId = randomUUID()
    const start = now.getTime() - random() * 20 * DAY
    // 0..all of its steps so far (0: only notes, the order has no status).
    const reached = Math.floor(random() * (steps.length + 1))
    let t = start
    for (let s = 0; s < reached; s++) {
      t += random() * 30 * HOUR
      const lmd = new Date(Math.min(t, now.getTime() - 1000))
      out.push({ xml: orderXml({ orderId, type, status: steps[s], lmd: lmd.toISOString() }), receivedAt: lmd })
    }
    const notes = reached === 0 ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3)
    for (let n = 0; n < notes; n++) {
      const at = new Date(Math.min(start + random() * 40 * HOUR, now.getTime() - 1000))
      out.push({ xml: orderXml({ orderId, type, note: `note ${n} of ${orderId}`, lmd: at.toISOString() }), receivedAt: at })
    }
  }
  for (let e = 0; e < orders / 4; e++)
    out.push({
      xml: buildEventNotificationXml({ eventType: 'MESSAGING_LOST', numbers: [`919555${String(e).padStart(4, '0')}`] }),
      receivedAt: new Date(now.getTime() - random() * 20 * DAY),
    })
  // Shuffled: late, older updates arrive after newer ones; some are sent twice (duplicates).
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  const repeats = out.filter(() => random() < 0.1).map((d) => ({ ...d, receivedAt: new Date(d.receivedAt.getTime() + 5000) }))
  return [...out, ...repeats]
}

/** Ingests `deliveries` with `concurrency` of them in flight at once. */
async function ingestAll(t: TestDatabase, deliveries: Delivery[], concurrency: number): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++]
        await ingest(t.connections, d.xml, d.receivedAt)
      }
    }),
  )
}

async function recount(t: TestDatabase) {
  return runReadProgram(t.connections, function* () {
    const orders = (yield all(
      `SELECT "orderTypeKey", COALESCE("status", '') AS "status", COUNT(*) AS "count" FROM "Order" GROUP BY "orderTypeKey", COALESCE("status", '')`,
      [],
    )) as { orderTypeKey: string; status: string; count: number | string }[]
    const received = (yield all(`SELECT "receivedAt" FROM "Notification"`, [])) as { receivedAt: Date }[]
    const summary = yield* readOrderCounts()
    const days = yield* readNotificationDays('0000-00-00', '9999-99-99')
    return { orders, received, summary, days }
  })
}

function expectSummariesMatch(r: Awaited<ReturnType<typeof recount>>): void {
  const key = (o: { orderTypeKey: string; status: string | null }) => `${o.orderTypeKey}/${o.status ?? ''}`
  const counted = Object.fromEntries(r.orders.map((o) => [key(o), Number(o.count)]))
  const summarised = Object.fromEntries(r.summary.map((o) => [key(o), o.count]))
  expect(summarised).toEqual(counted)
  const perDay = new Map<string, number>()
  for (const { receivedAt } of r.received) {
    const day = new Date(receivedAt).toISOString().slice(0, 10)
    perDay.set(day, (perDay.get(day) ?? 0) + 1)
  }
  expect(Object.fromEntries(r.days)).toEqual(Object.fromEntries(perDay))
}

/** The old definition: detectStuck over every order; oldest first. */
async function stuckByDefinition(t: TestDatabase, at: Date, thresholds: StuckThresholds) {
  const orders = await t.connections.prisma.order.findMany({ orderBy: [{ lastSeenAt: 'asc' }, { orderId: 'asc' }] })
  return orders.filter((o) => detectStuck(o, at, thresholds) !== null).map((o) => o.orderId)
}

async function allPages(t: TestDatabase, q: { stuck?: boolean; type?: string }, at: Date, thresholds: StuckThresholds) {
  const ids: string[] = []
  let cursor: string | undefined
  do {
    const page = await listOrders(t.connections, { ...q, limit: 7, cursor }, thresholds, at)
    ids.push(...page.orders.map((o) => o.orderId))
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  return ids
}

describe.each(testProviders())('overview summaries on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('equal a recount of the base tables after a mix of notifications ingested concurrently', async () => {
    const mix = planMix(12, 60)
    // A third one at a time, the rest 8 at once: concurrent notifications for one order, duplicates racing.
    await ingestAll(t, mix.slice(0, mix.length / 3), 1)
    expectSummariesMatch(await recount(t))
    await ingestAll(t, mix.slice(mix.length / 3), 8)
    const r = await recount(t)
    expectSummariesMatch(r)
    expect(r.summary.length).toBeGreaterThan(10)
    expect(r.orders.find((o) => o.status === '')).toBeDefined()
    // Every duplicate again, all at once: nothing moves.
    await ingestAll(t, mix.slice(0, 40), 8)
    const again = await recount(t)
    expectSummariesMatch(again)
    expect(again.received).toHaveLength(r.received.length)
  }, 120_000)

  it('list exactly the stuck orders detectStuck finds, at several times and thresholds, in the overview and the filter', async () => {
    for (const [at, thresholds] of [
      [now, {}],
      [new Date(now.getTime() + 3 * DAY), {}],
      [now, { portins: 1, default: 10 }],
      [new Date(now.getTime() + 30 * DAY), { orders: 1000 }],
    ] as const) {
      const expected = await stuckByDefinition(t, at, thresholds)
      expect(expected.length).toBeGreaterThan(0)
      const o = await getOverview(t.connections, appSettingsSchema.parse({ stuckThresholdsHours: thresholds }), at)
      expect(o.stuck.count).toBe(expected.length)
      expect(o.stuck.orders.map((s) => s.orderId)).toEqual(expected.slice(0, 20))
      const listed = await allPages(t, { stuck: true }, at, thresholds)
      expect([...listed].sort()).toEqual([...expected].sort())
      expect(new Set(listed).size).toBe(listed.length)
    }
  }, 120_000)

  it('pages through one type by its pairs exactly as through the whole list', async () => {
    const every = await t.connections.prisma.order.findMany({ orderBy: [{ lastSeenAt: 'desc' }, { orderId: 'desc' }] })
    for (const type of ['portins', 'importtnorders', 'somethingnew']) {
      const expected = every.filter((o) => o.orderTypeKey === type).map((o) => o.orderId)
      expect(await allPages(t, { type }, now, {})).toEqual(expected)
    }
  })

  it('are backfilled by their migration from the rows already stored', async () => {
    const before = await recount(t)
    const dir = migrationTree(provider).dir
    const step = migrationSteps(dir).find((m) => m.name === 'overview_counts')!
    const sql = fs.readFileSync(path.join(dir, step.folder, 'migration.sql'), 'utf8')
    const backfill = sql.slice(sql.indexOf('-- Backfill'))
    const wipe = 'DELETE FROM "OrderCount"; DELETE FROM "NotificationDay";'
    if (t.connections.sqlite) t.connections.sqlite.exec(wipe + backfill)
    else await t.connections.pool!.query(wipe + backfill)
    const after = await recount(t)
    expectSummariesMatch(after)
    expect(after.summary.length).toBe(before.summary.length)
  })

  it('count notifications per day and orders by type and status in the overview', async () => {
    const r = await recount(t)
    const o = await getOverview(t.connections, appSettingsSchema.parse({}), now)
    const total = (rows: { count: number }[]) => rows.reduce((n, x) => n + x.count, 0)
    expect(total(o.ordersByTypeAndStatus)).toBe(total(r.summary))
    const every = await t.connections.prisma.order.findMany({ orderBy: [{ lastSeenAt: 'desc' }, { orderId: 'desc' }] })
    const attention = every.filter((x) => x.status !== null && ATTENTION_STATUSES.includes(x.status)).map((x) => x.orderId)
    expect(attention.length).toBeGreaterThan(0)
    expect(o.attention.orders.map((x) => x.orderId)).toEqual(attention.slice(0, 20))
    expect(o.attention.count).toBe(attention.length)
    const last14 = o.perDay.map((d) => d.day)
    expect(total(o.perDay)).toBe(last14.reduce((n, d) => n + (r.days.get(d) ?? 0), 0))
  })

  // Last: it deletes what the tests above read.
  it('equal a recount after timelines are purged in small batches while notifications keep arriving', async () => {
    const c = t.connections
    const cutoff = new Date(now.getTime() - 8 * DAY)
    const before = await c.prisma.order.findMany({ select: { orderId: true, lastSeenAt: true } })
    const old = before.filter((o) => o.lastSeenAt < cutoff)
    expect(old.length).toBeGreaterThan(5)
    const preview = await previewPurge(c, { timelines: cutoff })
    expect(preview.timelines).toBeGreaterThan(old.length)
    // Concurrent news: new orders, and late notes for the oldest orders (which the purge may be deleting).
    const news: Delivery[] = [
      ...planMix(99, 15).map((d) => ({ ...d, receivedAt: new Date(now.getTime() - 1000) })),
      ...old.slice(0, 4).map((o) => ({ xml: orderXml({ orderId: o.orderId, type: 'portins', note: 'late news' }), receivedAt: now })),
    ]
    const [run] = await Promise.all([runRetention(c, { timelines: 8 }, { trigger: 'test', now, batch: 7 }), ingestAll(t, news, 4)])
    expect(run.done).toBe(true)
    expect(run.purged.timelines).toBeGreaterThan(0)
    expectSummariesMatch(await recount(t))
    // Nothing older than the cutoff is left, except orders that got news (the late notes recreate or keep them).
    const left = await c.prisma.order.findMany({ where: { lastSeenAt: { lt: cutoff } } })
    expect(left).toEqual([])
    expect(await c.prisma.notification.count({ where: { kind: 'event', receivedAt: { lt: cutoff } } })).toBe(0)
    for (const o of old.slice(0, 4)) expect(await c.prisma.notification.count({ where: { orderId: o.orderId, note: 'late news' } })).toBe(1)
    // No number index entry outlives its notification.
    const orphans = await runReadProgram(c, function* () {
      return (yield all(
        `SELECT COUNT(*) AS "n" FROM "NumberRef" r LEFT JOIN "Notification" n ON n."id" = r."notificationId" WHERE n."id" IS NULL`,
        [],
      )) as { n: number | string }[]
    })
    expect(Number(orphans[0].n)).toBe(0)
    expect((await previewPurge(c, { timelines: cutoff })).timelines).toBe(0)
  }, 120_000)
})
