// `npm run demo`: Portwatch on a fresh embedded database with simulated Bandwidth traffic, so a newcomer
// sees a living dashboard within a minute. Serving (and building when needed) is `npm start`'s own
// scripts/start.mjs; the traffic is `npm run simulate`. The fake Bandwidth (scripts/fake-bandwidth-server.ts)
// answers Portwatch's API calls: its subscriptions (one missing, one pointing elsewhere, one expiring) show on
// the Subscriptions page and the overview, and its own orders send webhooks. Ctrl+C stops everything.
//   --port <n>    (default PORT or 3000)
//   --check       exit 0 once the overview shows simulated orders (a smoke test of the whole demo), 1 if not within the time limit
// PORTWATCH_DEMO_DATABASE moves the database file (default ./data/demo.db; tests use their own).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { SUBSCRIBABLE_ORDER_TYPES } from '../lib/bandwidth/build-subscription-xml'
import { FAKE_DEFAULT_CLIENT, startFakeBandwidth } from './fake-bandwidth-server'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { port: { type: 'string' }, check: { type: 'boolean', default: false } } })
const port = values.port ?? process.env.PORT ?? '3000'
const base = `http://127.0.0.1:${port}`
const databaseFile = path.resolve(ROOT, process.env.PORTWATCH_DEMO_DATABASE ?? 'data/demo.db')
const CHECK_TIMEOUT_MS = 60_000

// Fresh each time: the demo shows what the simulator sends from an empty start.
fs.mkdirSync(path.dirname(databaseFile), { recursive: true })
const existed = fs.existsSync(databaseFile)
for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true })
log(
  `${existed ? 'recreated' : 'created'} the demo database ${path.relative(process.cwd(), databaseFile) || databaseFile} (deleted on every demo start; your ./data/portwatch.db is not touched)`,
)

// Throwaway secrets for this demo only; the admin's are printed because a newcomer has to sign in.
const admin = { email: 'demo@portwatch.local', password: `demo-${randomBytes(6).toString('hex')}` }
const webhook = { username: 'demo-bandwidth', password: randomBytes(18).toString('base64url') }
const portout = { username: 'demo-portout', password: randomBytes(18).toString('base64url') }
// The fake Bandwidth on a free loopback port, an hour of simulated time a minute.
const fake = await startFakeBandwidth({ speed: 60, log: () => {} })
const callbackUrl = `${base}/api/webhooks/bandwidth/notifications`
const DAY_MS = 86_400_000
for (const orderType of SUBSCRIBABLE_ORDER_TYPES.filter((t) => t !== 'importToAccounts'))
  fake.state.addSubscription({
    orderType,
    url: orderType === 'orders' ? 'https://old-dashboard.example.net/bandwidth/hook' : callbackUrl,
    username: webhook.username,
    password: webhook.password,
    expiresAt: fake.now() + (orderType === 'e911s' ? 9 : 365) * DAY_MS,
  })
// MESSAGING_LOST is left out: the Subscriptions page shows it missing, with a Create button.
log(`fake Bandwidth on ${fake.url} (OAuth client ${FAKE_DEFAULT_CLIENT.clientId}, account ${FAKE_DEFAULT_CLIENT.accountId})`)

const env = {
  ...process.env,
  PORTWATCH_PUBLIC_URL: base,
  BANDWIDTH_ACCOUNT_ID: FAKE_DEFAULT_CLIENT.accountId,
  BANDWIDTH_CLIENT_ID: FAKE_DEFAULT_CLIENT.clientId,
  BANDWIDTH_CLIENT_SECRET: FAKE_DEFAULT_CLIENT.clientSecret,
  BANDWIDTH_API_URL: fake.apiUrl,
  BANDWIDTH_TOKEN_URL: fake.tokenUrl,
  PORT: port,
  // Only this machine: the admin's password is printed on the console.
  HOSTNAME: '127.0.0.1',
  DATABASE_URL: `file:${databaseFile}`,
  PORTWATCH_ADMIN_EMAIL: admin.email,
  PORTWATCH_ADMIN_PASSWORD: admin.password,
  BANDWIDTH_WEBHOOK_USERNAME: webhook.username,
  BANDWIDTH_WEBHOOK_PASSWORD: webhook.password,
  BANDWIDTH_PORTOUT_USERNAME: portout.username,
  BANDWIDTH_PORTOUT_PASSWORD: portout.password,
  PORTWATCH_PIN_SECRET: randomBytes(32).toString('hex'),
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
}

const children: ChildProcess[] = []
let stopping = false
const server = track(spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] }), 'server')
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stop(0))

await waitForHealth()
// The fake's own orders start once Portwatch listens, so their first webhooks are not lost.
for (let i = 0; i < 3; i++) fake.state.createOrder(i === 1 ? 'disconnects' : 'portins', fake.now())
if (!stopping && server.exitCode === null) {
  try {
    await seedDemoPolicy()
  } catch (error) {
    log(error instanceof Error ? error.message : String(error))
    await stop(1)
  }
}
log(`Portwatch is up: open http://localhost:${port} and sign in as ${admin.email} / ${admin.password}`)
const health = await checkSubscriptions().catch((error: unknown) => `could not check the subscriptions: ${String(error)}`)
log(health)
log(
  'sending simulated Bandwidth traffic (new orders every few seconds; port-ins take a few minutes from PENDING_DOCUMENTS to COMPLETE); Ctrl+C stops everything',
)
// Gentle: a handful of orders per simulated day, an hour of simulated time per second, at most 2 requests a second.
const simulatorArgs = [
  '--import',
  'tsx',
  'scripts/simulate.ts',
  '--url',
  base,
  '--duration',
  'forever',
  '--orders',
  '6',
  '--events',
  '1',
  '--portouts',
  '1',
  '--speed',
  '3600',
  '--rate',
  '2',
  '--no-verify',
  '--quiet',
]
const simulator = track(spawn(process.execPath, simulatorArgs, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] }), 'simulator')

