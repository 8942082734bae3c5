// `npm run bench:portout [-- --records 1000000 --duration 20 --connections 4 --import-rows 100000 --port 3620 --no-build]`
// The port-out responder at scale: loads N subscriber records (default 1,000,000) and an active policy of
// 50 rules into a fresh SQLite database, starts the production build on it, and sends a realistic mix of
// PortOutValidationRequests (1–40 numbers; valid, wrong PIN, unknown numbers, locked, inactive, missing
// PIN, wrong account, Bandwidth's retries) with Basic auth. Prints p50/p99 and throughput against the
// target p99 < 20 ms. Then imports a CSV of --import-rows rows (default 100,000) through the HTTP import
// route, preview then commit, against the target of under a minute (`--import-rows 0` skips it).
// `--profile DIR` writes a CPU profile of the server there. Misses are reported (PASS/FAIL lines), not fatal; a non-200 answer or a failed import exits 1.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon, { type RequestParams } from 'autocannon'
import Database from 'better-sqlite3'
import { assertPortFree, BenchServer, buildProductionServer, intOption, seededRandom } from './bench-support'
import { buildPortoutValidationRequestXml } from '../lib/bandwidth/build-portout-validation-request'
import { closeConnections, openConnections } from '../lib/db/client'
import { installPolicyVersion, loadSubscribersBulk, type BulkSubscriber } from '../lib/db/load-subscribers-bulk'
import { migrateDatabase } from '../lib/db/migrate'
import { hashPortoutPin } from '../lib/portout/evaluate-portout-request'
import type { PolicyInput } from '../lib/portout/portout-policy'

const root = path.resolve(import.meta.dirname, '..')
const TARGET_P99_MS = 20
const TARGET_IMPORT_SECONDS = 60
const RESPONDER = '/api/webhooks/bandwidth/portout-validation'
const WARMUP_SECONDS = 3
const HEALTH_TIMEOUT_MS = 120_000
const NUMBERS_PER_ACCOUNT = 40
// Area codes in ascending order, so records are generated (and inserted) in primary-key order.
const AREAS = ['252', '336', '472', '704', '743', '828', '910', '919', '980', '984']
const PER_AREA = 800_000 // NXX 200–279 × 10,000 lines
const UNKNOWN_AREA = '212' // never loaded: "number not known"
const IMPORT_AREA = '415' // the CSV import's new numbers

type Options = {
  records: number
  duration: number
  connections: number
  importRows: number
  port: number
  build: boolean
  seed: number
  profile?: string
}
const options = readOptions()

