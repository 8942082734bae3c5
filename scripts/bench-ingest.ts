// `npm run bench:ingest [-- --duration 10 --connections 10 --port 3290 --no-build --profile DIR]`
// `--profile DIR` writes a CPU profile of the server there (node --cpu-prof), to see where a request's time goes.
// Measures the notification ingest of the production server against a no-op route of the same server
// (and, on its own, the largest notification a 2 MiB body holds: 40,000 numbers),
// on a fresh SQLite database, with realistic and all-different notifications (a repeated body would be
// a cheap duplicate, not an insert). Performance misses are reported, not fatal; the run fails only if
// the server acknowledged (2xx) a notification that is not in the database afterwards.
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { assertPortFree, BenchServer, buildProductionServer, intOption, seededRandom } from './bench-support'
import autocannon, { type RequestParams, type Result } from 'autocannon'
import Database from 'better-sqlite3'
import { buildEventNotificationXml, buildOrderNotificationXml } from '../lib/bandwidth/build-notification-xml'

const root = path.resolve(import.meta.dirname, '..')
const TARGET = { perSecond: 1000, p99Ms: 50, ofNoop: 0.4, largeMs: 1000 }
/** The largest notification a 2 MiB body holds: sent on its own, after the mix, each answered 200 within TARGET.largeMs. */
const LARGE = { numbers: 40_000, count: 5 }
const INGEST_PATH = '/api/webhooks/bandwidth/notifications'
const NOOP_PATH = '/api/bench/noop'
const WARMUP_SECONDS = 2
const HEALTH_TIMEOUT_MS = 60_000

// ---------------------------------------------------------------------------------------------
// Options

const options = readOptions()

