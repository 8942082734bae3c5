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
import { buildOrderNotificationXml } from '../lib/bandwidth/build-notification-xml'
import { SUBSCRIBABLE_ORDER_TYPES } from '../lib/bandwidth/build-subscription-xml'
import { DEFAULT_STUCK_HOURS } from '../lib/orders/detect-stuck'
import { FAKE_DEFAULT_CLIENT, startFakeBandwidth } from './fake-bandwidth-server'

const ROOT = path.resolve(import.meta.dirname, '..')
const { values } = parseArgs({ options: { port: { type: 'string' }, check: { type: 'boolean', default: false } } })
const port = values.port ?? process.env.PORT ?? '3000'
const base = `http://127.0.0.1:${port}`
const databaseFile = path.resolve(ROOT, process.env.PORTWATCH_DEMO_DATABASE ?? 'data/demo.db')
const CHECK_TIMEOUT_MS = 60_000
/** The simulator's clock: an hour of simulated time a second. Stuck thresholds are scaled to it. */
const SIMULATED_SPEED = 3600
/** The simulator numbers its port-out and order numbers 919-555-0000 upwards: the records cover the first rounds. */
const SUBSCRIBER_RECORDS = 400

// Fresh each time: the demo shows what the simulator sends from an empty start.
fs.mkdirSync(path.dirname(databaseFile), { recursive: true })
const existed = fs.existsSync(databaseFile)
for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true })
log(
  `${existed ? 'recreated' : 'created'} the demo database ${path.relative(process.cwd(), databaseFile) || databaseFile} (deleted on every demo start; your ./data/portwatch.db is not touched)`,
)

// Throwaway secrets for this demo only; the admin's are printed because a newcomer has to sign in.
const admin = { email: 'demo@portwatch.local', password: `demo-${randomBytes(6).toString('hex')}` }
// A second admin (so a proposal can be approved by someone other than its proposer) and a viewer (CPNI masked, no buttons).
const secondAdmin = { email: 'demo-admin2@portwatch.local', password: `demo-${randomBytes(6).toString('hex')}` }
const viewer = { email: 'demo-viewer@portwatch.local', password: `demo-${randomBytes(6).toString('hex')}` }
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
    await seedDemoPeople()
    await seedSubscriberRecords()
    await setDemoStuckThresholds()
    await sendLingeringOrders()
    await sendBadDeliveries()
  } catch (error) {
    log(error instanceof Error ? error.message : String(error))
    await stop(1)
  }
}
log(`Portwatch is up: open http://localhost:${port} and sign in as ${admin.email} / ${admin.password}`)
log(`also: second admin ${secondAdmin.email} / ${secondAdmin.password}, viewer ${viewer.email} / ${viewer.password}`)
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
  const found = seen ? await checkWhatTheDemoShows().catch((error: unknown) => `check failed: ${String(error)}`) : ''
  log(
    !seen
      ? `check failed: no simulated orders on the overview within ${CHECK_TIMEOUT_MS / 1000} s`
      : found.startsWith('check failed')
        ? found
        : `check passed: the overview shows ${seen} simulated orders; ${found}`,
  )
  await stop(seen && !found.startsWith('check failed') ? 0 : 1)
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
      rule('active', 'number_active', 'enforce'),
      { ...rule('locked', 'locked_denied', 'enforce'), params: { code: '7518' } },
    ],
  }
  const { proposal } = (await call(asOperator, 'POST', '/api/policy/proposals', {
    summary: 'Demo: require the PIN and the account number, deny inactive and locked numbers; watch ZIP and unknown numbers',
    policy,
  })) as { proposal: { id: string } }
  await call(asAdmin, 'POST', `/api/policy/proposals/${proposal.id}`, { decision: 'approve', comment: 'demo set-up' })
  log(
    `port-out policy approved through the queue: PIN and account number required, inactive and locked numbers denied (enforced), ZIP and known numbers monitored; proposed by ${operator.email}`,
  )
}

async function seedDemoPeople(): Promise<void> {
  const asAdmin = await signIn(admin)
  await call(asAdmin, 'POST', '/api/users', { ...secondAdmin, role: 'admin' })
  await call(asAdmin, 'POST', '/api/users', { ...viewer, role: 'viewer' })
}

/**
 * Subscriber records for the simulator's first numbers, so port-out answers are decided against records: most
 * active, one in ten inactive (number_active denies), three locked (locked_denied denies), the rest unknown.
 */
async function seedSubscriberRecords(): Promise<void> {
  const asAdmin = await signIn(admin)
  const names = ['Oak City Dental Partners LLC', 'Queen City Bakery, Inc', 'Blue Ridge Outfitters', 'Triangle Legal Group']
  const zips = ['27609', '28202', '78701', '98101', '80202']
  const records = Array.from({ length: SUBSCRIBER_RECORDS }, (_, i) => ({
    telephoneNumber: `919555${String(i).padStart(4, '0')}`,
    accountNumber: `BAN-${String(77_310_000 + Math.floor(i / 4)).padStart(8, '0')}`,
    pin: String(1000 + ((i * 7919) % 9000)),
    zipCode: zips[i % zips.length],
    subscriberName: names[i % names.length],
    status: i % 10 === 9 ? 'inactive' : 'active',
    tags: i % 5 === 0 ? ['business'] : [],
  }))
  await call(asAdmin, 'POST', '/api/subscribers', { records })
  const locked = ['9195550003', '9195550011', '9195550024']
  for (const tn of locked)
    await call(asAdmin, 'POST', '/api/subscribers/lock', { telephoneNumber: tn, locked: true, reason: 'Demo: SIM-swap attempt reported' })
  log(
    `${records.length} subscriber records (+1 919-555-0000 to -${String(SUBSCRIBER_RECORDS - 1).padStart(4, '0')}; every tenth inactive), ${locked.length} locked: ${locked.join(', ')}`,
  )
}

