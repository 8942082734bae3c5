// Nothing missed (issue 14), against the fake Bandwidth over loopback, on both providers: the fake runs order
// lifecycles (port-ins and port-outs) and sends their webhooks to our receiver, while it drops 20 %
// of them and everything during a one-hour simulated outage. After one reconciliation run every order's timeline
// holds exactly the fake's history (no gap, no duplicate); the dropped webhooks delivered late afterwards add
// nothing. The same with the fake answering 429 and 503 some of the time. Then an operator's backfill in Chromium:
// its progress and findings on /reconciliation, a link to an order, and the "recovered from Bandwidth" badge there.
import { E2E_PORT_BASE } from '../../playwright.config'
import { startFakeBandwidth, type FakeBandwidth, type FakeClient } from '../../scripts/fake-bandwidth-server'
import {
  answers,
  createDatabase,
  signInCookie,
  startServer,
  stopServer,
  waitForHealth,
  type Provider,
  type Server,
} from '../support/server'
import { expect, test } from '../support/test'

const ADMIN = { email: 'admin@reconcile.test', password: 'reconcile-admin-password-01' }
const PAIR = { username: 'reconcile-webhooks', password: 'reconcile-webhook-password-01' }
const HOUR = 3_600_000
// The types whose whole happy path the lifecycle table knows (a state lost in the middle is found from it); the fake's
// new-number orders begin with RECEIVED, which the table does not list, so a lost RECEIVED would go unseen.
const TYPES = ['portins', 'portouts'] as const

test.describe.configure({ mode: 'serial' })