if (values.check) {
  const seen = await waitForTraffic()
  log(
    seen
      ? `check passed: the overview shows ${seen} simulated orders`
      : `check failed: no simulated orders on the overview within ${CHECK_TIMEOUT_MS / 1000} s`,
  )
  await stop(seen ? 0 : 1)
}
void simulator

async function waitForHealth() {
  // No deadline while the server process lives: the first start may build the production server (minutes).
  while (!stopping) {
    if (server.exitCode !== null) return
    try {
      if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) })).status === 200) return
    } catch {
      // not listening yet
    }
    await sleep(500)
  }
}

/**
 * A port-out policy for the demo, through the same approval queue an operator uses: a demo operator
 * proposes it and the demo admin approves it. With it the simulator's port-out requests get both
 * answers (no PIN or no account number → denied) and the requests page shows monitored rules too.
 */
async function seedDemoPolicy(): Promise<void> {
  const operator = { email: 'demo-operator@portwatch.local', password: `demo-${randomBytes(6).toString('hex')}` }
  const asAdmin = await signIn(admin)
  await call(asAdmin, 'POST', '/api/users', { ...operator, role: 'operator' })
  const asOperator = await signIn(operator)
  const { active } = (await call(asOperator, 'GET', '/api/policy/proposals')) as { active: { policy: Record<string, unknown> } }
  const rule = (id: string, kind: string, mode: 'enforce' | 'monitor') => ({
    id,
    kind,
    params: {},
    scope: { type: 'all' },
    mode,
    enabled: true,
  })
  const policy = {
    ...active.policy,
    rules: [
      rule('pin', 'pin_required', 'enforce'),
      rule('account', 'account_required', 'enforce'),
      rule('zip', 'zip_required', 'monitor'),
      rule('known', 'number_known', 'monitor'),
    ],
  }
  const { proposal } = (await call(asOperator, 'POST', '/api/policy/proposals', {
    summary: 'Demo: require the PIN and the account number; watch ZIP and unknown numbers',
    policy,
  })) as { proposal: { id: string } }
  await call(asAdmin, 'POST', `/api/policy/proposals/${proposal.id}`, { decision: 'approve', comment: 'demo set-up' })
  log(
    `port-out policy approved through the queue: PIN and account number required (enforced), ZIP and known numbers monitored; proposed by ${operator.email}`,
  )
}

async function signIn(user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify(user),
  })
  if (!res.ok) throw new Error(`demo set-up: signing in as ${user.email} failed (${res.status})`)
  return res.headers.get('set-cookie')?.split(';')[0] ?? ''
}

async function call(cookie: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { Cookie: cookie, Origin: base, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`demo set-up: ${method} ${route} answered ${res.status}: ${(await res.text()).slice(0, 200)}`)
  return res.json()
}

/** The first subscription check (the hourly job would do it later): the Subscriptions page and the overview show the result. */
async function checkSubscriptions(): Promise<string> {
  const cookie = await signIn(admin)
  const res = await fetch(`${base}/api/bandwidth/subscriptions`, { headers: { Cookie: cookie } })
  const body = (await res.json()) as { items?: { healthy: boolean }[]; reason?: string }
  if (!body.items || body.reason) return `subscriptions not checked: ${body.reason ?? res.status}`
  return `subscriptions at the fake Bandwidth: ${body.items.length} checked, ${body.items.filter((i) => !i.healthy).length} need a look (open /bandwidth/subscriptions)`
}

/** Signs in like the browser and counts the orders on the overview; 0 until the simulator's first orders land. */
async function waitForTraffic(): Promise<number> {
  const deadline = Date.now() + CHECK_TIMEOUT_MS
  const cookie = await signIn(admin)
  while (Date.now() < deadline && !stopping) {
    const res = await fetch(`${base}/api/overview`, { headers: { Cookie: cookie } })
    if (res.status === 200) {
      const overview = (await res.json()) as { ordersByTypeAndStatus: { count: number }[] }
      const orders = overview.ordersByTypeAndStatus.reduce((n, g) => n + g.count, 0)
      if (orders > 0) return orders
    }
    await sleep(1_000)
  }
  return 0
}

function track(child: ChildProcess, name: string): ChildProcess {
  children.push(child)
  child.on('exit', (code, signal) => {
    if (stopping) return
    log(`the ${name} stopped (${signal ?? `exit ${code}`}); stopping the demo`)
    void stop(code ?? 1)
  })
  return child
}

async function stop(code: number) {
  if (stopping) return
  stopping = true
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null)
  for (const c of running) c.kill('SIGTERM')
  void fake.close()
  await Promise.race([Promise.all(running.map((c) => new Promise((r) => c.once('exit', r)))), sleep(10_000)])
  process.exit(code)
}

function log(line: string) {
  console.log(`[demo] ${line}`)
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}
