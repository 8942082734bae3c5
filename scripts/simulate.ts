// `npm run simulate -- --url <base> [options]`: behaves like Bandwidth towards a running Portwatch (the
// plan comes from the pure lib/simulator), then reads everything acknowledged back through the API.
// Exit 0 only when every acknowledged delivery is found again; `--help` lists the options.
import { parseArgs } from 'node:util'
import { planPortoutAttempts, planTraffic, PORTOUT_RETRY, type PlannedDelivery, type PlannedPortout } from '../lib/simulator/plan-traffic'

const HELP = `npm run simulate -- --url <base> [options]

Sends Bandwidth-like traffic to a running Portwatch: order lifecycles (port-ins, new numbers,
disconnects, E911, TN options), MESSAGING_LOST events and port-out validation requests; each
notification first without credentials, repeated with them after the 401 challenge. At the end it
reads every acknowledged delivery back through the API and prints a summary.

  --url <base>              Portwatch base URL; repeat it to alternate between instances (required)
  --orders <n>              orders per round (default 20)
  --events <n>              MESSAGING_LOST events per round (default orders/10, rounded up)
  --portouts <n>            port-out validation requests per round (default 3)
  --speed <x>               simulated time runs x times faster than real time (default 3600: an hour a second)
  --rate <n>                at most n requests per second (default 20)
  --duration <s|forever>    keep starting new rounds for s seconds, then stop sending (default: one round, to its end)
  --duplicates <p>          share of deliveries sent twice (default 0.05)
  --out-of-order <p>        share of order steps sent after the step that followed them (default 0.05)
  --seed <text>             random seed (default: random; printed, so a run can be repeated)
  --start <ISO date>        simulated start time (default 14 days ago, so a round's weeks of port-ins end
                            around now instead of in the future); with the same seed, byte-identical bodies
  --portout-timeout <s>     how long a port-out request waits for an answer before the retry (default 30)
  --username, --password    webhook pair (default BANDWIDTH_WEBHOOK_USERNAME / BANDWIDTH_WEBHOOK_PASSWORD)
  --portout-username, --portout-password
                            port-out responder pair (default BANDWIDTH_PORTOUT_USERNAME / _PASSWORD)
  --admin-email, --admin-password
                            a user who may read the API, for the read-back (default PORTWATCH_ADMIN_EMAIL / _PASSWORD)
  --no-verify               skip the read-back (then the exit code says nothing about storage)
  --json                    print the summary as JSON on stdout (progress goes to stderr)
  --quiet                   no progress lines

Exit code: 0 when everything acknowledged (200) was read back; 1 when something is missing, nothing
was acknowledged, or the read-back could not be done; 2 for bad options; 130 when interrupted.`

type Pair = { username: string; password: string }
type Acked = { delivery: PlannedDelivery; notificationId: string | null; outcome: string | null }
type PortoutResult = {
  pon: string
  attempts: number
  status: number | null
  portable: boolean | null
  codes: string[]
  requestId: string | null
}
type Job = { due: number; run: () => Promise<void> }

const NOTIFICATIONS = '/api/webhooks/bandwidth/notifications'
const PORTOUT = '/api/webhooks/bandwidth/portout-validation'
const MAX_IN_FLIGHT = 16
const REQUEST_TIMEOUT_MS = 30_000
/** A port-in takes up to about two weeks of simulated time: starting that far back keeps LastModifiedDate out of the future. */
const DEFAULT_START_AGO_MS = 14 * 24 * 3600_000

const options = readOptions()
const log = (line: string) => {
  if (!options.quiet) process.stderr.write(`[simulate] ${line}\n`)
}

const stats = {
  sent: 0,
  challenged: 0,
  challengeWithoutWwwAuthenticate: 0,
  byHttpStatus: {} as Record<string, number>,
  byOutcome: {} as Record<string, number>,
  unanswered: 0,
  duplicatesSent: 0,
  reorderedSent: 0,
}
const acked: Acked[] = []
const portoutResults: PortoutResult[] = []
const plannedOrders = new Map<string, { orderType: string; statuses: { at: number; status: string | undefined }[] }>()
let requestCount = 0
let interrupted = false

