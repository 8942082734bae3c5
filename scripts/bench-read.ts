// `npm run bench:read [-- --notifications 1000000 --orders 100000 --requests 200 --warmup 20 --clients 4 --port 3600 --db FILE | --pg URL | --pg-db URL --no-build]`
// Measures the read API of the production server on a large, realistic database (the seed of
// scripts/seed-large.ts, written through the real ingest path): the first page of every list, search by
// number, number history, an order timeline and the overview. Each endpoint gets warm-up requests, then N
// timed requests one after another, then N more from several concurrent clients. Every request is
// signed in (session cookie) and its whole body is read before the clock stops.
// Performance is reported, not asserted: a miss of "p95 <= 50 ms sequential, <= 100 ms with 4 clients" still exits 0;
// any non-200 answer exits 1.
//   --db FILE   SQLite file to use: reused when it is already seeded (no reseeding; migrated to the current schema), else seeded and kept.
//   --pg URL    PostgreSQL instead: creates a fresh database portwatch_bench_<random> next to URL's, drops it after.
//   --pg-db URL PostgreSQL, this very database (it must exist): seeded when empty and kept, reused when seeded (like --db).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { assertPortFree, BenchServer, buildProductionServer, intOption } from './bench-support'
import pg from 'pg'
import { closeConnections, openConnections, type Connections } from '../lib/db/client'
import { migrateDatabase } from '../lib/db/migrate'
import { countExistingRows, fmt, seededRandom, seedLargeDatabase } from './seed-large'

const root = path.resolve(import.meta.dirname, '..')
/** p95 targets for every endpoint, the overview included: one client at a time, and `--clients` at once. */
const TARGET_P95_MS = { sequential: 50, concurrent: 100 }
const HEALTH_TIMEOUT_MS = 120_000
const ADMIN_EMAIL = 'bench-read@example.com'
// A throwaway benchmark database: a fixed password lets a reused --db sign in again.
const ADMIN_PASSWORD = 'bench-read-password-7072'
const SAMPLE_ORDERS = 500
const SAMPLE_NUMBERS = 200

// ---------------------------------------------------------------------------------------------
// Options

type Options = {
  notifications: number
  orders: number
  seed: number
  requests: number
  warmup: number
  clients: number
  port: number
  db?: string
  pg?: string
  /** --pg-db: use this very database and keep it (seeded when empty, reused otherwise), like --db. */
  pgDb?: string
  build: boolean
}

const options = readOptions()