function readOptions(): { port: number; duration: number; connections: number; build: boolean; profile?: string } {
  try {
    const { values: args } = parseArgs({
      options: {
        port: { type: 'string', default: '3290' },
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '10' },
        'no-build': { type: 'boolean', default: false },
        profile: { type: 'string' },
      },
    })
    return {
      profile: args.profile ? path.resolve(args.profile) : undefined,
      port: intOption('port', args.port),
      duration: intOption('duration', args.duration),
      connections: intOption('connections', args.connections),
      build: !args['no-build'],
    }
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`)
    console.error('usage: npm run bench:ingest -- [--duration 10] [--connections 10] [--port 3290] [--no-build] [--profile DIR]')
    process.exit(2)
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic: what a busy Bandwidth account sends. The mix (kinds, sizes, steps) is seeded, so runs compare.

const AREA_CODES = ['919', '984', '503', '801', '385', '828', '602', '480', '212', '415', '312', '720']
const CITIES = ['RALEIGH, NC', 'ASHEVILLE, NC', 'PORTLAND, OR', 'SALT LAKE CITY, UT', 'PHOENIX, AZ', 'DENVER, CO']
const SUBSCRIPTIONS = [
  'b84d7e32-1a6f-4c9e-8f02-3d7a9c5e61b4',
  '0e9a51c7-5d28-4b63-9e1f-c4a2b7d08e35',
  '6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9',
]
const NOTES = [
  'Losing carrier rejected the PIN. Please confirm the transfer PIN with the end user and submit a SUPP.',
  'End user asked to move the FOC to the morning; SUPP sent.',
  'LOA received and attached, resubmitting to the losing carrier.',
]
// Port-ins in flight at once: their steps interleave, as they do when many ports run in parallel.
const PORT_INS_IN_FLIGHT = 64

type Step = { status?: string; message?: string; note?: string; foc?: boolean; withNumbers?: boolean }
type PortIn = { orderId: string; customerOrderId?: string; subscriptionId: string; numbers: string[]; steps: Step[]; next: number }

class NotificationMix {
  /** How many bodies were handed out (each a different notification). */
  generated = 0
  private readonly random = seededRandom(7072)
  // A virtual Bandwidth clock that only moves forward: every order notification gets its own
  // LastModifiedDate, so no two bodies share a dedup key even when one order gets many updates.
  private clock = Date.now() - 30 * 86_400_000
  private eventNumber = 0
  private readonly portIns: PortIn[] = []

  next(): string {
    this.generated++
    this.clock += 1 + Math.floor(this.random() * 1000)
    const roll = this.random()
    if (roll < 0.05) return this.messagingLost()
    if (roll < 0.2) return this.newNumberOrder()
    return this.portInStep()
  }

  private portInStep(): string {
    while (this.portIns.length < PORT_INS_IN_FLIGHT) this.portIns.push(this.newPortIn())
    const i = Math.floor(this.random() * this.portIns.length)
    const p = this.portIns[i]
    const step = p.steps[p.next++]
    if (p.next === p.steps.length) this.portIns[i] = this.newPortIn()
    return buildOrderNotificationXml({
      orderId: p.orderId,
      orderType: 'portins',
      subscriptionId: p.subscriptionId,
      customerOrderId: p.customerOrderId,
      status: step.status,
      message: step.message,
      note: step.note,
      numbers: step.withNumbers ? p.numbers : undefined,
      lastModifiedDate: this.now(),
      actualFocDate: step.foc ? this.focDate() : undefined,
    })
  }

  private newPortIn(): PortIn {
    const steps: Step[] = [
      { status: 'PENDING_DOCUMENTS', message: 'LOA required' },
      { status: 'SUBMITTED', message: 'Order has been created' },
    ]
    if (this.random() < 0.15) {
      steps.push(
        { status: 'EXCEPTION', message: '7513: PIN Invalid' },
        { note: this.pick(NOTES) },
        { status: 'SUBMITTED', message: 'SUPP has been submitted' },
      )
    }
    if (this.random() < 0.1) steps.push({ note: this.pick(NOTES) })
    steps.push(
      { status: 'FOC', message: 'Order waiting for activation', foc: true },
      { status: 'COMPLETE', message: 'Order is complete', withNumbers: true },
    )
    return {
      orderId: randomUUID(),
      customerOrderId: this.random() < 0.4 ? `PORT-${1000 + Math.floor(this.random() * 9000)}` : undefined,
      subscriptionId: this.pick(SUBSCRIPTIONS),
      numbers: this.numberBlock(this.count(25)),
      steps,
      next: 0,
    }
  }

  private newNumberOrder(): string {
    const numbers = this.numberBlock(this.count(25))
    return buildOrderNotificationXml({
      orderId: randomUUID(),
      orderType: 'orders',
      status: 'COMPLETE',
      customerOrderId: this.random() < 0.3 ? `NEW-${1000 + Math.floor(this.random() * 9000)}` : undefined,
      message: `Created a new number order for ${numbers.length} number${numbers.length === 1 ? '' : 's'} from ${this.pick(CITIES)}`,
      numbers,
      lastModifiedDate: this.now(),
    })
  }

  private messagingLost(): string {
    // Events carry no timestamp and dedupe per day on their numbers: give each event numbers of its own.
    const numbers = Array.from({ length: 1 + Math.floor(this.random() * 3) }, () => {
      const k = this.eventNumber++
      const line = Math.floor(k / AREA_CODES.length)
      return `${AREA_CODES[k % AREA_CODES.length]}${200 + (Math.floor(line / 10_000) % 800)}${String(line % 10_000).padStart(4, '0')}`
    })
    return buildEventNotificationXml({ eventType: 'MESSAGING_LOST', numbers })
  }

  /** 1..max, mostly small: most orders are for a number or two, a few for a block. */
  private count(max: number): number {
    return 1 + Math.floor(this.random() ** 3 * max)
  }

  private numberBlock(size: number): string[] {
    const area = this.pick(AREA_CODES)
    const start = Math.floor(this.random() * (10_000 - size))
    return Array.from({ length: size }, (_, i) => `${area}555${String(start + i).padStart(4, '0')}`)
  }

  private now(): string {
    return new Date(this.clock).toISOString()
  }

  private focDate(): string {
    return `${new Date(this.clock + (3 + Math.floor(this.random() * 5)) * 86_400_000).toISOString().slice(0, 10)}T14:00:00Z`
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]
  }
}

// ---------------------------------------------------------------------------------------------
// Build, server, cleanup

function ensureBuild(): void {
  const manifest = path.join(root, '.next', 'app-path-routes-manifest.json')
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID'))
  // A build from before app/api/bench/noop existed would answer the baseline with 404s: rebuild it too.
  const hasNoop = built && fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8').includes(`"${NOOP_PATH}"`)
  if (built && hasNoop) return
  const why = built ? 'the build predates the bench route' : 'no production build'
  if (!options.build) throw new Error(`${why} (.next) and --no-build was given: run \`npm run build\` first`)
  buildProductionServer(why)
}

// ---------------------------------------------------------------------------------------------
// Load

type Target = { label: string; path: string; method: 'GET' | 'POST'; setup?: (request: RequestParams) => RequestParams }

async function load(baseUrl: string, target: Target, seconds: number): Promise<Result> {
  return autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: seconds,
    requests: [{ method: target.method, path: target.path, ...(target.setup ? { setupRequest: target.setup } : {}) }],
  })
}

async function measure(baseUrl: string, target: Target): Promise<{ warmup: Result; result: Result }> {
  process.stdout.write(
    `[bench] ${target.label}: warm-up ${WARMUP_SECONDS} s, then ${options.duration} s × ${options.connections} connections… `,
  )
  const warmup = await load(baseUrl, target, WARMUP_SECONDS)
  const result = await load(baseUrl, target, options.duration)
  console.log(`${result.requests.total} requests`)
  return { warmup, result }
}