await main()

async function main() {
  const started = Date.now()
  log(
    `seed ${options.seed}; ${options.urls.join(', ')}; speed ×${options.speed}, ≤ ${options.rate} req/s${options.duration ? `, for ${options.duration === Infinity ? 'ever' : `${options.duration} s`}` : ''}`,
  )
  await checkReachable()
  const cookie = options.verify ? await signIn(options.urls[0]) : null
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130)
    interrupted = true
    log('interrupted: finishing the requests in flight (Ctrl+C again to quit at once)')
  })

  await runSchedule(started)

  const readBack = cookie ? await readBackEverything(cookie) : null
  const summary = buildSummary(Date.now() - started, readBack)
  if (options.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
  else printSummary(summary)
  process.exit(interrupted ? 130 : summary.ok ? 0 : 1)
}

/** A wrong --url would otherwise only show after a whole round of unanswered requests (minutes at the default speed). */
async function checkReachable() {
  for (const url of options.urls) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
      await res.arrayBuffer()
    } catch (error) {
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)
      console.error(`simulate: cannot reach ${url} (${cause}); is Portwatch running there?`)
      process.exit(1)
    }
  }
}

/** Releases the planned requests at their (compressed) time, at most `rate` a second and MAX_IN_FLIGHT at once. */
async function runSchedule(started: number) {
  const startAt = options.start
  const spreadMs = 24 * 3600_000
  const roundRealMs = spreadMs / options.speed
  const queue: Job[] = []
  const inFlight = new Set<Promise<void>>()
  let round = 0
  let numberOffset = 0
  let lastSend = 0
  const deadline = options.duration ? started + options.duration * 1000 : Infinity

  const planRound = () => {
    // Each round is anchored to the real clock (its simulated start moves on with real time, not by a
    // simulated day), so a long --duration run keeps LastModifiedDate near now instead of racing ahead.
    const roundRealStart = Date.now()
    const roundStart = round === 0 ? startAt : startAt + (roundRealStart - started)
    const real = (simulatedAt: number) => roundRealStart + (simulatedAt - roundStart) / options.speed
    const plan = planTraffic({
      seed: `${options.seed}:${round}`,
      startAt: roundStart,
      orders: options.orders,
      events: options.events,
      portouts: options.portouts,
      duplicates: options.duplicates,
      outOfOrder: options.outOfOrder,
      spreadMs,
      numberOffset,
    })
    numberOffset += plan.numbersUsed
    for (const o of plan.orders)
      plannedOrders.set(o.orderId, { orderType: o.orderType, statuses: o.steps.map((s) => ({ at: s.at, status: s.fields.status })) })
    for (const d of plan.deliveries) queue.push({ due: real(d.at), run: () => sendNotification(d) })
    for (const p of plan.portouts) queue.push({ due: real(p.at), run: () => sendPortout(p, 0, queue, real) })
    queue.sort((a, b) => a.due - b.due)
    log(
      `round ${round + 1}: ${plan.orders.length} orders, ${plan.deliveries.length} notifications, ${plan.portouts.length} port-out requests`,
    )
    round++
  }
  planRound()

  while (!interrupted) {
    const now = Date.now()
    if (now >= deadline) break
    if (options.duration && now >= started + round * roundRealMs) planRound()
    if (queue.length === 0 && inFlight.size === 0 && !options.duration) break
    const next = queue[0]
    const wait = Math.max(next ? next.due - now : 200, lastSend + 1000 / options.rate - now, 0)
    if (!next || wait > 0 || inFlight.size >= MAX_IN_FLIGHT) {
      await Promise.race([sleep(Math.min(Math.max(wait, 5), 200)), ...inFlight])
      continue
    }
    queue.shift()
    lastSend = now
    const p: Promise<void> = next.run().finally(() => inFlight.delete(p))
    inFlight.add(p)
  }
  if (queue.length) log(`${queue.length} planned requests not sent (stopped)`)
  await Promise.all(inFlight)
}

