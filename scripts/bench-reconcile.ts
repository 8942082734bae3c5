// `npm run bench:reconcile [-- --orders 10000 --behind 1000 --extra 20000]`
// What a reconciler run costs: in-process, a fresh SQLite database and the fake Bandwidth over loopback. N orders
// changed in the window (a third each port-ins, new-number orders, port-outs), all their states stored by "webhook"
// except the last state of `behind` of them; one run recovers those. Prints the API calls made, the wall time (with
// a client allowed to go as fast as the fake answers), and the time the same calls take at the default rate budget
// (2 requests a second). Then the same run with `extra` more orders in our database outside the window (the cost
// must not grow with our size), and with half the orders changed (it grows with the orders changed).
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildOrderNotificationXml } from '../lib/bandwidth/build-notification-xml'
import { closeConnections, openConnections, type Connections } from '../lib/db/client'
import { migrateDatabase } from '../lib/db/migrate'
import { createReconcileRun, getReconcileRunRow } from '../lib/db/reconciliation'
import { BandwidthClient } from '../lib/integrations/bandwidth/bandwidth-client'
import { executeReconcileRun } from '../lib/server/reconcile'
import { ingestNotification } from '../lib/server/ingest-notification'
import type { FakeOrder } from '../lib/simulator/fake-bandwidth-state'
import { makeDelivery } from '../test/support/deliveries'
import { intOption } from './bench-support'
import { FAKE_DEFAULT_CLIENT, startFakeBandwidth } from './fake-bandwidth-server'

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    behind: { type: 'string', default: '1000' },
    extra: { type: 'string', default: '20000' },
  },
})
const ORDERS = intOption('orders', values.orders)
const BEHIND = intOption('behind', values.behind)
const EXTRA = intOption('extra', values.extra)
const DEFAULT_RATE = 2
// The run checks that an account is configured (read once from the environment); the calls go to the bench's own client.
Object.assign(process.env, {
  BANDWIDTH_ACCOUNT_ID: FAKE_DEFAULT_CLIENT.accountId,
  BANDWIDTH_CLIENT_ID: FAKE_DEFAULT_CLIENT.clientId,
  BANDWIDTH_CLIENT_SECRET: FAKE_DEFAULT_CLIENT.clientSecret,
})
const HOUR = 3_600_000
const TYPES = ['portins', 'orders', 'portouts']

type Result = { label: string; changed: number; behind: number; dbOrders: number; calls: number; recovered: number; wallMs: number }

async function pool<T>(items: T[], inflight: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (next < items.length) await work(items[next++])
    }),
  )
}

async function store(c: Connections, xml: string): Promise<void> {
  const r = await ingestNotification(c, { delivery: { ...makeDelivery(xml), source: 'webhook' }, xml })
  if (r.outcome === 'rejected') throw new Error(r.problem.reason)
}