function readOptions(): Options {
  try {
    const { values: a } = parseArgs({
      options: {
        records: { type: 'string', default: '1000000' },
        duration: { type: 'string', default: '20' },
        connections: { type: 'string', default: '4' },
        'import-rows': { type: 'string', default: '100000' },
        port: { type: 'string', default: '3620' },
        seed: { type: 'string', default: '5' },
        'no-build': { type: 'boolean', default: false },
        profile: { type: 'string' },
      },
    })
    const o = {
      records: intOption('records', a.records, 1),
      duration: intOption('duration', a.duration, 1),
      connections: intOption('connections', a.connections, 1),
      importRows: intOption('import-rows', a['import-rows'], 0),
      port: intOption('port', a.port, 1),
      seed: intOption('seed', a.seed, 1),
      build: !a['no-build'],
      profile: a.profile ? path.resolve(a.profile) : undefined,
    }
    if (o.records > AREAS.length * PER_AREA) throw new Error(`--records is at most ${AREAS.length * PER_AREA}`)
    if (o.records < NUMBERS_PER_ACCOUNT * 10) throw new Error(`--records must be at least ${NUMBERS_PER_ACCOUNT * 10}`)
    return o
  } catch (error) {
    console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`)
    console.error(
      'usage: npm run bench:portout -- [--records 1000000] [--duration 20] [--connections 4] [--import-rows 100000] [--port 3620] [--seed 5] [--no-build] [--profile DIR]',
    )
    process.exit(2)
  }
}

// ---------------------------------------------------------------------------------------------
// The data: record i belongs to account floor(i / 40); everything else follows from i, so the traffic
// generator knows each record's PIN, ZIP, name, status and lock without reading the database.

const numberAt = (i: number, area = AREAS[Math.floor(i / PER_AREA)]) => {
  const rest = i % PER_AREA
  return `${area}${200 + Math.floor(rest / 10_000)}${String(rest % 10_000).padStart(4, '0')}`
}
const accountOf = (i: number) => Math.floor(i / NUMBERS_PER_ACCOUNT)
const accountNumber = (a: number) => `ACCT-${String(a).padStart(6, '0')}`
const pinOf = (a: number) => String((a * 7919 + 1234) % 10_000).padStart(4, '0')
const zipOf = (a: number) => String(27000 + (a % 900))
const NAMES = [
  'Oak City Dental LLC',
  'Queen City Bakery, Inc',
  'Triad Florist',
  'Capital Hardware',
  'Blue Ridge Outfitters',
  'Cape Fear Marine',
]
const nameOf = (a: number) => NAMES[a % NAMES.length]
const isInactive = (i: number) => i % 37 === 5
const isLocked = (i: number) => i % 211 === 7
const tagsOf = (a: number) => [
  a % 3 === 0 ? 'business' : 'residential',
  ...(a % 50 === 0 ? ['vip'] : []),
  ...(a % 7 === 0 ? ['prepaid'] : []),
]

function* generateRecords(count: number, secret: string): Generator<BulkSubscriber> {
  const lockedAt = new Date(Date.now() - 86_400_000)
  let pinHash = ''
  let hashedFor = -1
  for (let i = 0; i < count; i++) {
    const a = accountOf(i)
    // One account, one PIN: hashed once per account (the same hashPortoutPin the server checks with).
    if (a !== hashedFor) [pinHash, hashedFor] = [hashPortoutPin(pinOf(a), secret), a]
    yield {
      e164: `+1${numberAt(i)}`,
      accountNumber: accountNumber(a),
      pinHash: a % 97 === 3 ? null : pinHash,
      zipCode: zipOf(a),
      subscriberName: nameOf(a),
      status: isInactive(i) ? 'inactive' : 'active',
      tags: tagsOf(a),
      lock: isLocked(i)
        ? { at: lockedAt, until: i % 2 ? null : new Date(Date.now() + 30 * 86_400_000), reason: 'customer asked for a port freeze' }
        : null,
    }
  }
}

/** 50 rules of every kind and scope: what a busy fraud team's policy looks like after a year. */
function buildPolicy(records: number): PolicyInput {
  const accounts = Math.floor(records / NUMBERS_PER_ACCOUNT)
  const someAccounts = (k: number) => Array.from({ length: 25 }, (_, j) => accountNumber((k * 997 + j * 131) % accounts))
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString()
  const past = new Date(Date.now() - 86_400_000).toISOString()
  const base = { enabled: true }
  const rules: NonNullable<PolicyInput['rules']> = [
    { ...base, id: 'max-numbers', kind: 'max_numbers', params: { max: 40 }, scope: { type: 'all' }, mode: 'enforce' },
    { ...base, id: 'pin-required', kind: 'pin_required', params: {}, scope: { type: 'all' }, mode: 'enforce' },
    { ...base, id: 'pin-match', kind: 'pin_match', params: {}, scope: { type: 'all' }, mode: 'enforce' },
    { ...base, id: 'known', kind: 'number_known', params: {}, scope: { type: 'all' }, mode: 'enforce' },
    { ...base, id: 'active', kind: 'number_active', params: {}, scope: { type: 'all' }, mode: 'enforce' },
    { ...base, id: 'locked', kind: 'locked_denied', params: { code: '7511' }, scope: { type: 'all' }, mode: 'enforce' },
    { ...base, id: 'business-account', kind: 'account_match', params: {}, scope: { type: 'tag', tag: 'business' }, mode: 'enforce' },
    {
      ...base,
      id: 'business-account-required',
      kind: 'account_required',
      params: {},
      scope: { type: 'tag', tag: 'business' },
      mode: 'monitor',
    },
    { ...base, id: 'vip-zip', kind: 'zip_match', params: {}, scope: { type: 'tag', tag: 'vip' }, mode: 'enforce' },
    { ...base, id: 'vip-name', kind: 'name_match', params: {}, scope: { type: 'tag', tag: 'vip' }, mode: 'monitor' },
    { ...base, id: 'zip-required-watch', kind: 'zip_required', params: {}, scope: { type: 'all' }, mode: 'monitor' },
    { ...base, id: 'prepaid-name', kind: 'name_match', params: {}, scope: { type: 'tag', tag: 'prepaid' }, mode: 'monitor' },
    {
      enabled: false,
      id: 'old-residential-zip',
      kind: 'zip_match',
      params: {},
      scope: { type: 'tag', tag: 'residential' },
      mode: 'enforce',
    },
  ]
  for (let k = 0; rules.length < 42; k++) {
    const kinds = ['account_match', 'zip_match', 'name_match', 'account_required'] as const
    rules.push({
      ...base,
      id: `accounts-${k}`,
      kind: kinds[k % kinds.length],
      params: {},
      scope: { type: 'accounts', accounts: someAccounts(k) },
      mode: k % 3 === 0 ? 'enforce' : 'monitor',
    })
  }
  // Time-boxed unlocks: some for a PON, some until a time, some already expired.
  for (let k = 0; rules.length < 50; k++) {
    const numbers = Array.from({ length: 5 }, (_, j) => `+1${numberAt((k * 211 + 7 + j * 422) % records)}`)
    rules.push({
      ...base,
      id: `unlock-${k}`,
      kind: 'unlock',
      params: { numbers, until: k % 3 === 0 ? past : future, ...(k % 2 ? { pon: `UNLOCK-${k}` } : {}) },
      scope: { type: 'all' },
      mode: 'enforce',
    })
  }
  return { rules }
}

// ---------------------------------------------------------------------------------------------
// Traffic

type Kind = 'valid' | 'wrong-pin' | 'unknown' | 'locked' | 'inactive' | 'no-pin' | 'wrong-account' | 'retry'
const MIX: [Kind, number][] = [
  ['valid', 0.55],
  ['wrong-pin', 0.12],
  ['unknown', 0.08],
  ['locked', 0.06],
  ['inactive', 0.05],
  ['no-pin', 0.04],
  ['wrong-account', 0.05],
  ['retry', 0.05],
]

class RequestMix {
  readonly counts: Record<Kind, number> = Object.fromEntries(MIX.map(([k]) => [k, 0])) as Record<Kind, number>
  private readonly random: () => number
  private readonly recent: string[] = []
  private n = 0
  constructor(
    private readonly records: number,
    seed: number,
    private readonly label: string,
  ) {
    this.random = seededRandom(seed)
  }

  next(): string {
    let roll = this.random()
    let kind: Kind = 'valid'
    for (const [k, share] of MIX) {
      if (roll < share) {
        kind = k
        break
      }
      roll -= share
    }
    if (kind === 'retry' && this.recent.length === 0) kind = 'valid'
    this.counts[kind]++
    if (kind === 'retry') return this.recent[Math.floor(this.random() * this.recent.length)]
    const body = this.build(kind)
    this.recent.push(body)
    if (this.recent.length > 200) this.recent.shift()
    return body
  }

  private build(kind: Exclude<Kind, 'retry'>): string {
    // Mostly one or two numbers, sometimes a block: 1..40, skewed small.
    const count = 1 + Math.floor(this.random() ** 3 * NUMBERS_PER_ACCOUNT)
    const account = Math.floor(this.random() * Math.floor(this.records / NUMBERS_PER_ACCOUNT))
    const first = account * NUMBERS_PER_ACCOUNT
    let indexes = Array.from({ length: count }, (_, j) => first + ((j * 7) % NUMBERS_PER_ACCOUNT)).filter((i) => i < this.records)
    // "valid" avoids the account's locked and inactive numbers (they have their own kinds).
    if (kind === 'valid' || kind === 'wrong-pin' || kind === 'no-pin' || kind === 'wrong-account')
      indexes = indexes.filter((i) => !isLocked(i) && !isInactive(i))
    if (indexes.length === 0) indexes = [first + 1]
    const numbers = indexes.map((i) => numberAt(i))
    if (kind === 'unknown') numbers.push(numberAt(Math.floor(this.random() * PER_AREA), UNKNOWN_AREA))
    if (kind === 'locked') numbers.push(numberAt(lockedNear(first, this.records)))
    if (kind === 'inactive') numbers.push(numberAt(inactiveNear(first, this.records)))
    // Bandwidth sends 10-digit (LEGACY) or E.164; both occur.
    const telephoneNumbers = this.random() < 0.3 ? numbers.map((n) => `+1${n}`) : numbers
    return buildPortoutValidationRequestXml({
      pon: `${this.label}-${++this.n}`,
      pin:
        kind === 'no-pin'
          ? undefined
          : kind === 'wrong-pin'
            ? String((Number(pinOf(account)) + 1) % 10_000).padStart(4, '0')
            : pinOf(account),
      accountNumber: kind === 'wrong-account' ? accountNumber(account + 1) : accountNumber(account),
      zipCode: zipOf(account),
      subscriberName: nameOf(account).toUpperCase(),
      telephoneNumbers: telephoneNumbers.slice(0, NUMBERS_PER_ACCOUNT),
    })
  }
}

function lockedNear(from: number, records: number): number {
  for (let i = from; i < records; i++) if (isLocked(i)) return i
  return 7
}
function inactiveNear(from: number, records: number): number {
  for (let i = from; i < records; i++) if (isInactive(i)) return i
  return 5
}

type Tally = { portable: number; denied: number; codes: Record<string, number>; kinds: Record<string, number> }

async function load(baseUrl: string, authorization: string, mix: RequestMix, seconds: number, tally?: Tally) {
  const headers = { 'Content-Type': 'application/xml; charset=utf-8', Authorization: authorization }
  return autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: RESPONDER,
        // A new body for every request; fresh headers so autocannon recomputes Content-Length.
        setupRequest: (request: RequestParams) => ({ ...request, headers: { ...headers }, body: mix.next() }),
        onResponse: (status, body, _context, responseHeaders) => {
          if (!tally || status !== 200) return
          if (body.includes('<Portable>true</Portable>')) tally.portable++
          else tally.denied++
          for (const m of body.matchAll(/<Code>(\d+)<\/Code>/g)) tally.codes[m[1]] = (tally.codes[m[1]] ?? 0) + 1
          const kind = responseHeaders['x-portwatch-portout'] ?? '?'
          tally.kinds[kind] = (tally.kinds[kind] ?? 0) + 1
        },
      },
    ],
  })
}

// ---------------------------------------------------------------------------------------------
// CSV import through HTTP: half new numbers, half updates of loaded ones.

function buildImportCsv(rows: number, records: number): string {
  const lines = ['telephone_number,account_number,pin,zip_code,subscriber_name,status,tags']
  for (let k = 0; k < rows; k++) {
    const isNew = k % 2 === 0
    const number = isNew ? numberAt(k % PER_AREA, IMPORT_AREA) : numberAt((k * 13) % records)
    const a = 900_000 + Math.floor(k / 10)
    lines.push(
      `${number},${accountNumber(a)},${pinOf(a)},${zipOf(a)},"${nameOf(a)}",${k % 29 === 0 ? 'inactive' : 'active'},${tagsOf(a).join('|')}`,
    )
  }
  return lines.join('\n') + '\n'
}

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]
}

async function timedImport(baseUrl: string, cookie: string, csv: string, commit: boolean) {
  const started = performance.now()
  const res = await fetch(`${baseUrl}/api/subscribers/import?commit=${commit}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv', Cookie: cookie, Origin: baseUrl },
    body: csv,
    signal: AbortSignal.timeout(300_000),
  })
  const body = (await res.json()) as {
    rows?: number
    errorCount?: number
    committed?: boolean
    created?: number
    updated?: number
    message?: string
  }
  return { seconds: (performance.now() - started) / 1000, status: res.status, body }
}