/** Bandwidth's way: the body without credentials first; the repeat with them only after a 401 carrying WWW-Authenticate. */
async function sendNotification(d: PlannedDelivery) {
  stats.sent++
  if (d.duplicate) stats.duplicatesSent++
  if (d.reordered) stats.reorderedSent++
  try {
    const first = await post(NOTIFICATIONS, d.xml, null)
    if (first.status === 401) {
      if (!/^Basic\b/i.test(first.headers.get('www-authenticate') ?? '')) {
        stats.challengeWithoutWwwAuthenticate++
        count(stats.byHttpStatus, '401')
        return
      }
      stats.challenged++
      const second = await post(NOTIFICATIONS, d.xml, options.webhook)
      return record(d, second)
    }
    record(d, first)
  } catch {
    stats.unanswered++
  }
}

function record(d: PlannedDelivery, res: Response) {
  count(stats.byHttpStatus, String(res.status))
  if (res.status !== 200) return
  const outcome = res.headers.get('x-portwatch-outcome')
  if (outcome) count(stats.byOutcome, outcome)
  acked.push({ delivery: d, notificationId: res.headers.get('x-portwatch-notification'), outcome })
}

/** A port-out validation request; unanswered within the timeout → the identical body again 5 simulated minutes later, 8 times at most. */
async function sendPortout(p: PlannedPortout, attempt: number, queue: Job[], real: (at: number) => number) {
  let result = portoutResults.find((r) => r.pon === p.fields.pon)
  if (!result) portoutResults.push((result = { pon: p.fields.pon!, attempts: 0, status: null, portable: null, codes: [], requestId: null }))
  result.attempts++
  try {
    const res = await post(PORTOUT, p.xml, options.portout, options.portoutTimeoutMs)
    const xml = await res.text()
    result.status = res.status
    if (res.status !== 200) return
    result.portable = /<Portable>true<\/Portable>/.test(xml)
    result.codes = [...xml.matchAll(/<Code>([^<]*)<\/Code>/g)].map((m) => m[1])
    result.requestId = res.headers.get('x-portwatch-portout-request')
  } catch {
    const offsets = planPortoutAttempts()
    if (attempt + 1 >= offsets.length)
      return log(`port-out ${p.fields.pon}: no answer after ${offsets.length} attempts; Bandwidth would let the port proceed`)
    const due = real(p.at + offsets[attempt + 1])
    queue.push({ due, run: () => sendPortout(p, attempt + 1, queue, real) })
    queue.sort((a, b) => a.due - b.due)
  }
}

/** Round-robin over the URLs on every request, as a load balancer would: the challenge and its repeat may hit different instances. */
async function post(path: string, body: string, auth: Pair | null, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Response> {
  const base = options.urls[requestCount++ % options.urls.length]
  const headers: Record<string, string> = { 'Content-Type': 'application/xml; charset=utf-8' }
  if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
  const res = await fetch(`${base}${path}`, { method: 'POST', body, headers, signal: AbortSignal.timeout(timeoutMs) })
  if (path === NOTIFICATIONS) await res.arrayBuffer()
  return res
}

async function signIn(base: string): Promise<string | null> {
  try {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: base },
      body: JSON.stringify({ email: options.admin!.username, password: options.admin!.password }),
    })
    if (res.status !== 200) {
      log(`sign-in for the read-back answered ${res.status}`)
      return null
    }
    return res.headers.get('set-cookie')?.split(';')[0] ?? null
  } catch (error) {
    log(`sign-in for the read-back failed: ${(error as Error).message}`)
    return null
  }
}

type ReadBack = {
  ordersChecked: number
  notificationsChecked: number
  missing: string[]
  unexpectedTimelineEntries: number
  statusMismatches: string[]
  eventsChecked: number
  portoutsChecked: number
  error: string | null
}