// One notification of LARGE.numbers distinct numbers at a time (a number order for a whole block), timed
// from the request to the 200, which comes after the commit with every number indexed.
async function measureLarge(
  baseUrl: string,
  headers: Record<string, string>,
): Promise<{ ms: number[]; orderIds: string[]; bytes: number }> {
  process.stdout.write(`[bench] large: ${LARGE.count} notifications of ${LARGE.numbers.toLocaleString('en-US')} numbers, one at a time… `)
  const ms: number[] = []
  const orderIds: string[] = []
  let bytes = 0
  for (let k = 0; k < LARGE.count; k++) {
    const orderId = randomUUID()
    const numbers = Array.from(
      { length: LARGE.numbers },
      (_, i) => `${AREA_CODES[k % AREA_CODES.length]}${2_000_000 + k * LARGE.numbers + i}`,
    )
    const body = buildOrderNotificationXml({
      orderId,
      orderType: 'orders',
      status: 'COMPLETE',
      numbers,
      lastModifiedDate: new Date().toISOString(),
    })
    bytes = Buffer.byteLength(body)
    const started = performance.now()
    const res = await fetch(`${baseUrl}${INGEST_PATH}`, { method: 'POST', headers, body })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`a ${LARGE.numbers}-number notification answered ${res.status}`)
    ms.push(performance.now() - started)
    orderIds.push(orderId)
  }
  console.log('done')
  return { ms, orderIds, bytes }
}

// ---------------------------------------------------------------------------------------------
// Report