/** Stuck thresholds for the simulated clock: a threshold of 120 simulated hours is 2 real minutes here (never under 2 minutes). */
async function setDemoStuckThresholds(): Promise<void> {
  const asAdmin = await signIn(admin)
  const stuckThresholdsHours = Object.fromEntries(
    Object.entries(DEFAULT_STUCK_HOURS).map(([type, hours]) => [type, Number(Math.max(hours / SIMULATED_SPEED, 2 / 60).toFixed(4))]),
  )
  await call(asAdmin, 'PATCH', '/api/settings', { stuckThresholdsHours })
  log(
    `stuck thresholds scaled to the simulated clock (1 s = 1 h): port-ins stuck after ${Math.round((stuckThresholdsHours.portins ?? 0) * 60)} real minutes`,
  )
}

/**
 * The simulator's orders pass EXCEPTION and REQUESTED_SUPP in seconds of real time; these stay there (nothing
 * advances them), so the overview's "Needs attention" and the orders filters have something to find.
 */
async function sendLingeringOrders(): Promise<void> {
  const now = Date.now()
  const lingering = [
    { status: 'EXCEPTION', errorCode: '7513', message: 'PIN Invalid', numbers: ['9195550002'] },
    { status: 'EXCEPTION', errorCode: '5005', message: 'The telephone number is unavailable', numbers: ['9195550007', '9195550008'] },
    { status: 'REQUESTED_SUPP', message: 'Losing carrier asks for a SUPP: the account number does not match', numbers: ['9195550015'] },
  ]
  for (const [i, o] of lingering.entries()) {
    const orderId = `demo-lingering-${i + 1}-${randomBytes(3).toString('hex')}`
    for (const [j, status] of ['PENDING_DOCUMENTS', 'SUBMITTED', o.status].entries()) {
      const last = status === o.status
      await postWebhook(
        buildOrderNotificationXml({
          orderId,
          orderType: 'portins',
          status,
          numbers: o.numbers,
          customerOrderId: `DEMO-PORT-${i + 1}`,
          message: last ? (o.errorCode ? `${o.errorCode}: ${o.message}` : o.message) : undefined,
          lastModifiedDate: new Date(now - (3 - j) * 3_600_000).toISOString(),
        }),
      )
    }
  }
  log(`${lingering.length} port-ins left in EXCEPTION and REQUESTED_SUPP (nothing advances them): see the overview's Needs attention`)
}

/** A few deliveries Bandwidth would never send but a misconfigured proxy might: the Deliveries page shows them refused, with the reason. */
async function sendBadDeliveries(): Promise<void> {
  const bad = [
    '<Notification>\n  <OrderType>portins</OrderType>\n  <Status>FOC</Stat>\n</Notification>',
    '<Notification><OrderType>portins</OrderType><Status>FOC</Status></Notification>',
    '<PortOutValidationRequest><PON>misrouted</PON></PortOutValidationRequest>',
  ]
  const statuses = []
  for (const body of bad) statuses.push(await postWebhook(body))
  log(`${bad.length} bad deliveries sent (answered ${statuses.join(', ')}): see /deliveries?outcome=rejected`)
}

/** POST one body to the notifications receiver as Bandwidth does (Basic auth); its status. */
async function postWebhook(body: string): Promise<number> {
  const res = await fetch(callbackUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      Authorization: `Basic ${Buffer.from(`${webhook.username}:${webhook.password}`).toString('base64')}`,
    },
    body,
  })
  return res.status
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

/** What a newcomer should find: orders needing attention with their reason, refused deliveries, records deciding answers, both extra users. */
async function checkWhatTheDemoShows(): Promise<string> {
  const asAdmin = await signIn(admin)
  const overview = (await call(asAdmin, 'GET', '/api/overview')) as {
    attention: { count: number; orders: { status: string | null; reason: { message: string } | null }[] }
  }
  const lingering = overview.attention.orders.filter((o) => o.status === 'EXCEPTION' || o.status === 'REQUESTED_SUPP')
  if (lingering.length < 3) throw new Error(`only ${lingering.length} orders in EXCEPTION or REQUESTED_SUPP on the overview`)
  const rejected = (await call(asAdmin, 'GET', '/api/deliveries?outcome=rejected&limit=50')) as { deliveries: unknown[] }
  const records = (await call(asAdmin, 'GET', '/api/subscribers?limit=200')) as { records: unknown[]; nextCursor: string | null }
  const asViewer = await signIn(viewer)
  const seenByViewer = (await call(asViewer, 'GET', '/api/numbers/9195550003')) as {
    portoutLock: { record: { accountNumber: string } | null }
  }
  await signIn(secondAdmin)
  return [
    `${lingering.length} orders in EXCEPTION or REQUESTED_SUPP needing attention (${lingering.filter((o) => o.reason).length} with a reason)`,
    `${rejected.deliveries.length} rejected deliveries`,
    `${records.records.length}${records.nextCursor ? '+' : ''} subscriber records`,
    `the viewer sees account ${seenByViewer.portoutLock.record?.accountNumber ?? '(none)'}`,
    'the second admin signs in',
  ].join('; ')
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