test.describe('the reconciler', () => {
  let server: Server | undefined
  let fake: FakeBandwidth | undefined
  let drop: (() => Promise<void>) | undefined
  let cookie = ''
  let base = ''
  const client: FakeClient = { clientId: 'reconcile-client', clientSecret: 'reconcile-client-secret', accountId: '9907777' }

  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }

  type Step = { status: string | null; sortAt: string; source: string; recovered: { runId: string } | null }
  const timelineOf = async (orderId: string): Promise<Step[]> => {
    const r = await call(`/api/orders/${encodeURIComponent(orderId)}`)
    if (r.status === 404) return []
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body.timeline
  }
  /** The fake's history of the orders as [status, time], and ours, per order. */
  const compare = async (orderIds: string[]) => {
    const theirs = orderIds.map((id) =>
      fake!.state.orders.get(id)!.history.map((h) => [h.status.toUpperCase(), new Date(h.at).toISOString()]),
    )
    const ours = await Promise.all(orderIds.map(async (id) => (await timelineOf(id)).map((s) => [s.status, s.sortAt])))
    return { theirs, ours }
  }

  /** Order lifecycles while webhooks are dropped (20 %) and our endpoint is down for one simulated hour. */
  const runLifecycles = async (perType: number): Promise<string[]> => {
    const ids: string[] = []
    fake!.faults.dropShare = 0.2
    for (let wave = 0; wave < 2; wave++) {
      for (const type of TYPES) for (let i = 0; i < perType; i++) ids.push(fake!.state.createOrder(type, fake!.now()).orderId)
      await fake!.advance(0)
      for (let step = 0; step < 4; step++) {
        // The outage: the second and third half-hours of the second wave's lifecycles.
        fake!.faults.outage = wave === 1 && (step === 1 || step === 2)
        await fake!.advance(HOUR / 2)
      }
    }
    fake!.faults.outage = false
    // The second wave's port-ins complete three hours after they began.
    await fake!.advance(HOUR)
    fake!.faults.dropShare = 0
    return ids
  }

  const reconcileOnce = async () => {
    const started = await call('/api/reconciliation/runs', { method: 'POST' })
    expect(started.status, JSON.stringify(started.body)).toBe(202)
    const id = started.body.id as string
    await expect
      .poll(async () => (await call(`/api/reconciliation/runs/${id}`)).body.status, { timeout: 60_000, intervals: [250, 500, 1000] })
      .toBe('done')
    return (await call(`/api/reconciliation/runs/${id}`)).body
  }

  test.beforeAll(async ({}, testInfo) => {
    test.setTimeout(120_000)
    const provider = testInfo.project.name as Provider
    const port = E2E_PORT_BASE + (provider === 'sqlite' ? 90 : 91)
    expect(await answers(port), `port ${port} is already in use`).toBe(false)
    // The fake's clock runs sixteen hours behind ours (the tests move it on 13): the lifecycles below happen in the past, as real missed states do.
    fake = await startFakeBandwidth({ clients: [client], tickMs: 0, startAt: Date.now() - 16 * HOUR })
    const database = await createDatabase(provider, 'reconcile')
    drop = database.drop
    base = `http://127.0.0.1:${port}`
    server = startServer(port, database.url, {
      PORTWATCH_ADMIN_EMAIL: ADMIN.email,
      PORTWATCH_ADMIN_PASSWORD: ADMIN.password,
      PORTWATCH_PUBLIC_URL: base,
      BANDWIDTH_ACCOUNT_ID: client.accountId,
      BANDWIDTH_CLIENT_ID: client.clientId,
      BANDWIDTH_CLIENT_SECRET: client.clientSecret,
      BANDWIDTH_API_URL: fake.apiUrl,
      BANDWIDTH_TOKEN_URL: fake.tokenUrl,
      BANDWIDTH_API_RATE: '20',
      BANDWIDTH_WEBHOOK_USERNAME: PAIR.username,
      BANDWIDTH_WEBHOOK_PASSWORD: PAIR.password,
      // Runs here are started by the tests, one at a time; the schedule says "off".
      PORTWATCH_RECONCILE_INTERVAL_MINUTES: '0',
    })
    // A loaded shared machine can take longer than one health wait to start the server: one more before giving up.
    await waitForHealth(server).catch(() => waitForHealth(server!))
    cookie = await signInCookie(base, ADMIN.email, ADMIN.password)
    for (const orderType of TYPES)
      fake.state.addSubscription({
        orderType,
        url: `${base}/api/webhooks/bandwidth/notifications`,
        username: PAIR.username,
        password: PAIR.password,
        expiresAt: fake.now() + 365 * 24 * HOUR,
      })
  })

  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus && server) console.log(`server output:\n${server.output.slice(-40).join('')}`)
  })

  test.afterAll(async () => {
    await stopServer(server)
    await fake?.close()
    await drop?.()
  })

  test('after one run every timeline is exactly the fake’s history, and the dropped webhooks delivered late add nothing', async () => {
    test.setTimeout(120_000)
    const ids = await runLifecycles(3)
    expect(fake!.droppedWebhooks.length, 'the fake dropped webhooks').toBeGreaterThan(0)
    const before = await compare(ids)
    expect(before.ours, 'we are behind before the run').not.toEqual(before.theirs)

    const run = await reconcileOnce()
    const after = await compare(ids)
    expect(after.ours).toEqual(after.theirs)
    const missed = before.theirs.reduce((n, h, i) => n + h.length - before.ours[i].length, 0)
    expect(run).toMatchObject({ status: 'done', recovered: missed, errors: 0 })
    expect(run.findings.filter((f: { kind: string }) => f.kind === 'recovered')).toHaveLength(missed)
    // Each recovered entry says so, with its run.
    const steps = (await Promise.all(ids.map(timelineOf))).flat()
    const recovered = steps.filter((s) => s.source === 'reconciled')
    expect(recovered).toHaveLength(missed)
    expect(recovered.every((s) => s.recovered?.runId === run.id)).toBe(true)

    const late = await fake!.deliverDropped()
    expect(late).toBeGreaterThan(0)
    expect(fake!.webhooks.slice(-late).every((w) => w.status === 200)).toBe(true)
    expect((await compare(ids)).ours).toEqual(after.theirs)

    // The overview counts the missed notifications by subscription and day.
    const overview = await call('/api/overview')
    const counted = (overview.body.missedNotifications as { count: number }[]).reduce((n, g) => n + g.count, 0)
    expect(counted).toBe(missed)
  })

  test('the same with the fake answering 429 and 503 some of the time', async () => {
    test.setTimeout(120_000)
    const ids = await runLifecycles(2)
    const before = await compare(ids)
    expect(before.ours).not.toEqual(before.theirs)
    Object.assign(fake!.faults, { rateLimitShare: 0.06, unavailableShare: 0.06, retryAfterS: 0 })
    const apiCallsBefore = fake!.apiCalls
    const run = await reconcileOnce()
    Object.assign(fake!.faults, { rateLimitShare: 0, unavailableShare: 0 })
    const after = await compare(ids)
    expect(after.ours).toEqual(after.theirs)
    expect(run).toMatchObject({ status: 'done', errors: 0 })
    // Every attempt counts, retries included: the run made at least the three lists and two calls per order behind.
    expect(run.calls).toBeGreaterThanOrEqual(3 + 2 * run.behind)
    expect(fake!.apiCalls - apiCallsBefore).toBeGreaterThanOrEqual(run.calls)
    await fake!.deliverDropped()
    expect((await compare(ids)).ours).toEqual((await compare(ids)).theirs)
  })

  test('an operator backfills a past day in Chromium: progress, findings, and the badge on the order', async ({ page }) => {
    test.setTimeout(90_000)
    // Everything of these lifecycles is lost (our endpoint "down" the whole time).
    fake!.faults.outage = true
    const ids: string[] = []
    const fromDay = new Date(fake!.now()).toISOString().slice(0, 10)
    for (const type of TYPES) ids.push(fake!.state.createOrder(type, fake!.now()).orderId)
    await fake!.advance(3 * HOUR)
    fake!.faults.outage = false
    expect((await compare(ids)).ours.flat()).toEqual([])
    const toDay = new Date(fake!.now()).toISOString().slice(0, 10)

    await page.goto(`${base}/login`)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByTestId('current-user')).toContainText(/./)
    await page.goto(`${base}/reconciliation`)
    await expect(page.getByRole('heading', { name: 'Reconciliation' })).toBeVisible()
    await page.getByLabel('From (UTC day)').fill(fromDay)
    await page.getByLabel('To (UTC day)').fill(toDay)
    await page.getByRole('button', { name: 'Start backfill' }).click()
    await expect(page.getByText(`Backfill ${fromDay} … ${toDay} started.`)).toBeVisible()
    const row = page.getByTestId('run-row').first()
    await expect(row.getByRole('progressbar')).toBeVisible()
    await expect(row.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 })
    await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
    const expected = ids.reduce((n, id) => n + fake!.state.orders.get(id)!.history.length, 0)
    await expect(row.getByTestId('run-recovered')).toHaveText(String(expected))
    await expect(page.getByTestId('finding-row')).toHaveCount(expected)

    await page.getByTestId('finding-row').getByRole('link', { name: ids[0] }).first().click()
    await expect(page).toHaveURL(new RegExp(`/orders/${ids[0]}$`))
    const badges = page.getByTestId('step-recovered')
    await expect(badges).toHaveCount(fake!.state.orders.get(ids[0])!.history.length)
    await expect(badges.first()).toContainText('recovered from Bandwidth')
    await expect(badges.first().getByRole('link', { name: /^run / })).toBeVisible()
  })
})