function readOptions(): Options {
  try {
    const { values: args } = parseArgs({
      options: {
        notifications: { type: 'string', default: '1000000' },
        orders: { type: 'string', default: '100000' },
        seed: { type: 'string', default: '7072' },
        requests: { type: 'string', default: '200' },
        warmup: { type: 'string', default: '20' },
        clients: { type: 'string', default: '4' },
        port: { type: 'string', default: '3600' },
        db: { type: 'string' },
        pg: { type: 'string' },
        'pg-db': { type: 'string' },
        'no-build': { type: 'boolean', default: false },
      },
    })
    if ([args.db, args.pg, args['pg-db']].filter(Boolean).length > 1)
      throw new Error('--db (SQLite), --pg and --pg-db (PostgreSQL) exclude each other')
    for (const [name, url] of [
      ['--pg', args.pg],
      ['--pg-db', args['pg-db']],
    ] as const)
      if (url && !/^postgres(ql)?:\/\//.test(url)) throw new Error(`${name} must be a postgres:// URL`)
    return {
      notifications: intOption('notifications', args.notifications),
      orders: intOption('orders', args.orders),
      seed: intOption('seed', args.seed),
      requests: intOption('requests', args.requests),
      warmup: intOption('warmup', args.warmup, 0),
      clients: intOption('clients', args.clients),
      port: intOption('port', args.port),
      db: args.db ? path.resolve(args.db) : undefined,
      pg: args.pg ?? args['pg-db'],
      pgDb: args['pg-db'],
      build: !args['no-build'],
    }
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`)
    console.error(
      'usage: npm run bench:read -- [--notifications 1000000] [--orders 100000] [--requests 200] [--warmup 20] [--clients 4] [--port 3600] [--db FILE | --pg URL | --pg-db URL] [--no-build]',
    )
    process.exit(2)
  }
}

// ---------------------------------------------------------------------------------------------
// Build, server (the approach of scripts/bench-ingest.ts)

function ensureBuild(): void {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return
  if (!options.build) throw new Error('no production build (.next) and --no-build was given: run `npm run build` first')
  buildProductionServer('no production build')
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Opens, migrates and (unless it already holds data) seeds the database. On PostgreSQL it then vacuums and analyses:
 * a freshly seeded database has no planner statistics yet and indexes full of the seed's dead row versions (every
 * notification rewrites its order's row), which autovacuum would clear in production but not within a benchmark run.
 */
async function prepareDatabase(url: string, reuse: boolean): Promise<void> {
  const c = openConnections(url)
  try {
    await seedOrReuse(c, reuse)
    if (c.pool) {
      const started = performance.now()
      await c.pool.query('VACUUM (ANALYZE)')
      console.log(`[bench] VACUUM (ANALYZE) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  } finally {
    await closeConnections(c)
  }
}

async function seedOrReuse(c: Connections, reuse: boolean): Promise<void> {
  const existing = await countExistingRows(c)
  if (existing > 0 && reuse) {
    // A file seeded by an older build gets the migrations since (their backfills fill the new summaries).
    const started = performance.now()
    const applied = await migrateDatabase(c)
    const migrated = applied.length ? `, applied ${applied.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s` : ''
    console.log(`[bench] reusing the seeded database (no reseeding${migrated})`)
    return
  }
  if (existing > 0) throw new Error('the benchmark database is not empty')
  await migrateDatabase(c)
  await seedLargeDatabase(c, {
    notifications: options.notifications,
    orders: options.orders,
    seed: options.seed,
    log: (line) => console.log(line.replace('[seed]', '[bench] seed:')),
  })
}

type Samples = { orderIds: string[]; numbers: string[]; counts: Record<string, number> }

/** Real order ids and telephone numbers to rotate through, and the table sizes (for the report). */
async function sampleDatabase(url: string): Promise<Samples> {
  const c = openConnections(url)
  try {
    const random = seededRandom(options.seed)
    const counts: Record<string, number> = {}
    for (const table of ['Notification', 'Order', 'Delivery', 'NumberRef'])
      counts[table] = Number(await scalar(c, `SELECT count(*) FROM "${table}"`))
    const orderIds = await sampleColumn(c, 'Order', '"orderId"', SAMPLE_ORDERS, random)
    // Numbers sampled by NumberRef row: a busy number (in many notifications) is picked more often, as people look those up.
    const numbers = await sampleColumn(c, 'NumberRef', '"e164"', SAMPLE_NUMBERS, random)
    if (orderIds.length === 0 || numbers.length === 0) throw new Error('the database has no orders or no numbers to look up')
    return { orderIds, numbers, counts }
  } finally {
    await closeConnections(c)
  }
}

async function scalar(c: Connections, sql: string): Promise<unknown> {
  if (c.sqlite) return c.sqlite.prepare(sql).pluck().get()
  const { rows } = await c.pool!.query(sql)
  return Object.values(rows[0])[0]
}

async function sampleColumn(c: Connections, table: string, column: string, n: number, random: () => number): Promise<string[]> {
  if (c.sqlite) {
    // Random rowids: no full scan, and deterministic for a --seed.
    const max = (c.sqlite.prepare(`SELECT max(rowid) FROM "${table}"`).pluck().get() as number | null) ?? 0
    const stmt = c.sqlite.prepare(`SELECT ${column} FROM "${table}" WHERE rowid >= ? ORDER BY rowid LIMIT 1`).pluck()
    return Array.from({ length: max ? n : 0 }, () => stmt.get(1 + Math.floor(random() * max)) as string).filter(Boolean)
  }
  await c.pool!.query('SELECT setseed($1)', [random() * 2 - 1]).catch(() => {})
  const { rows } = await c.pool!.query<{ v: string }>(`SELECT ${column} AS v FROM "${table}" ORDER BY random() LIMIT ${n}`)
  return rows.map((r) => r.v)
}

// ---------------------------------------------------------------------------------------------
// Requests and timing

type Endpoint = { label: string; path: (i: number) => string }
type Sample = { ms: number; status: number; bytes: number; path: string; error?: string }
type Stats = { p50: number; p95: number; p99: number; max: number; bytes: number; errors: Sample[] }

/** "(919) 380-4412" from "+19193804412": how a person types it into the search box. */
function formatted(e164: string): string {
  const d = e164.replace(/^\+1/, '')
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`
}

function endpoints(s: Samples): Endpoint[] {
  const number = (i: number) => s.numbers[i % s.numbers.length]
  const fixed = (label: string, p: string): Endpoint => ({ label, path: () => p })
  return [
    fixed('orders', '/api/orders'),
    fixed('orders ?status=EXCEPTION', '/api/orders?status=EXCEPTION'),
    fixed('orders ?type=portins&status=FOC', '/api/orders?type=portins&status=FOC'),
    fixed('orders ?stuck=true', '/api/orders?stuck=true'),
    fixed('events', '/api/events'),
    fixed('events ?kind=event', '/api/events?kind=event'),
    { label: 'events ?number=<n>', path: (i) => `/api/events?number=${encodeURIComponent(number(i).replace(/^\+1/, ''))}` },
    fixed('deliveries', '/api/deliveries'),
    fixed('deliveries ?outcome=rejected', '/api/deliveries?outcome=rejected'),
    { label: 'orders ?q=(NPA) NXX-XXXX', path: (i) => `/api/orders?q=${encodeURIComponent(formatted(number(i)))}` },
    { label: 'numbers/<n>', path: (i) => `/api/numbers/${encodeURIComponent(number(i).replace(/^\+1/, ''))}` },
    { label: 'orders/<id> (timeline)', path: (i) => `/api/orders/${encodeURIComponent(s.orderIds[i % s.orderIds.length])}` },
    fixed('overview', '/api/overview'),
  ]
}

async function timedGet(baseUrl: string, cookie: string, p: string): Promise<Sample> {
  const started = performance.now()
  try {
    const res = await fetch(`${baseUrl}${p}`, {
      headers: { Cookie: cookie, Accept: 'application/json' },
      signal: AbortSignal.timeout(60_000),
    })
    const body = await res.arrayBuffer()
    const ms = performance.now() - started
    const error = res.status === 200 ? undefined : Buffer.from(body).toString('utf8').slice(0, 200)
    return { ms, status: res.status, bytes: body.byteLength, path: p, error }
  } catch (error) {
    return { ms: performance.now() - started, status: 0, bytes: 0, path: p, error: error instanceof Error ? error.message : String(error) }
  }
}

/** `total` requests spread over `clients` concurrent clients, each one request at a time. */
async function run(baseUrl: string, cookie: string, e: Endpoint, total: number, clients: number, offset: number): Promise<Sample[]> {
  const samples: Sample[] = []
  let next = 0
  const client = async () => {
    while (next < total) {
      const i = next++
      samples.push(await timedGet(baseUrl, cookie, e.path(offset + i)))
    }
  }
  await Promise.all(Array.from({ length: Math.min(clients, total) }, client))
  return samples
}

function stats(samples: Sample[]): Stats {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b)
  // Nearest rank: p95 of 200 requests is the 190th fastest.
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.max(0, Math.ceil(p * ms.length) - 1))]
  return {
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    max: ms[ms.length - 1],
    bytes: samples.reduce((sum, s) => sum + s.bytes, 0) / samples.length,
    errors: samples.filter((s) => s.status !== 200),
  }
}

async function measure(baseUrl: string, cookie: string, list: Endpoint[], clients: number): Promise<Map<Endpoint, Stats>> {
  const out = new Map<Endpoint, Stats>()
  for (const e of list) {
    process.stdout.write(
      `[bench] ${e.label.padEnd(34)} ${clients === 1 ? 'sequential' : `${clients} clients`}: ${options.warmup} warm-up + ${options.requests} requests… `,
    )
    const warm = await run(baseUrl, cookie, e, options.warmup, clients, 0)
    const timed = await run(baseUrl, cookie, e, options.requests, clients, options.warmup)
    const s = stats(timed)
    s.errors.push(...warm.filter((w) => w.status !== 200))
    out.set(e, s)
    console.log(`p95 ${s.p95.toFixed(1)} ms${s.errors.length ? `, ${s.errors.length} errors` : ''}`)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Report

function printReport(list: Endpoint[], seq: Map<Endpoint, Stats>, conc: Map<Endpoint, Stats>): void {
  const ms = (v: number) => v.toFixed(1)
  const verdict = (s: Stats, limit: number) => (s.p95 <= limit ? 'PASS' : 'MISS')
  const header = [
    'endpoint',
    'p50',
    'p95',
    'p99',
    'max',
    `${options.clients}c p50`,
    `${options.clients}c p95`,
    `${options.clients}c p99`,
    `${options.clients}c max`,
    'KiB',
    'seq',
    `${options.clients}c`,
  ]
  const rows = [
    header,
    ...list.map((e) => {
      const a = seq.get(e)!
      const b = conc.get(e)!
      return [
        e.label,
        ms(a.p50),
        ms(a.p95),
        ms(a.p99),
        ms(a.max),
        ms(b.p50),
        ms(b.p95),
        ms(b.p99),
        ms(b.max),
        (a.bytes / 1024).toFixed(1),
        verdict(a, TARGET_P95_MS.sequential),
        verdict(b, TARGET_P95_MS.concurrent),
      ]
    }),
  ]
  const widths = header.map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  console.log(
    `\nlatency in ms, ${options.requests} requests per endpoint after ${options.warmup} warm-up: sequential, then ${options.clients} concurrent clients (${options.clients}c)`,
  )
  console.log(
    `target for every endpoint: p95 <= ${TARGET_P95_MS.sequential} ms sequential, <= ${TARGET_P95_MS.concurrent} ms with ${options.clients} clients\n`,
  )
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
  const passed = (m: Map<Endpoint, Stats>, limit: number) => list.filter((e) => m.get(e)!.p95 <= limit).length
  console.log(
    `\nsequential: ${passed(seq, TARGET_P95_MS.sequential)}/${list.length} PASS; ${options.clients} clients: ${passed(conc, TARGET_P95_MS.concurrent)}/${list.length} PASS`,
  )
}

// ---------------------------------------------------------------------------------------------
// Main

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-bench-read-'))
let server: BenchServer | undefined
let pgDatabase: { admin: string; name: string } | undefined

function cleanupSync(): void {
  fs.rmSync(tmp, { recursive: true, force: true })
}

async function dropPgDatabase(): Promise<void> {
  if (!pgDatabase) return
  const { admin, name } = pgDatabase
  pgDatabase = undefined
  await adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch((error) =>
    console.error(`[bench] could not drop ${name}: ${error instanceof Error ? error.message : String(error)}`),
  )
}

// Ctrl-C mid-run: the server runs in its own process group and would otherwise outlive us.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server?.killNow()
    cleanupSync()
    void dropPgDatabase().finally(() => process.exit(130))
  })
}

let exitCode = 0
let seedingPoolSize = false
try {
  ensureBuild()
  await assertPortFree(options.port)

  let url: string
  let describe: string
  if (options.pgDb) {
    url = options.pgDb
    describe = `PostgreSQL ${new URL(url).host}${new URL(url).pathname} (kept)`
    seedingPoolSize = process.env.DATABASE_POOL_SIZE === undefined
    if (seedingPoolSize) process.env.DATABASE_POOL_SIZE = '16'
  } else if (options.pg) {
    const name = `portwatch_bench_${randomBytes(4).toString('hex')}`
    await adminQuery(options.pg, `CREATE DATABASE "${name}"`)
    pgDatabase = { admin: options.pg, name }
    const u = new URL(options.pg)
    u.pathname = `/${name}`
    url = u.toString()
    describe = `PostgreSQL ${u.host}/${name}`
    // One connection per concurrent seeding transaction (the server keeps its own default).
    seedingPoolSize = process.env.DATABASE_POOL_SIZE === undefined
    if (seedingPoolSize) process.env.DATABASE_POOL_SIZE = '16'
  } else {
    const file = options.db ?? path.join(tmp, 'bench.db')
    url = `file:${file}`
    describe = `SQLite ${file}`
  }
  console.log(`[bench] database: ${describe}`)
  await prepareDatabase(url, Boolean(options.db ?? options.pgDb))
  const samples = await sampleDatabase(url)
  const size = options.pg
    ? ''
    : `, ${(['', '-wal'].reduce((s, x) => s + (fs.existsSync(url.slice(5) + x) ? fs.statSync(url.slice(5) + x).size : 0), 0) / 1024 ** 3).toFixed(2)} GiB on disk`
  console.log(
    `[bench] data: ${fmt(samples.counts.Notification)} notifications, ${fmt(samples.counts.Order)} orders, ${fmt(samples.counts.Delivery)} deliveries, ${fmt(samples.counts.NumberRef)} number refs${size}`,
  )

  const inherited = { ...process.env }
  if (seedingPoolSize) delete inherited.DATABASE_POOL_SIZE
  server = new BenchServer(
    options.port,
    {
      ...inherited,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      CHECKPOINT_DISABLE: '1',
      DATABASE_URL: url,
      // Required on PostgreSQL (--pg); the benchmark stores no subscriber PINs worth keeping.
      PORTWATCH_PIN_SECRET: inherited.PORTWATCH_PIN_SECRET ?? 'bench-read-pin-secret-0123456789abcdef',
      PORTWATCH_ADMIN_EMAIL: ADMIN_EMAIL,
      PORTWATCH_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    HEALTH_TIMEOUT_MS,
  )
  const baseUrl = `http://127.0.0.1:${options.port}`
  await server.waitHealthy(baseUrl)
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  })
  if (login.status !== 200) {
    throw new Error(
      `sign-in as ${ADMIN_EMAIL} answered ${login.status}: ${(await login.text()).slice(0, 200)} (a reused --db must have been created by this benchmark)`,
    )
  }
  const cookie = login.headers.get('set-cookie')!.split(';')[0]
  console.log(`[bench] server up on ${baseUrl}, signed in as ${ADMIN_EMAIL}`)

  const list = endpoints(samples)
  const seq = await measure(baseUrl, cookie, list, 1)
  const conc = await measure(baseUrl, cookie, list, options.clients)
  printReport(list, seq, conc)

  const errors = [...seq.values(), ...conc.values()].flatMap((s) => s.errors)
  if (errors.length > 0) {
    exitCode = 1
    console.log(`\n${errors.length} requests did not answer 200, e.g.:`)
    for (const e of errors.slice(0, 5)) console.log(`  GET ${e.path} → ${e.status || 'no answer'}: ${e.error ?? ''}`)
    console.log(`\nlast server log lines:\n${server.tail(15)}`)
  }
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`)
  if (server) console.error(`last server log lines:\n${server.tail(15)}`)
  exitCode = 1
} finally {
  await server?.stop()
  await dropPgDatabase()
  cleanupSync()
}
process.exit(exitCode)
