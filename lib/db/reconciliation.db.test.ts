// The reconciler against the fake Bandwidth over HTTP, on both providers: a recovered state and the same state by
// webhook are one timeline entry in either order, a recovered older state never moves an order back, the overview's
// order counts stay right, one run per account holds the lease, and a run recovers exactly the fake's history
// (a second run recovers nothing).
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOrderNotificationXml } from '../bandwidth/build-notification-xml'
import { FAKE_DEFAULT_CLIENT, startFakeBandwidth, type FakeBandwidth } from '../../scripts/fake-bandwidth-server'
import { ingestNotification } from '../server/ingest-notification'
import { makeDelivery } from '../../test/support/deliveries'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'
import type { Connections } from './client'
import { getOrderWithTimeline } from './get-order'
import { acquireReconcileLease, createReconcileRun, getReconcileRun, releaseReconcileLease } from './reconciliation'

let fake: FakeBandwidth
beforeAll(async () => {
  fake = await startFakeBandwidth({ tickMs: 0, startAt: Date.now() - 8 * 3_600_000 })
  // The connection comes from the environment, read once by lib/config.ts: set before anything reads it.
  Object.assign(process.env, {
    BANDWIDTH_ACCOUNT_ID: FAKE_DEFAULT_CLIENT.accountId,
    BANDWIDTH_CLIENT_ID: FAKE_DEFAULT_CLIENT.clientId,
    BANDWIDTH_CLIENT_SECRET: FAKE_DEFAULT_CLIENT.clientSecret,
    BANDWIDTH_API_URL: fake.apiUrl,
    BANDWIDTH_TOKEN_URL: fake.tokenUrl,
    BANDWIDTH_API_RATE: '20',
  })
})
afterAll(async () => fake?.close())

const at = (h: number) => new Date(Date.parse('2026-01-05T08:00:00.000Z') + h * 3_600_000).toISOString()

async function store(
  c: Connections,
  source: 'webhook' | 'reconciled',
  o: { orderId: string; status: string; lmd: string; message?: string },
) {
  const xml = buildOrderNotificationXml({
    orderId: o.orderId,
    orderType: 'portins',
    status: o.status,
    lastModifiedDate: o.lmd,
    // The two doors' bodies differ as they do for real: the webhook carries its subscription, message and numbers.
    ...(source === 'webhook'
      ? { message: o.message ?? 'from the webhook', numbers: ['9195550100'] }
      : { subscriptionId: null, message: 'history note' }),
  })
  const r = await ingestNotification(c, { delivery: { ...makeDelivery(xml), source }, xml })
  if (r.outcome === 'rejected') throw new Error(r.problem.reason)
  return r
}

async function countOf(c: Connections, status: string): Promise<number> {
  const rows = await c.prisma.orderCount.findMany({ where: { orderTypeKey: 'portins', status } })
  return rows.reduce((n, r) => n + r.count, 0)
}

