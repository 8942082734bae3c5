// `npm run bench:retention [-- --db FILE --rows 1000000 --seconds 15 --inflight 8]`
// Ingest while a purge runs: on a large seeded SQLite database (`npm run db:seed:large`, or bench:export's file;
// copied so that one stays whole), notifications go through the one ingest door with N in flight, first alone,
// then while retention purges EVERY delivery body in its batches. When the seed holds fewer than --rows deliveries
// with a body, the copy is topped up with repeats of its own deliveries (a duplicate delivery of a stored
// notification, its body as received), so the purge has --rows rows to do. Prints ingest throughput and latency both
// ways, and the purge's rows per second. The claim: the purge never stalls ingest.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { buildOrderNotificationXml } from '../lib/bandwidth/build-notification-xml'
import { closeConnections, openConnections, type Connections } from '../lib/db/client'
import { migrateDatabase } from '../lib/db/migrate'
import { previewPurge, retentionCutoffs, runRetention } from '../lib/db/retention'
import { ingestNotification } from '../lib/server/ingest-notification'
import { makeDelivery } from '../test/support/deliveries'
import { intOption } from './bench-support'
import { fmt } from './seed-large'

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: path.join(os.tmpdir(), 'portwatch-bench-export-1000000.db') },
    rows: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '15' },
    inflight: { type: 'string', default: '8' },
  },
})
const seconds = intOption('seconds', values.seconds)
const inflight = intOption('inflight', values.inflight)
const wanted = intOption('rows', values.rows)
const source = path.resolve(values.db!)
if (!fs.existsSync(source)) {
  console.error(`[bench] no seeded database at ${source}: run npm run bench:export first (it seeds and keeps one), or pass --db`)
  process.exit(1)
}
const copy = path.join(os.tmpdir(), `portwatch-bench-retention-${process.pid}.db`)
fs.copyFileSync(source, copy)
const c = openConnections(`file:${copy}`)
try {
  console.log(
    `[bench] ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  )
  await migrateDatabase(c)
  // Everything received before tomorrow minus one day, i.e. every body there is.
  const days = { deliveryBodies: 1 }
  const future = new Date(Date.now() + 2 * 86_400_000)
  const seeded = (await previewPurge(c, retentionCutoffs(days, future))).deliveryBodies
  if (seeded < wanted) await topUp(c, wanted - seeded)
  const rows = (await previewPurge(c, retentionCutoffs(days, future))).deliveryBodies
  console.log(`[bench] the seed held ${fmt(seeded)} delivery bodies${seeded < wanted ? `; ${fmt(rows - seeded)} repeats added` : ''}`)
  console.log(`[bench] ${fmt(rows)} delivery bodies to purge in ${copy}`)

  const alone = await ingestFor(c, seconds * 1000, () => false)
  report('ingest alone', alone)

  let purgeDone = false
  const purgeStarted = performance.now()
  const purge = runRetention(c, days, { trigger: 'bench', now: future, budgetMs: 3_600_000 }).then((r) => {
    purgeDone = true
    return r
  })
  const during = await ingestFor(c, seconds * 1000, () => purgeDone)
  report('ingest during the purge', during)
  const result = await purge
  const purgeSeconds = (performance.now() - purgeStarted) / 1000
  console.log(
    `[bench] purge: ${fmt(result.purged.deliveryBodies)} bodies in ${purgeSeconds.toFixed(1)} s (${fmt(Math.round(result.purged.deliveryBodies / purgeSeconds))} rows/s), batches of 500`,
  )
  const ratio = during.perSecond / alone.perSecond
  console.log(
    `[bench] ingest during the purge ran at ${(ratio * 100).toFixed(0)} % of its throughput alone${purgeDone ? '' : ' (the purge outlasted the window)'}`,
  )
} finally {
  await closeConnections(c)
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true })
}

/** Adds `n` repeats of the copy's own accepted deliveries (duplicates: same body, same notification), in big transactions. */
async function topUp(c: Connections, n: number): Promise<void> {
  const sqlite = c.sqlite
  if (!sqlite) throw new Error('the top-up is for SQLite files')
  const started = performance.now()
  const insert = sqlite.prepare(
    `INSERT INTO "Delivery" ("id", "endpoint", "receivedAt", "outcome", "reason", "httpStatus", "kind", "contentType", "headers", "bodySha256", "bodySize", "body", "bodyEncoding", "bodyTruncated", "notificationId", "source")
     SELECT lower(hex(randomblob(16))), "endpoint", "receivedAt", 'duplicate', NULL, 200, "kind", "contentType", "headers", "bodySha256", "bodySize", "body", "bodyEncoding", "bodyTruncated", "notificationId", "source"
     FROM "Delivery" WHERE "outcome" = 'accepted' AND "bodyPurgedAt" IS NULL LIMIT ?`,
  )
  for (let left = n; left > 0;) {
    const added = sqlite.transaction(() => insert.run(Math.min(left, 100_000)).changes)()
    if (added === 0) throw new Error('nothing to repeat: the seed has no accepted delivery with a body')
    left -= added
  }
  console.log(`[bench] topped up with ${fmt(n)} repeated deliveries in ${((performance.now() - started) / 1000).toFixed(0)} s`)
}

type Run = { count: number; perSecond: number; p50: number; p99: number; max: number }

/** N ingests in flight for `ms` (or until `stop()`), each a new order's first notification (an insert, never a duplicate). */
async function ingestFor(c: Connections, ms: number, stop: () => boolean): Promise<Run> {
  const latencies: number[] = []
  const until = Date.now() + ms
  const started = performance.now()
  await Promise.all(
    Array.from({ length: inflight }, async () => {
      while (Date.now() < until && !stop()) {
        const xml = buildOrderNotificationXml({ orderId: randomUUID(), orderType: 'portins', status: 'SUBMITTED', numbers: ['9195550100'] })
        const t0 = performance.now()
        const r = await ingestNotification(c, { delivery: { ...makeDelivery(xml), source: 'test' }, xml })
        if (r.outcome !== 'accepted') throw new Error(`ingest gave ${r.outcome}`)
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0
  return { count: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 }
}

function report(label: string, r: Run): void {
  console.log(
    `[bench] ${label}: ${fmt(r.count)} notifications, ${fmt(Math.round(r.perSecond))}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (${inflight} in flight)`,
  )
}