/** What the responder itself recorded per request (parse, reads, evaluation; before its write): the share of the HTTP latency that is ours. */
function printServerSideLatency(file: string): void {
  const sqlite = new Database(file, { readonly: true })
  try {
    const values = sqlite
      .prepare(`SELECT "latencyMs" FROM "PortoutRequest" WHERE "pon" LIKE 'BENCH-%' ORDER BY "latencyMs"`)
      .pluck()
      .all() as number[]
    if (values.length === 0) return
    const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))]
    console.log(
      `  responder's own recorded latency (whole ms, before its write): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms over ${values.length} decided requests`,
    )
  } finally {
    sqlite.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Main

const ms = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(2)} ms`
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-bench-portout-'))
const dbFile = path.join(tmp, 'bench.db')
let server: BenchServer | undefined

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server?.killNow()
    fs.rmSync(tmp, { recursive: true, force: true })
    process.exit(130)
  })
}

let exitCode = 0
try {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    if (!options.build) throw new Error('no production build (.next) and --no-build was given: run `npm run build` first')
    buildProductionServer('no production build')
  }
  await assertPortFree(options.port)
  // Throwaway secrets for a throwaway database; the server gets the same PIN secret the loader hashed with.
  const pinSecret = randomBytes(32).toString('hex')
  const portout = { username: 'bench-portout', password: randomBytes(18).toString('base64url') }
  const admin = { email: 'bench-portout@example.com', password: randomBytes(18).toString('base64url') }

  // Load: migrate, then bulk inserts in big transactions on a loader connection of its own.
  const loadStarted = performance.now()
  const c = openConnections(`file:${dbFile}`)
  let version: number
  try {
    await migrateDatabase(c)
    // Loading only: a throwaway database need not fsync every batch (the server opens it with synchronous=FULL).
    c.sqlite!.pragma('synchronous = OFF')
    c.sqlite!.pragma('cache_size = -262144')
    const loaded = loadSubscribersBulk(c, generateRecords(options.records, pinSecret))
    version = await installPolicyVersion(c, buildPolicy(options.records), 'bench:portout')
    c.sqlite!.exec('ANALYZE')
    c.sqlite!.pragma('wal_checkpoint(TRUNCATE)')
    const seconds = (performance.now() - loadStarted) / 1000
    console.log(
      `[bench] loaded ${loaded.toLocaleString('en-US')} subscriber records and policy v${version} (50 rules) in ${seconds.toFixed(1)} s (${Math.round(loaded / seconds).toLocaleString('en-US')} records/s); database ${(fs.statSync(dbFile).size / 1e6).toFixed(0)} MB`,
    )
  } finally {
    await closeConnections(c)
  }

  const baseUrl = `http://127.0.0.1:${options.port}`
  server = new BenchServer(
    options.port,
    {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      CHECKPOINT_DISABLE: '1',
      DATABASE_URL: `file:${dbFile}`,
      PORTWATCH_PIN_SECRET: pinSecret,
      BANDWIDTH_PORTOUT_USERNAME: portout.username,
      BANDWIDTH_PORTOUT_PASSWORD: portout.password,
      BANDWIDTH_WEBHOOK_USERNAME: 'bench',
      BANDWIDTH_WEBHOOK_PASSWORD: randomBytes(18).toString('base64url'),
      PORTWATCH_ADMIN_EMAIL: admin.email,
      PORTWATCH_ADMIN_PASSWORD: admin.password,
    },
    HEALTH_TIMEOUT_MS,
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [],
  )
  await server.waitHealthy(baseUrl)
  console.log(`[bench] server up on ${baseUrl}`)

  const authorization = `Basic ${Buffer.from(`${portout.username}:${portout.password}`).toString('base64')}`
  process.stdout.write(
    `[bench] port-out responder: warm-up ${WARMUP_SECONDS} s, then ${options.duration} s × ${options.connections} connections… `,
  )
  await load(baseUrl, authorization, new RequestMix(options.records, options.seed + 1, 'WARM'), WARMUP_SECONDS)
  const mix = new RequestMix(options.records, options.seed, 'BENCH')
  const tally: Tally = { portable: 0, denied: 0, codes: {}, kinds: {} }
  const r = await load(baseUrl, authorization, mix, options.duration, tally)
  console.log(`${r.requests.total} requests`)
  console.log(
    `\nport-out validation, ${options.records.toLocaleString('en-US')} records, 50 rules (policy v${version}), ${options.connections} connections, ${r.duration.toFixed(1)} s`,
  )
  console.log(
    `  requests sent by kind: ${Object.entries(mix.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  )
  console.log(
    `  answers: Portable=true ${tally.portable}, Portable=false ${tally.denied}; codes ${Object.entries(tally.codes)
      .sort()
      .map(([k, n]) => `${k}×${n}`)
      .join(' ')}; responder ${Object.entries(tally.kinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  )
  console.log(`  status: 2xx ${r['2xx']}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`)
  console.log(`  latency: p50 ${ms(r.latency.p50)}, p90 ${ms(r.latency.p90)}, p99 ${ms(r.latency.p99)}, max ${ms(r.latency.max)}`)
  console.log(`  throughput: ${r.requests.average.toFixed(0)} requests/s`)
  console.log(`${r.latency.p99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}: port-out p99 ${ms(r.latency.p99)} (target < ${TARGET_P99_MS} ms)`)
  printServerSideLatency(dbFile)
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    exitCode = 1
    console.log(`last server log lines:\n${server.tail(15)}`)
  }

  if (options.importRows > 0) {
    const csv = buildImportCsv(options.importRows, options.records)
    console.log(
      `\n[bench] CSV import: ${options.importRows.toLocaleString('en-US')} rows (${(csv.length / 1e6).toFixed(1)} MB), half new numbers, half updates, through POST /api/subscribers/import`,
    )
    const cookie = await signIn(baseUrl, admin.email, admin.password)
    const preview = await timedImport(baseUrl, cookie, csv, false)
    console.log(
      `  preview: HTTP ${preview.status}, ${preview.body.rows} rows, ${preview.body.errorCount} errors, ${preview.seconds.toFixed(1)} s`,
    )
    const commit = await timedImport(baseUrl, cookie, csv, true)
    console.log(
      `  commit:  HTTP ${commit.status}, committed ${commit.body.committed}, ${commit.body.created} created, ${commit.body.updated} updated, ${commit.seconds.toFixed(1)} s`,
    )
    const total = preview.seconds + commit.seconds
    const ok = preview.status === 200 && commit.status === 200 && commit.body.committed === true && preview.body.errorCount === 0
    if (!ok) {
      exitCode = 1
      console.log(`  import failed: ${JSON.stringify(commit.body).slice(0, 300)}`)
    }
    console.log(
      `${ok && total < TARGET_IMPORT_SECONDS ? 'PASS' : 'FAIL'}: CSV import of ${options.importRows.toLocaleString('en-US')} rows, preview + commit ${total.toFixed(1)} s (target < ${TARGET_IMPORT_SECONDS} s)`,
    )
  }
} catch (error) {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`)
  exitCode = 1
} finally {
  await server?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}
process.exit(exitCode)