/** Every 200 must be found again: order steps in their order's timeline, events in the feed, port-out answers in the log. */
async function readBackEverything(cookie: string): Promise<ReadBack> {
  const rb: ReadBack = {
    ordersChecked: 0,
    notificationsChecked: 0,
    missing: [],
    unexpectedTimelineEntries: 0,
    statusMismatches: [],
    eventsChecked: 0,
    portoutsChecked: 0,
    error: null,
  }
  let reads = 0
  const get = async (path: string) => {
    const base = options.urls[reads++ % options.urls.length]
    const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    if (res.status === 404) return null
    if (res.status !== 200) throw new Error(`GET ${base}${path} answered ${res.status}`)
    return res.json()
  }
  const byOrder = new Map<string, Acked[]>()
  const events: Acked[] = []
  for (const a of acked) {
    if (a.delivery.orderId) byOrder.set(a.delivery.orderId, [...(byOrder.get(a.delivery.orderId) ?? []), a])
    else events.push(a)
  }
  const tasks: (() => Promise<void>)[] = []
  for (const [orderId, steps] of byOrder) {
    tasks.push(async () => {
      const found = await get(`/api/orders/${orderId}`)
      rb.ordersChecked++
      const ids = new Set<string>((found?.timeline ?? []).map((s: { id: string }) => s.id))
      const expected = new Set(steps.map((s) => s.notificationId))
      for (const s of steps) {
        rb.notificationsChecked++
        if (!s.notificationId || !ids.has(s.notificationId)) rb.missing.push(`order ${orderId} step ${s.delivery.stepIndex}`)
      }
      for (const id of ids) if (!expected.has(id)) rb.unexpectedTimelineEntries++
      const want = expectedStatus(orderId, steps)
      if (found && want !== undefined && found.order.status !== want)
        rb.statusMismatches.push(`${orderId}: ${found.order.status} (expected ${want})`)
    })
  }
  for (const e of events) {
    tasks.push(async () => {
      const found = await get(`/api/events?kind=event&number=${e.delivery.numbers[0]}&limit=50`)
      rb.eventsChecked++
      rb.notificationsChecked++
      if (!found?.notifications.some((n: { id: string }) => n.id === e.notificationId))
        rb.missing.push(`event for ${e.delivery.numbers.join(',')}`)
    })
  }
  for (const r of portoutResults.filter((r) => r.status === 200)) {
    tasks.push(async () => {
      const found = r.requestId ? await get(`/api/portouts/${r.requestId}`) : null
      rb.portoutsChecked++
      if (!found || found.pon !== r.pon) rb.missing.push(`port-out ${r.pon}`)
    })
  }
  try {
    await runLimited(tasks, 4)
  } catch (error) {
    rb.error = (error as Error).message
  }
  return rb
}

/** The status of the newest acknowledged step that carries one: Portwatch orders by LastModifiedDate, not arrival. */
function expectedStatus(orderId: string, steps: Acked[]): string | undefined {
  const planned = plannedOrders.get(orderId)
  if (!planned) return undefined
  const withStatus = [...new Set(steps.map((s) => s.delivery.stepIndex))]
    .map((i) => planned.statuses[i])
    .filter((s) => s.status !== undefined)
  return withStatus.sort((a, b) => a.at - b.at).at(-1)?.status
}