function printReport(noop: Result, noopPost: Result, ingest: Result): void {
  // autocannon reports whole milliseconds; keep decimals only when it gives them.
  const ms = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(1)} ms`
  const rows = [
    ['', 'req/s (avg)', 'p50', 'p97.5', 'p99', '2xx', 'non-2xx', 'errors', 'timeouts'],
    ...(
      [
        ['noop', noop],
        ['noop POST', noopPost],
        ['ingest', ingest],
      ] as const
    ).map(([name, r]) => [
      name,
      r.requests.average.toFixed(0),
      ms(r.latency.p50),
      ms(r.latency.p97_5),
      ms(r.latency.p99),
      String(r['2xx']),
      String(r.non2xx),
      String(r.errors),
      String(r.timeouts),
    ]),
  ]
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)))
  console.log()
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '))

  // Only acknowledged notifications count as ingested: a fast 503 is not throughput.
  const perSecond = ingest['2xx'] / ingest.duration
  const ratio = ingest.requests.average / noop.requests.average
  console.log(`\ningest/noop throughput: ${(ratio * 100).toFixed(1)} %`)
  // Context, not a target: the same XML bodies POSTed to a route that only reads them.
  console.log(
    `ingest/noop POST throughput: ${((ingest.requests.average / noopPost.requests.average) * 100).toFixed(1)} % (what storing costs over receiving a POST body)`,
  )
  console.log(`ingest acknowledged: ${perSecond.toFixed(0)} notifications/s (${ingest['2xx']} in ${ingest.duration.toFixed(2)} s)`)
  for (const [status, stat] of Object.entries(ingest.statusCodeStats))
    if (!status.startsWith('2')) console.log(`  ingest HTTP ${status}: ${stat.count}`)

  const criteria = [
    { name: 'throughput', value: `${perSecond.toFixed(0)} /s`, goal: `>= ${TARGET.perSecond} /s`, pass: perSecond >= TARGET.perSecond },
    { name: 'p99 latency', value: ms(ingest.latency.p99), goal: `< ${TARGET.p99Ms} ms`, pass: ingest.latency.p99 < TARGET.p99Ms },
    { name: 'vs no-op', value: `${(ratio * 100).toFixed(1)} %`, goal: `>= ${TARGET.ofNoop * 100} %`, pass: ratio >= TARGET.ofNoop },
  ]
  console.log(`\ntarget: >= ${TARGET.perSecond} notifications/s, p99 < ${TARGET.p99Ms} ms, >= ${TARGET.ofNoop * 100}% of no-op`)
  for (const c of criteria) console.log(`  ${c.name.padEnd(12)} ${c.value.padStart(10)}   ${c.goal.padEnd(11)} ${c.pass ? 'PASS' : 'MISS'}`)
}

function printLarge(large: { ms: number[]; bytes: number }): void {
  const sorted = [...large.ms].sort((a, b) => a - b)
  const max = sorted.at(-1)!
  console.log(
    `\nlarge notification (${LARGE.numbers.toLocaleString('en-US')} numbers, ${(large.bytes / 1024 / 1024).toFixed(2)} MiB): ` +
      `${large.ms.length} answered 200, p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${max.toFixed(0)} ms` +
      `   target: 200 in <= ${TARGET.largeMs} ms   ${max <= TARGET.largeMs ? 'PASS' : 'MISS'}`,
  )
}

/** Counts what is on disk; true if every acknowledged notification is there, the large ones with every number. */
function verifyStored(file: string, acknowledged: number, largeOrderIds: string[]): boolean {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const notifications = sqlite.prepare('SELECT count(*) FROM "Notification"').pluck().get() as number
    const accepted = sqlite.prepare(`SELECT count(*) FROM "Delivery" WHERE outcome='accepted'`).pluck().get() as number
    const others = sqlite.prepare(`SELECT outcome, count(*) AS n FROM "Delivery" WHERE outcome <> 'accepted' GROUP BY outcome`).all() as {
      outcome: string
      n: number
    }[]
    const largeRefs = sqlite
      .prepare(`SELECT count(*) FROM "NumberRef" WHERE "orderId" IN (${largeOrderIds.map(() => '?').join(', ')})`)
      .pluck()
      .get(...largeOrderIds) as number
    const ok = notifications >= acknowledged && accepted >= acknowledged && largeRefs === largeOrderIds.length * LARGE.numbers
    console.log(`\nstored (SQLite, read back after the run):`)
    console.log(`  acknowledged (2xx, warm-up included)  ${acknowledged}`)
    console.log(`  SELECT count(*) FROM "Notification"   ${notifications}`)
    console.log(`  Delivery outcome='accepted'           ${accepted}`)
    for (const o of others) console.log(`  Delivery outcome='${o.outcome}'`.padEnd(40) + ` ${o.n}`)
    console.log(`  NumberRef rows of the large ones        ${largeRefs} (expected ${largeOrderIds.length * LARGE.numbers})`)
    console.log(`all acknowledged notifications stored: ${ok ? 'yes' : 'no'}`)
    return ok
  } finally {
    sqlite.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-bench-'))
const dbFile = path.join(tmp, 'bench.db')
let server: BenchServer | undefined

function removeTmp(): void {
  fs.rmSync(tmp, { recursive: true, force: true })
}

// Ctrl-C mid-run: the server runs in its own process group and would otherwise outlive us.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server?.killNow()
    removeTmp()
    process.exit(130)
  })
}

let exitCode = 0
try {
  ensureBuild()
  await assertPortFree(options.port)
  const baseUrl = `http://127.0.0.1:${options.port}`
  const password = randomBytes(18).toString('base64url')
  server = new BenchServer(
    options.port,
    {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      CHECKPOINT_DISABLE: '1',
      DATABASE_URL: `file:${dbFile}`,
      BANDWIDTH_WEBHOOK_USERNAME: 'bench',
      BANDWIDTH_WEBHOOK_PASSWORD: password,
      PORTWATCH_BENCH_ROUTES: '1',
    },
    HEALTH_TIMEOUT_MS,
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [],
  )
  await server.waitHealthy(baseUrl)
  const probe = await fetch(`${baseUrl}${NOOP_PATH}`)
  if (probe.status !== 204) throw new Error(`${NOOP_PATH} answered ${probe.status}, expected 204: is the build current?`)
  console.log(`[bench] server up on ${baseUrl}, database ${dbFile}`)

  const mix = new NotificationMix()
  const headers = {
    'Content-Type': 'application/xml; charset=utf-8',
    Authorization: `Basic ${Buffer.from(`bench:${password}`).toString('base64')}`,
  }
  const noop = await measure(baseUrl, { label: 'noop', path: NOOP_PATH, method: 'GET' })
  const postMix = new NotificationMix()
  const noopPost = await measure(baseUrl, {
    label: 'noop POST',
    path: NOOP_PATH,
    method: 'POST',
    setup: (request) => ({ ...request, headers: { ...headers }, body: postMix.next() }),
  })
  const ingest = await measure(baseUrl, {
    label: 'ingest',
    path: INGEST_PATH,
    method: 'POST',
    // A new body for every request; fresh headers so autocannon recomputes Content-Length for it.
    setup: (request) => ({ ...request, headers: { ...headers }, body: mix.next() }),
  })
  console.log(`[bench] ${mix.generated} distinct notifications generated`)

  const large = await measureLarge(baseUrl, headers)

  printReport(noop.result, noopPost.result, ingest.result)
  printLarge(large)
  if (ingest.result.non2xx > 0 || ingest.result.errors > 0) console.log(`\nlast server log lines:\n${server.tail(15)}`)

  // Stop first so the count is what survived on disk, not what an open connection still sees.
  await server.stop()
  if (!verifyStored(dbFile, ingest.warmup['2xx'] + ingest.result['2xx'], large.orderIds)) exitCode = 1
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`)
  exitCode = 1
} finally {
  await server?.stop()
  removeTmp()
}
process.exit(exitCode)
