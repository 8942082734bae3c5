// `npm run bench:export [-- --notifications 1000000 --orders 100000 --db FILE --format csv|ndjson|both]`
// Streams the events export (every notification: the biggest list) out of a large, realistic database (the seed
// of scripts/seed-large.ts) through the very code behind GET /api/exports/{list}, and prints rows, bytes, time and
// the process's memory as it goes: the claim is constant memory, so the resident size is sampled along the way.
// The export runs in a fresh child process, so the seeding's memory does not count.
//   --db FILE   SQLite file: reused when it is already seeded, else seeded and kept (default: a file in the OS temp dir).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeConnections, openConnections } from '../lib/db/client'
import { migrateDatabase } from '../lib/db/migrate'
import { exportList, type ExportFormat } from '../lib/server/export-list'
import { intOption } from './bench-support'
import { countExistingRows, fmt, seedLargeDatabase } from './seed-large'

const { values } = parseArgs({
  options: {
    notifications: { type: 'string' },
    orders: { type: 'string' },
    db: { type: 'string' },
    format: { type: 'string', default: 'both' },
    measure: { type: 'boolean', default: false },
  },
})
const notifications = intOption('notifications', values.notifications ?? '1000000')
const orders = intOption('orders', values.orders ?? String(Math.max(1, Math.round(notifications / 10))))
const file = path.resolve(values.db ?? path.join(os.tmpdir(), `portwatch-bench-export-${notifications}.db`))
const url = `file:${file}`
const formats: ExportFormat[] = values.format === 'both' ? ['csv', 'ndjson'] : [values.format as ExportFormat]
const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`

if (values.measure) await measure()
else await main()

async function main(): Promise<void> {
  console.log(
    `[bench] ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, node ${process.version}`,
  )
  const c = openConnections(url)
  try {
    if ((await countExistingRows(c)) > 0) console.log(`[bench] reusing the seeded database ${file}`)
    else {
      console.log(`[bench] seeding ${fmt(notifications)} notifications / ${fmt(orders)} orders into ${file}`)
      await migrateDatabase(c)
      await seedLargeDatabase(c, { notifications, orders, log: (line) => console.log(line.replace('[seed]', '[bench] seed:')) })
    }
  } finally {
    await closeConnections(c)
  }
  for (const format of formats) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--measure', '--db', file, '--format', format, '--notifications', String(notifications)],
      {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: url },
      },
    )
    if (child.status !== 0) process.exit(child.status ?? 1)
  }
}

async function measure(): Promise<void> {
  const [format] = formats
  const c = openConnections(url)
  const admin = { id: 'bench-export', email: 'bench-export@example.com', name: null, role: 'admin' as const }
  const startRss = process.memoryUsage().rss
  let firstPageRss = 0
  let peakRss = startRss
  let peakHeap = 0
  const sample = () => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
    return m.rss
  }
  const started = performance.now()
  let bytes = 0
  let lines = 0
  const along: string[] = []
  const reader = (await exportList(c, admin, 'events', {}, format)).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    bytes += value.byteLength
    for (const b of value) if (b === 0x0a) lines++
    const rss = sample()
    // The first page loads the query engine and warms the caches: what comes after it is what rows cost.
    if (!firstPageRss) firstPageRss = rss
    if (along.length < Math.floor((lines / notifications) * 10)) along.push(`${fmt(lines)}: ${MiB(rss)}`)
  }
  const seconds = (performance.now() - started) / 1000
  const rows = format === 'csv' ? lines - 1 : lines
  await closeConnections(c)
  console.log(
    `[bench] export events as ${format}: ${fmt(rows)} rows, ${MiB(bytes)} in ${seconds.toFixed(1)} s (${fmt(Math.round(rows / seconds))} rows/s); ` +
      `rss ${MiB(startRss)} before, ${MiB(firstPageRss)} after the first page, peak ${MiB(peakRss)} (+${MiB(peakRss - firstPageRss)} over the first page); peak heap ${MiB(peakHeap)}`,
  )
  console.log(`[bench]   rss along the way (rows: rss): ${along.join(' · ')}`)
  if (!fs.existsSync(file)) process.exit(1)
}