function buildSummary(elapsedMs: number, readBack: ReadBack | null) {
  const finalStatus: Record<string, number> = {}
  const byType: Record<string, number> = {}
  const ackedOrders = new Map<string, Acked[]>()
  for (const a of acked) if (a.delivery.orderId) ackedOrders.set(a.delivery.orderId, [...(ackedOrders.get(a.delivery.orderId) ?? []), a])
  for (const [orderId, steps] of ackedOrders) {
    count(byType, plannedOrders.get(orderId)!.orderType)
    count(finalStatus, expectedStatus(orderId, steps) ?? '(notes only)')
  }
  const denied: Record<string, number> = {}
  for (const r of portoutResults) if (r.portable === false) for (const c of r.codes) count(denied, c)
  const acknowledged = acked.length
  const problems: string[] = []
  if (stats.sent > 0 && acknowledged === 0) problems.push('nothing was acknowledged')
  if (options.verify && !readBack) problems.push('the read-back could not sign in')
  if (readBack?.error) problems.push(`the read-back failed: ${readBack.error}`)
  if (readBack?.missing.length) problems.push(`${readBack.missing.length} acknowledged deliveries are missing`)
  return {
    ok: problems.length === 0,
    problems,
    seed: options.seed,
    urls: options.urls,
    elapsedMs,
    notifications: {
      sent: stats.sent,
      acknowledged,
      challenged: stats.challenged,
      challengeWithoutWwwAuthenticate: stats.challengeWithoutWwwAuthenticate,
      unanswered: stats.unanswered,
      byHttpStatus: stats.byHttpStatus,
      byOutcome: stats.byOutcome,
      duplicatesSent: stats.duplicatesSent,
      reorderedSent: stats.reorderedSent,
      events: acked.filter((a) => !a.delivery.orderId).length,
    },
    orders: { total: ackedOrders.size, ids: [...ackedOrders.keys()], byType, byFinalStatus: finalStatus },
    portouts: {
      sent: portoutResults.length,
      attempts: portoutResults.reduce((n, r) => n + r.attempts, 0),
      answered: portoutResults.filter((r) => r.status === 200).length,
      unanswered: portoutResults.filter((r) => r.status === null).length,
      portable: portoutResults.filter((r) => r.portable === true).length,
      denied: portoutResults.filter((r) => r.portable === false).length,
      deniedByCode: denied,
      byHttpStatus: portoutResults.reduce<Record<string, number>>((into, r) => (count(into, String(r.status ?? 'none')), into), {}),
    },
    readBack: readBack ? { ...readBack, missing: readBack.missing.slice(0, 20), missingCount: readBack.missing.length } : null,
  }
}

function printSummary(s: ReturnType<typeof buildSummary>) {
  const n = s.notifications
  const lines = [
    `Simulated Bandwidth traffic, seed ${s.seed}, ${(s.elapsedMs / 1000).toFixed(1)} s against ${s.urls.join(', ')}`,
    `  notifications: ${n.sent} sent, ${n.acknowledged} acknowledged (${fmt(n.byOutcome)}), ${n.challenged} challenged first, ${n.unanswered} unanswered`,
    `    HTTP status of the final answer: ${fmt(n.byHttpStatus)}${n.challengeWithoutWwwAuthenticate ? `; ${n.challengeWithoutWwwAuthenticate} 401s without WWW-Authenticate (Bandwidth gives up)` : ''}`,
    `    injected: ${n.duplicatesSent} duplicates, ${n.reorderedSent} out of order; ${n.events} MESSAGING_LOST events acknowledged`,
    `  orders: ${s.orders.total} (${fmt(s.orders.byType)})`,
    `    final status: ${fmt(s.orders.byFinalStatus)}`,
    `  port-out requests: ${s.portouts.sent} (${s.portouts.attempts} attempts), ${s.portouts.answered} answered: ${s.portouts.portable} portable, ${s.portouts.denied} denied${s.portouts.denied ? ` (${fmt(s.portouts.deniedByCode)})` : ''}, ${s.portouts.unanswered} never answered (HTTP ${fmt(s.portouts.byHttpStatus)})`,
    s.readBack
      ? `  read back: ${s.readBack.notificationsChecked} notifications in ${s.readBack.ordersChecked} orders and ${s.readBack.eventsChecked} events, ${s.readBack.portoutsChecked} port-out requests; ${s.readBack.missingCount} missing, ${s.readBack.unexpectedTimelineEntries} unexpected timeline entries, ${s.readBack.statusMismatches.length} status mismatches`
      : '  read back: skipped',
    ...(s.readBack?.missing.map((m) => `    missing: ${m}`) ?? []),
    s.ok ? 'OK' : `FAILED: ${s.problems.join('; ')}`,
  ]
  console.log(lines.join('\n'))
}

