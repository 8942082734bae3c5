// Portwatch as a client of Bandwidth's API, against the fake Bandwidth over loopback, on both providers:
// connect (OAuth), the subscriptions' health with one missing and one pointing elsewhere, repair them in
// Chromium, the fake's webhooks reaching us with Bandwidth's manners, a credential rotation with the
// subscriptions moved to the new pair, and each fault (429 + Retry-After, 503s, HTML, empty bodies, slow
// answers, a wrong client secret, an account the credentials cannot reach) as a one-line reason.
import { SUBSCRIBABLE_ORDER_TYPES } from '../../lib/bandwidth/build-subscription-xml'
import { E2E_PORT_BASE } from '../../playwright.config'
import { startFakeBandwidth, type FakeBandwidth, type FakeClient, type FakeFaults } from '../../scripts/fake-bandwidth-server'
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
import type { Page } from '@playwright/test'
import { expect, test } from '../support/test'

const ADMIN = { email: 'admin@bandwidth.test', password: 'bandwidth-admin-password-01' }
const NOTIFICATIONS_PATH = '/api/webhooks/bandwidth/notifications'

test.describe.configure({ mode: 'serial' })

test.describe('Bandwidth API', () => {
  let server: Server | undefined
  let fake: FakeBandwidth | undefined
  let drop: ((keep?: boolean) => Promise<void>) | undefined
  let cookie = ''
  let base = ''
  const client: FakeClient = { clientId: 'e2e-client', clientSecret: 'e2e-client-secret', accountId: '9901234' }

  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
  }
  type Item = {
    orderType?: string
    eventType?: string
    subscriptionId?: string
    healthy: boolean
    problems: string[]
    pair?: string
    lastStatus?: string
  }
  const items = async (): Promise<Item[]> => {
    const r = await call('/api/bandwidth/subscriptions')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.reason, 'the list was read').toBeUndefined()
    return r.body.items
  }

  /** The sign-in form of this spec's own server (not the project's): absolute URLs. */
  const signInOwnServer = async (page: Page) => {
    await page.goto(`${base}/login`)
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByTestId('current-user')).toContainText(/./)
  }

  test.beforeAll(async ({}, testInfo) => {
    test.setTimeout(90_000)
    const provider = testInfo.project.name as Provider
    const port = E2E_PORT_BASE + (provider === 'sqlite' ? 60 : 61)
    expect(await answers(port), `port ${port} is already in use`).toBe(false)
    fake = await startFakeBandwidth({ clients: [client], tickMs: 0 })
    const database = await createDatabase(provider, 'bandwidth')
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
      BANDWIDTH_API_TIMEOUT_MS: '1500',
      // No BANDWIDTH_WEBHOOK_* pair: the generated one can be rotated.
    })
    await waitForHealth(server)
    cookie = await signInCookie(base, ADMIN.email, ADMIN.password)
  })

  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus && server) console.log(`server output:\n${server.output.slice(-40).join('')}`)
  })

  test.afterAll(async () => {
    await stopServer(server)
    await fake?.close()
    await drop?.()
  })

  test('connects with OAuth client credentials and logs the calls without a secret', async () => {
    const before = await call('/api/bandwidth/connection')
    // Configured from the environment; the hourly health job may already have made the first call at start.
    expect(before.body).toMatchObject({
      configured: true,
      mode: 'oauth',
      sources: { clientId: 'environment', clientSecret: 'environment' },
    })
    const tested = await call('/api/bandwidth/connection/test', { method: 'POST' })
    expect(tested.status).toBe(200)
    expect(tested.body).toMatchObject({ configured: true, connected: true, mode: 'oauth', accountId: client.accountId })
    expect(fake!.tokensIssued).toBe(1)
    const calls = await call('/api/bandwidth/calls')
    expect(calls.body.items[0]).toMatchObject({
      method: 'GET',
      path: `/api/accounts/${client.accountId}/subscriptions`,
      status: 200,
      trigger: 'connection.test',
    })
    expect(calls.body.items.some((c: { path: string }) => c.path === '/api/v1/oauth2/token')).toBe(true)
    const after = await call('/api/bandwidth/connection')
    expect(after.body.lastSuccessAt).toBeTruthy()
    expect(JSON.stringify([calls.body, after.body])).not.toContain(client.clientSecret)
  })

  test('the scheduled check at start opened an issue for each subscription Bandwidth does not have', async () => {
    // The fake starts with no subscription at all: the hourly check's first slot (at start) finds every one missing.
    await expect
      .poll(async () => ((await call('/api/issues?kind=subscription.unhealthy')).body.issues as { subjectKey: string }[]).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(0)
    const { body } = await call('/api/issues?kind=subscription.unhealthy')
    const subjects = (body.issues as { subjectKey: string; state: string }[]).map((i) => i.subjectKey)
    expect(subjects).toContain('subscription:portins')
    expect(subjects).toContain('subscription:MESSAGING_LOST')
  })

  test('lists the subscriptions with one missing and one pointing elsewhere, and an admin repairs them in Chromium', async ({ page }) => {
    const { body: revealed } = await call('/api/settings/credentials/reveal', { method: 'POST' })
    const pair = revealed.current as { username: string; password: string }
    const ours = `${base}${NOTIFICATIONS_PATH}`
    for (const orderType of SUBSCRIBABLE_ORDER_TYPES.filter((t) => t !== 'portins'))
      fake!.state.addSubscription({
        orderType,
        url: orderType === 'orders' ? 'https://old-dashboard.example.net/hooks/bandwidth' : ours,
        username: pair.username,
        password: pair.password,
        expiresAt: fake!.now() + 365 * 86_400_000,
      })
    fake!.state.addSubscription({
      eventType: 'MESSAGING_LOST',
      url: ours,
      username: pair.username,
      password: pair.password,
      expiresAt: fake!.now() + 365 * 86_400_000,
    })

    const listed = await items()
    expect(listed.find((i) => i.orderType === 'portins')).toEqual({ orderType: 'portins', healthy: false, problems: ['missing'] })
    expect(listed.find((i) => i.orderType === 'orders')).toMatchObject({ healthy: false, problems: ['url_mismatch'], pair: 'current' })
    expect(listed.filter((i) => i.healthy)).toHaveLength(listed.length - 2)

    // The overview shows them once checked.
    const overview = await call('/api/overview')
    expect(overview.body.subscriptions.items.map((i: Item) => i.orderType).sort()).toEqual(['orders', 'portins'])

    await signInOwnServer(page)
    await page.goto(`${base}/bandwidth/subscriptions`)
    const portins = page.locator('[data-testid="subscription-item"][data-target="portins"]')
    await expect(portins.getByTestId('subscription-health')).toContainText('missing')
    await portins.getByRole('button', { name: 'Create' }).click()
    await expect(page.getByRole('alertdialog')).toContainText('Create the portins subscription')
    await page.getByRole('button', { name: 'Confirm' }).click()
    await expect(page.getByText('Done: 1 change(s) accepted by Bandwidth.')).toBeVisible()
    await expect(portins.getByTestId('subscription-health')).toHaveText('healthy')

    const orders = page.locator('[data-testid="subscription-item"][data-target="orders"]')
    await expect(orders.getByTestId('subscription-health')).toContainText('points elsewhere')
    await orders.getByRole('button', { name: 'Repair' }).click()
    await page.getByRole('button', { name: 'Confirm' }).click()
    await expect(orders.getByTestId('subscription-health')).toHaveText('healthy')
    expect((await items()).every((i) => i.healthy)).toBe(true)
    // A full PUT: the URL and the pair were sent again.
    const repaired = [...fake!.state.subscriptions.values()].find((s) => s.orderType === 'orders')!
    expect(repaired).toMatchObject({ url: ours, username: pair.username, password: pair.password })

    const audit = await call('/api/audit?action=bandwidth.subscription.create')
    expect(JSON.stringify(audit.body)).toContain('portins')

    // A viewer sees the health and which pair each uses, not the webhook usernames; and may not fix anything.
    const viewer = { email: 'viewer@bandwidth.test', password: 'bandwidth-viewer-password-01' }
    expect((await call('/api/users', { method: 'POST', body: { ...viewer, role: 'viewer' } })).status).toBe(201)
    const viewerCookie = await signInCookie(base, viewer.email, viewer.password)
    const asViewer = await fetch(`${base}/api/bandwidth/subscriptions`, { headers: { Cookie: viewerCookie } })
    const seen = (await asViewer.json()) as { items: Item[]; currentUsername: string | null }
    expect(seen.items.every((i) => i.healthy && i.pair === 'current')).toBe(true)
    expect(seen.currentUsername).toBeNull()
    expect(JSON.stringify(seen)).not.toContain(pair.username)
    const refused = await fetch(`${base}/api/bandwidth/subscriptions`, {
      method: 'POST',
      headers: { Cookie: viewerCookie, Origin: base, 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'create-missing' }),
    })
    expect(refused.status).toBe(403)
  })

  test('the fake’s webhooks reach Portwatch with Bandwidth’s manners, and a rotation moves every subscription to the new pair', async () => {
    const order = fake!.state.createOrder('portins', fake!.now())
    await fake!.advance(0)
    const sent = fake!.webhooks.filter(
      (w) => w.subscriptionId === [...fake!.state.subscriptions.values()].find((s) => s.orderType === 'portins')!.subscriptionId,
    )
    expect(sent.at(-1)).toMatchObject({ status: 200, authenticated: true })
    expect((await call(`/api/orders/${order.orderId}`)).body.order).toMatchObject({ status: 'PENDING_DOCUMENTS' })

    // Let the webhook's outbox job finish first: on a loaded machine SQLite's rotation transaction has been seen
    // to time out (P1008, 1 s busy timeout) behind the runner's writes — a limit of the rotation, reported, not ours.
    for (let i = 0; i < 50; i++) {
      const { counts } = (await call('/api/jobs')).body as { counts: { pending: number; running: number } }
      if (counts.pending === 0 && counts.running === 0) break
      await new Promise((r) => setTimeout(r, 200))
    }
    const rotated = await call('/api/settings/credentials/rotate', { method: 'POST' })
    expect(rotated.status).toBe(200)
    const listed = await items()
    expect(listed.filter((i) => i.subscriptionId).every((i) => i.pair === 'previous' && i.healthy)).toBe(true)

    const moved = await call('/api/bandwidth/subscriptions', { method: 'POST', body: { action: 'move-to-current-credentials' } })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.results.length).toBe(listed.filter((i) => i.subscriptionId).length)
    expect(moved.body.items.every((i: Item) => i.pair === 'current' && i.healthy)).toBe(true)
    const newPair = rotated.body.current as { username: string; password: string }
    expect([...fake!.state.subscriptions.values()].every((s) => s.username === newPair.username && s.password === newPair.password)).toBe(
      true,
    )

    // The overlap can now end safely: the next change still arrives, with the new pair.
    expect((await call('/api/settings/credentials/end-overlap', { method: 'POST' })).status).toBe(200)
    await fake!.advance(3_600_000)
    expect(fake!.webhooks.at(-1)).toMatchObject({ status: 200, authenticated: true })
    expect((await call(`/api/orders/${order.orderId}`)).body.order).toMatchObject({ status: 'SUBMITTED' })
  })

  test('an operator adds a note in Chromium (it reaches Bandwidth, is audited and shows on the timeline); refresh shows what we missed', async ({
    page,
  }) => {
    const order = fake!.state.createOrder('portins', fake!.now())
    await fake!.advance(0)
    expect((await call(`/api/orders/${order.orderId}`)).status).toBe(200)
    // The next state's webhook is lost: Bandwidth's history has it, we do not.
    fake!.faults.dropShare = 1
    await fake!.advance(3_600_000)
    delete fake!.faults.dropShare

    const tooLong = await call(`/api/orders/${order.orderId}/notes`, { method: 'POST', body: { text: 'x'.repeat(501) } })
    expect(tooLong.status).toBe(400)
    expect(tooLong.body.message).toBe('text: a note is at most 500 characters')
    expect((await call(`/api/orders/${order.orderId}/notes`)).body).toEqual({ items: [] })

    await signInOwnServer(page)
    await page.goto(`${base}/orders/${order.orderId}`)
    await page.getByLabel('Note to Bandwidth').fill('Customer confirms PIN 0123; please resubmit.')
    await page.getByRole('button', { name: 'Add note' }).click()
    await expect(page.getByText('Note sent to Bandwidth.')).toBeVisible()
    await expect(page.getByTestId('timeline-bandwidth-note')).toContainText('Customer confirms PIN 0123; please resubmit.')
    expect(fake!.state.orders.get(order.orderId)!.notes).toMatchObject([
      { userId: client.clientId, description: 'Customer confirms PIN 0123; please resubmit.' },
    ])
    const audit = await call('/api/audit?action=order.note.add')
    expect(JSON.stringify(audit.body)).toContain(order.orderId)

    await page.getByRole('button', { name: 'Refresh from Bandwidth' }).click()
    await expect(page.getByTestId('bandwidth-status-comparison')).toContainText(
      'Bandwidth says SUBMITTED, we have PENDING_DOCUMENTS: they differ.',
    )
    await expect(page.getByTestId('bandwidth-missed-states')).toContainText('SUBMITTED')
  })

  test('a duplicate and a stray subscription can be deleted; an unknown action is refused', async () => {
    const { body: revealed } = await call('/api/settings/credentials/reveal', { method: 'POST' })
    const dup = fake!.state.addSubscription({
      orderType: 'disconnects',
      url: 'https://elsewhere.example.net/x',
      username: revealed.current.username,
      password: 'x',
      expiresAt: fake!.now() + 86_400_000,
    })
    const listed = await items()
    expect(listed.find((i) => i.subscriptionId === dup.subscriptionId)).toMatchObject({
      problems: ['url_mismatch', 'expiring', 'duplicate'],
    })
    const deleted = await call('/api/bandwidth/subscriptions', {
      method: 'POST',
      body: { action: 'delete', subscriptionId: dup.subscriptionId },
    })
    expect(deleted.status).toBe(200)
    expect(fake!.state.subscriptions.has(dup.subscriptionId)).toBe(false)
    expect(
      (await call('/api/bandwidth/subscriptions', { method: 'POST', body: { action: 'delete', subscriptionId: 'no-such' } })).body,
    ).toMatchObject({
      message: 'Bandwidth has no subscription no-such for this account',
    })
    expect((await call('/api/bandwidth/subscriptions', { method: 'POST', body: { action: 'explode' } })).status).toBe(400)
  })

  test('each fault gives a one-line reason on the connection and in the call log, and nothing crashes', async () => {
    const test_ = () => call('/api/bandwidth/connection/test', { method: 'POST' })
    // 429 with Retry-After: waited for, then connected.
    Object.assign(fake!.faults, { rateLimit: 1, retryAfterS: 1 })
    const started = Date.now()
    expect((await test_()).body).toMatchObject({ connected: true })
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)

    const cases: [Record<string, number>, string][] = [
      [{ unavailable: 10 }, 'Bandwidth answered 503 (after 4 attempts)'],
      [{ htmlErrors: 10 }, 'Bandwidth answered 502 (an HTML error page) (after 4 attempts)'],
      [{ emptyBodies: 1 }, 'empty answer (200): empty body where a subscription list was expected'],
      [{ slowMs: 2500 }, 'no answer within 1.5 s (after 4 attempts)'],
    ]
    for (const [faults, reason] of cases) {
      for (const k of Object.keys(fake!.faults)) delete fake!.faults[k as keyof FakeFaults]
      Object.assign(fake!.faults, faults)
      const r = await test_()
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({ configured: true, connected: false, reason })
      // The subscriptions page says the same and keeps the last known items.
      const subs = await call('/api/bandwidth/subscriptions')
      expect(subs.status).toBe(200)
    }
    for (const k of Object.keys(fake!.faults)) delete fake!.faults[k as keyof FakeFaults]
    const failed = await call('/api/bandwidth/calls?outcome=failed')
    const reasons = failed.body.items.map((c: { reason: string }) => c.reason)
    expect(reasons).toContain('Bandwidth answered 503')
    expect(reasons).toContain('no answer within 1.5 s')
    expect(reasons.every((r: string) => !r.includes('\n'))).toBe(true)

    // The client secret rotated at Bandwidth (ours is now wrong).
    const secret = client.clientSecret
    client.clientSecret = 'rotated-at-bandwidth'
    fake!.revokeTokens()
    expect((await test_()).body).toMatchObject({
      connected: false,
      reason: 'token request refused (401): check BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET',
    })
    client.clientSecret = secret

    // The credentials belong to another account.
    client.accountId = '1111111'
    fake!.revokeTokens()
    const mismatch = await test_()
    expect(mismatch.body.reason).toMatch(/^account 9901234 is not reachable with these credentials \(403\): check BANDWIDTH_ACCOUNT_ID/)
    client.accountId = '9901234'
    fake!.revokeTokens()
    expect((await test_()).body).toMatchObject({ connected: true })

    // A dropped share of webhooks: none arrives, and Bandwidth never retries.
    const before = fake!.webhooks.length
    fake!.faults.dropShare = 1
    fake!.state.createOrder('portins', fake!.now())
    await fake!.advance(0)
    expect(fake!.webhooks.length).toBe(before)
    expect(server!.output.join('')).not.toMatch(/TypeError|Unhandled/)
  })
})