describe.each(testProviders())('the reconciler on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('keeps one entry for a state recovered before its webhook, and one for a webhook before its recovery', async () => {
    const c = t.connections
    const first = randomUUID()
    const recovered = await store(c, 'reconciled', { orderId: first, status: 'SUBMITTED', lmd: at(0) })
    const late = await store(c, 'webhook', { orderId: first, status: 'SUBMITTED', lmd: at(0) })
    expect(recovered.outcome).toBe('accepted')
    expect(late).toMatchObject({ outcome: 'duplicate', notificationId: recovered.notificationId, transition: null })

    const second = randomUUID()
    const webhook = await store(c, 'webhook', { orderId: second, status: 'FOC', lmd: at(1) })
    const again = await store(c, 'reconciled', { orderId: second, status: 'FOC', lmd: at(1) })
    expect(again).toMatchObject({ outcome: 'duplicate', notificationId: webhook.notificationId })

    const timelines = await Promise.all([getOrderWithTimeline(c, first), getOrderWithTimeline(c, second)])
    expect(timelines.map((o) => o.timeline.map((s) => [s.status, s.source]))).toEqual([[['SUBMITTED', 'reconciled']], [['FOC', 'webhook']]])
  })

  it('never moves an order back for an older recovered state, and keeps the order counts right', async () => {
    const c = t.connections
    const orderId = randomUUID()
    const focBefore = await countOf(c, 'FOC')
    const submittedBefore = await countOf(c, 'SUBMITTED')
    await store(c, 'webhook', { orderId, status: 'FOC', lmd: at(3) })
    const older = await store(c, 'reconciled', { orderId, status: 'SUBMITTED', lmd: at(2) })
    expect(older).toMatchObject({ outcome: 'accepted', transition: null })
    const { order, timeline } = await getOrderWithTimeline(c, orderId)
    expect(order.status).toBe('FOC')
    expect(timeline.map((s) => s.status)).toEqual(['SUBMITTED', 'FOC'])
    expect(await countOf(c, 'FOC')).toBe(focBefore + 1)
    expect(await countOf(c, 'SUBMITTED')).toBe(submittedBefore)
    // A newer recovered state does move it on, with its transition (and outbox entry) like a webhook's.
    const complete = await store(c, 'reconciled', { orderId, status: 'COMPLETE', lmd: at(4) })
    expect(complete.transition).toEqual({ orderId, orderType: 'portins', from: 'FOC', to: 'COMPLETE' })
    expect(await countOf(c, 'FOC')).toBe(focBefore)
  })

  it('gives the lease of an account to one holder at a time, and to another once it expired', async () => {
    const c = t.connections
    const account = `acct-${randomUUID()}`
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((h) => acquireReconcileLease(c, account, h, 60_000)))
    expect(results.filter(Boolean)).toHaveLength(1)
    const winner = ['a', 'b', 'c', 'd'][results.indexOf(true)]
    expect(await acquireReconcileLease(c, account, winner, 60_000)).toBe(true)
    await releaseReconcileLease(c, account, winner)
    expect(await acquireReconcileLease(c, account, 'e', 1)).toBe(true)
    await new Promise((r) => setTimeout(r, 20))
    expect(await acquireReconcileLease(c, account, 'f', 60_000)).toBe(true)
    expect(await acquireReconcileLease(c, account, 'e', 60_000)).toBe(false)
  })

  it('recovers exactly what the fake Bandwidth holds that no webhook brought, and nothing on a second run', async () => {
    const c = t.connections
    const { executeReconcileRun } = await import('../server/reconcile')
    // Orders created in the fake's past (its clock is eight hours behind), advanced through their states.
    const orders = [
      fake.state.createOrder('portins', fake.now() - 5 * 3_600_000),
      fake.state.createOrder('portins', fake.now() - 5 * 3_600_000),
      fake.state.createOrder('orders', fake.now() - 3 * 3_600_000),
      fake.state.createOrder('portouts', fake.now() - 3 * 3_600_000),
    ]
    fake.state.advance(fake.now())
    // We got the first state of the first port-in by webhook (its time as the webhook gives it), nothing else.
    const h = orders[0].history[0]
    await store(c, 'webhook', { orderId: orders[0].orderId, status: h.status, lmd: new Date(h.at).toISOString() })

    const today = new Date(fake.now()).toISOString().slice(0, 10)
    const run = await createReconcileRun(c, {
      accountId: FAKE_DEFAULT_CLIENT.accountId,
      kind: 'backfill',
      trigger: 'manual',
      fromDay: new Date(fake.now() - 86_400_000).toISOString().slice(0, 10),
      toDay: today,
    })
    expect(await executeReconcileRun(c, run.id)).toContain('done')
    const done = await getReconcileRun(c, run.id)
    // The fake is shared by both providers' passes: this database is behind on every order it holds (the other
    // pass's too), less the one state it got by webhook.
    const all = [...fake.state.orders.values()]
    const expected = all.reduce((n, o) => n + o.history.length, 0) - 1
    expect(done).toMatchObject({ status: 'done', checked: all.length, behind: all.length, recovered: expected, errors: 0, progress: 1 })
    expect(done!.calls).toBeGreaterThanOrEqual(3 * 2 + 4 * 2)
    expect(done!.findings.filter((f) => f.kind === 'recovered')).toHaveLength(expected)

    for (const o of orders) {
      const { timeline, order } = await getOrderWithTimeline(c, o.orderId)
      expect(timeline.map((s) => [s.status, s.sortAt])).toEqual(
        o.history.map((x) => [x.status.toUpperCase(), new Date(x.at).toISOString()]),
      )
      expect(order.status).toBe(o.history.at(-1)!.status.toUpperCase())
      expect(timeline.filter((s) => s.source === 'reconciled').every((s) => s.recovered?.runId === run.id)).toBe(true)
    }

    const second = await createReconcileRun(c, {
      accountId: FAKE_DEFAULT_CLIENT.accountId,
      kind: 'sweep',
      trigger: 'manual',
      fromDay: today,
      toDay: today,
    })
    await executeReconcileRun(c, second.id)
    expect(await getReconcileRun(c, second.id)).toMatchObject({ status: 'done', behind: 0, recovered: 0 })
  })

  it('a run that waits for the lease to the last attempt of its job ends failed (resumed next time), not running forever', async () => {
    const c = t.connections
    const { executeReconcileRun, LeaseBusy } = await import('../server/reconcile')
    const account = FAKE_DEFAULT_CLIENT.accountId
    const day = new Date(fake.now()).toISOString().slice(0, 10)
    const run = await createReconcileRun(c, { accountId: account, kind: 'backfill', trigger: 'manual', fromDay: day, toDay: day })
    expect(await acquireReconcileLease(c, account, 'another-run', 60_000)).toBe(true)
    try {
      await expect(executeReconcileRun(c, run.id)).rejects.toBeInstanceOf(LeaseBusy)
      expect(await getReconcileRun(c, run.id)).toMatchObject({ status: 'running' })
      await executeReconcileRun(c, run.id, { lastAttempt: true })
      expect(await getReconcileRun(c, run.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/resumed next time/) })
    } finally {
      await releaseReconcileLease(c, account, 'another-run')
    }
  })
})