function readOptions() {
  let parsed
  try {
    parsed = parseArgs({
      options: {
        url: { type: 'string', multiple: true },
        orders: { type: 'string', default: '20' },
        events: { type: 'string' },
        portouts: { type: 'string', default: '3' },
        speed: { type: 'string', default: '3600' },
        rate: { type: 'string', default: '20' },
        duration: { type: 'string' },
        duplicates: { type: 'string', default: '0.05' },
        'out-of-order': { type: 'string', default: '0.05' },
        seed: { type: 'string' },
        start: { type: 'string' },
        'portout-timeout': { type: 'string', default: String(PORTOUT_RETRY.timeoutMs / 1000) },
        username: { type: 'string' },
        password: { type: 'string' },
        'portout-username': { type: 'string' },
        'portout-password': { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-password': { type: 'string' },
        'no-verify': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values
  } catch (error) {
    usage((error as Error).message)
  }
  if (parsed.help) {
    console.log(HELP)
    process.exit(0)
  }
  const env = process.env
  const urls = (parsed.url ?? []).map((u) => u.replace(/\/+$/, ''))
  if (urls.length === 0) usage('--url is required')
  const pair = (user: string | undefined, pass: string | undefined, what: string): Pair => {
    if (!user || !pass) usage(`the ${what} pair is missing (options or environment)`)
    return { username: user, password: pass }
  }
  const verify = !parsed['no-verify']
  const adminEmail = parsed['admin-email'] ?? env.PORTWATCH_ADMIN_EMAIL
  const adminPassword = parsed['admin-password'] ?? env.PORTWATCH_ADMIN_PASSWORD
  const orders = int(parsed.orders, 'orders')
  const start = parsed.start ? Date.parse(parsed.start) : Date.now() - DEFAULT_START_AGO_MS
  if (Number.isNaN(start)) usage('--start must be a date')
  return {
    urls,
    orders,
    events: parsed.events === undefined ? Math.ceil(orders / 10) : int(parsed.events, 'events'),
    portouts: int(parsed.portouts, 'portouts'),
    speed: positive(parsed.speed, 'speed'),
    rate: positive(parsed.rate, 'rate'),
    duration: parsed.duration === undefined ? 0 : parsed.duration === 'forever' ? Infinity : positive(parsed.duration, 'duration'),
    duplicates: share(parsed.duplicates, 'duplicates'),
    outOfOrder: share(parsed['out-of-order'], 'out-of-order'),
    seed: parsed.seed ?? Math.random().toString(36).slice(2, 10),
    start,
    portoutTimeoutMs: positive(parsed['portout-timeout'], 'portout-timeout') * 1000,
    webhook: pair(
      parsed.username ?? env.BANDWIDTH_WEBHOOK_USERNAME,
      parsed.password ?? env.BANDWIDTH_WEBHOOK_PASSWORD,
      'webhook (--username/--password)',
    ),
    portout: pair(
      parsed['portout-username'] ?? env.BANDWIDTH_PORTOUT_USERNAME,
      parsed['portout-password'] ?? env.BANDWIDTH_PORTOUT_PASSWORD,
      'port-out (--portout-username/--portout-password)',
    ),
    verify,
    admin: verify ? pair(adminEmail, adminPassword, 'read-back (--admin-email/--admin-password, or --no-verify)') : null,
    json: parsed.json,
    quiet: parsed.quiet,
  }
}

function usage(message: string): never {
  process.stderr.write(`simulate: ${message}\n\n${HELP}\n`)
  process.exit(2)
}

function int(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) usage(`--${name} must be a whole number ≥ 0`)
  return n
}

function positive(value: string, name: string): number {
  const n = Number(value)
  if (!(n > 0) || !Number.isFinite(n)) usage(`--${name} must be a number > 0`)
  return n
}

function share(value: string, name: string): number {
  const n = Number(value)
  if (!(n >= 0 && n <= 1)) usage(`--${name} must be between 0 and 1`)
  return n
}

function count(into: Record<string, number>, key: string) {
  into[key] = (into[key] ?? 0) + 1
}

function fmt(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1])
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'none'
}

async function runLimited(tasks: (() => Promise<void>)[], limit: number) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]()
    }),
  )
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms))
}