async function scenario(label: string, changed: number, behind: number, extra: number): Promise<Result> {
  const file = path.join(os.tmpdir(), `portwatch-bench-reconcile-${process.pid}-${randomUUID().slice(0, 8)}.db`)
  const fake = await startFakeBandwidth({ tickMs: 0, startAt: Date.now() - 16 * HOUR })
  const c = openConnections(`file:${file}`)
  try {
    await migrateDatabase(c)
    const orders: FakeOrder[] = []
    for (let i = 0; i < changed; i++) orders.push(fake.state.createOrder(TYPES[i % TYPES.length], fake.now() - 4 * HOUR))
    fake.state.advance(fake.now())
    // Every state by webhook, except the last state of every (changed / behind)-th order: those we are behind on.
    const every = Math.max(Math.floor(changed / Math.max(behind, 1)), 1)
    const bodies: string[] = []
    orders.forEach((o, i) => {
      const missing = behind > 0 && i % every === 0 && i / every < behind
      const states = missing ? o.history.slice(0, -1) : o.history
      for (const h of states)
        bodies.push(
          buildOrderNotificationXml({
            orderId: o.orderId,
            orderType: o.orderType,
            status: h.status.toUpperCase(),
            message: h.note,
            numbers: o.numbers,
            lastModifiedDate: new Date(h.at).toISOString(),
          }),
        )
    })
    // Our database beyond the window: orders Bandwidth did not change lately (a month old), which no run should touch.
    for (let i = 0; i < extra; i++)
      bodies.push(
        buildOrderNotificationXml({
          orderId: randomUUID(),
          orderType: TYPES[i % TYPES.length],
          status: 'COMPLETE',
          lastModifiedDate: new Date(Date.now() - 30 * 24 * HOUR - i * 1000).toISOString(),
        }),
      )
    const seeded = Date.now()
    await pool(bodies, 8, (xml) => store(c, xml))
    console.log(
      `[bench] ${label}: stored ${bodies.length.toLocaleString('en-US')} notifications in ${((Date.now() - seeded) / 1000).toFixed(1)} s`,
    )

    const client = new BandwidthClient(
      {
        accountId: FAKE_DEFAULT_CLIENT.accountId,
        apiUrl: fake.apiUrl,
        tokenUrl: fake.tokenUrl,
        auth: { kind: 'oauth', clientId: FAKE_DEFAULT_CLIENT.clientId, clientSecret: FAKE_DEFAULT_CLIENT.clientSecret },
      },
      { requestsPerSecond: 100_000, maxInFlight: 2 },
    )
    const today = new Date().toISOString().slice(0, 10)
    const run = await createReconcileRun(c, {
      accountId: FAKE_DEFAULT_CLIENT.accountId,
      kind: 'sweep',
      trigger: 'manual',
      fromDay: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      toDay: today,
    })
    const started = Date.now()
    const line = await executeReconcileRun(c, run.id, { client: client.withTrigger('bench') })
    const wallMs = Date.now() - started
    const done = (await getReconcileRunRow(c, run.id))!
    if (done.status !== 'done' || done.recovered !== behind) throw new Error(`the run did not recover what it should: ${line}`)
    const dbOrders = await c.prisma.order.count()
    return { label, changed, behind, dbOrders, calls: done.calls, recovered: done.recovered, wallMs }
  } finally {
    await closeConnections(c)
    await fake.close()
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  }
}

console.log(
  `[bench] ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, node ${process.version}`,
)
const results = [
  await scenario('A', ORDERS, BEHIND, 0),
  await scenario('B: + a larger database', ORDERS, BEHIND, EXTRA),
  await scenario('C: half the orders changed', Math.round(ORDERS / 2), Math.round(BEHIND / 2), 0),
]
console.log('')
console.log('| run | orders changed | behind | orders in our DB | API calls | recovered | wall time | at 2 req/s |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const r of results)
  console.log(
    `| ${r.label} | ${r.changed.toLocaleString('en-US')} | ${r.behind.toLocaleString('en-US')} | ${r.dbOrders.toLocaleString('en-US')} | ${r.calls.toLocaleString('en-US')} | ${r.recovered.toLocaleString('en-US')} | ${(r.wallMs / 1000).toFixed(1)} s | ${Math.round(r.calls / DEFAULT_RATE)} s (${(r.calls / DEFAULT_RATE / 60).toFixed(1)} min) |`,
  )
const [a, b, half] = results
console.log(
  `\n[bench] calls per order changed: ${(a.calls / a.changed).toFixed(3)}; a ${(b.dbOrders / a.dbOrders) | 0}× larger database: ${b.calls === a.calls ? 'the same' : 'different'} calls (${b.calls}), wall ${(b.wallMs / a.wallMs).toFixed(2)}×; half the orders changed: ${(half.calls / a.calls).toFixed(2)}× the calls`,
)
console.log(
  `[bench] load average after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
)
process.exit(0)
