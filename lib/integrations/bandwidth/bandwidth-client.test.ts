// The client against the fake Bandwidth over real HTTP on loopback (no mocks): OAuth caching and refresh,
// legacy Basic, Bandwidth's manners and every kind of bad answer, each a one-line reason.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildSubscriptionXml } from '@/lib/bandwidth/build-subscription-xml'
import { FAKE_DEFAULT_CLIENT, startFakeBandwidth, type FakeBandwidth } from '@/scripts/fake-bandwidth-server'
import { BandwidthClient, type BandwidthConfig, type ClientOptions } from './bandwidth-client'
import type { AttemptRecord } from './http-attempt'

let fake: FakeBandwidth

beforeAll(async () => {
  fake = await startFakeBandwidth({
    tickMs: 0,
    basicUsers: [{ username: 'legacy-user', password: 'legacy-pass', accountId: FAKE_DEFAULT_CLIENT.accountId }],
  })
})
afterAll(() => fake.close())
afterEach(() => {
  for (const k of Object.keys(fake.faults)) delete fake.faults[k as keyof typeof fake.faults]
  fake.state.subscriptions.clear()
})

function oauth(over: Partial<BandwidthConfig> = {}, auth: Partial<{ clientId: string; clientSecret: string }> = {}): BandwidthConfig {
  return {
    accountId: FAKE_DEFAULT_CLIENT.accountId,
    apiUrl: fake.apiUrl,
    tokenUrl: fake.tokenUrl,
    auth: { kind: 'oauth', clientId: FAKE_DEFAULT_CLIENT.clientId, clientSecret: FAKE_DEFAULT_CLIENT.clientSecret, ...auth },
    ...over,
  }
}

function client(config: BandwidthConfig, opts: ClientOptions = {}) {
  const log: AttemptRecord[] = []
  // A fast rate keeps the tests quick; the limiter test sets its own.
  const c = new BandwidthClient(config, { requestsPerSecond: 50, backoffMs: 20, onAttempt: (r) => log.push(r), ...opts })
  return { c, log }
}

describe('OAuth client credentials', () => {
  it('fetches one token, caches it, and shares one refresh among concurrent callers', async () => {
    const before = fake.tokensIssued
    const { c, log } = client(oauth())
    const results = await Promise.all(Array.from({ length: 5 }, () => c.listSubscriptions()))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(fake.tokensIssued - before).toBe(1)
    await c.listSubscriptions()
    expect(fake.tokensIssued - before).toBe(1)
    expect(log.filter((r) => r.path === '/api/v1/oauth2/token')).toHaveLength(1)
    // The log holds paths and outcomes, never a token or a secret.
    expect(JSON.stringify(log)).not.toContain(FAKE_DEFAULT_CLIENT.clientSecret)
  })

  it('refreshes shortly before expiry', async () => {
    const short = await startFakeBandwidth({ tickMs: 0, tokenLifetimeS: 2 })
    try {
      const { c } = client({ ...oauth(), apiUrl: short.apiUrl, tokenUrl: short.tokenUrl })
      expect((await c.listSubscriptions()).ok).toBe(true)
      expect(short.tokensIssued).toBe(1)
      // A 2 s token is refreshed a tenth of its life early: after 1.9 s the next call gets a new one.
      await new Promise((r) => setTimeout(r, 1900))
      expect((await c.listSubscriptions()).ok).toBe(true)
      expect(short.tokensIssued).toBe(2)
    } finally {
      await short.close()
    }
  })

  it('a 401 from the API refreshes the token once and retries once', async () => {
    const { c } = client(oauth())
    expect((await c.listSubscriptions()).ok).toBe(true)
    const before = fake.tokensIssued
    fake.revokeTokens()
    const r = await c.listSubscriptions()
    expect(r.ok).toBe(true)
    expect(fake.tokensIssued - before).toBe(1)
  })

  it('a wrong client secret gives the one-line reason naming the variables', async () => {
    const { c, log } = client(oauth({}, { clientSecret: 'wrong' }))
    const r = await c.listSubscriptions()
    expect(r).toEqual({
      ok: false,
      status: 401,
      reason: 'token request refused (401): check BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET',
    })
    expect(log).toMatchObject([{ method: 'POST', path: '/api/v1/oauth2/token', status: 401, ok: false }])
  })

  it('an account id the credentials cannot reach says so', async () => {
    const { c } = client(oauth({ accountId: '1234567' }))
    const r = await c.listSubscriptions()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/^account 1234567 is not reachable with these credentials \(403\): check BANDWIDTH_ACCOUNT_ID/)
  })

  it('a token URL that answers HTML or nothing is named', async () => {
    const { c } = client(oauth({ tokenUrl: `${fake.url}/nowhere` }))
    const r = await c.listSubscriptions()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toBe('token endpoint answered 404')
    const refused = client(oauth({ tokenUrl: 'http://127.0.0.1:10398/token' })).c
    const r2 = await refused.listSubscriptions()
    if (!r2.ok) expect(r2.reason).toBe('connection refused: check BANDWIDTH_API_URL / BANDWIDTH_TOKEN_URL')
  })
})

describe('legacy Basic', () => {
  it('sends the API user as Basic and never asks for a token', async () => {
    const before = fake.tokensIssued
    const { c } = client({ ...oauth(), auth: { kind: 'basic', username: 'legacy-user', password: 'legacy-pass' } })
    expect((await c.listSubscriptions()).ok).toBe(true)
    expect(fake.tokensIssued).toBe(before)
    expect(fake.requests.at(-1)).toMatchObject({ auth: 'basic' })
    const wrong = client({ ...oauth(), auth: { kind: 'basic', username: 'legacy-user', password: 'x' } }).c
    const r = await wrong.listSubscriptions()
    if (!r.ok) expect(r.reason).toMatch(/^Bandwidth refused the API user \(401\)/)
  })
})

describe('manners and faults', () => {
  it('honours Retry-After on a 429 and then succeeds', async () => {
    fake.faults.rateLimit = 1
    fake.faults.retryAfterS = 1
    const { c, log } = client(oauth())
    await c.listSubscriptions() // token first, outside the timing
    fake.faults.rateLimit = 1
    const started = Date.now()
    const r = await c.listSubscriptions()
    expect(r.ok).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(log.map((l) => l.status).slice(-2)).toEqual([429, 200])
  })

  it('backs off on 503s and gives up after the attempts with one line', async () => {
    const { c, log } = client(oauth(), { maxAttempts: 3 })
    fake.faults.unavailable = 2
    expect((await c.listSubscriptions()).ok).toBe(true)
    fake.faults.unavailable = 10
    const r = await c.listSubscriptions()
    expect(r).toEqual({ ok: false, status: 503, reason: 'Bandwidth answered 503 (after 3 attempts)' })
    expect(log.filter((l) => l.status === 503).length).toBe(5)
  })

  it('a Retry-After longer than we wait gives up with the reason', async () => {
    const { c } = client(oauth(), { maxRetryAfterMs: 1000 })
    fake.faults.rateLimit = 1
    fake.faults.retryAfterS = 120
    const r = await c.listSubscriptions()
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toBe('rate limited by Bandwidth (429); Bandwidth asks to wait 120 s: gave up')
  })

  it('an HTML error page, an empty body and a slow answer each give one line', async () => {
    const { c, log } = client(oauth(), { maxAttempts: 1, timeoutMs: 300 })
    fake.faults.htmlErrors = 1
    const html = await c.listSubscriptions()
    expect(html).toEqual({ ok: false, status: 502, reason: 'Bandwidth answered 502 (an HTML error page)' })
    fake.faults.emptyBodies = 1
    const empty = await c.listSubscriptions()
    expect(empty).toEqual({ ok: false, status: 200, reason: 'empty answer (200): empty body where a subscription list was expected' })
    fake.faults.slowMs = 800
    const slow = await c.listSubscriptions()
    expect(slow).toEqual({ ok: false, reason: 'no answer within 0.3 s' })
    for (const l of log.filter((x) => !x.ok)) expect(l.reason).not.toMatch(/\n/)
  })

  it('keeps at most 2 requests in flight per account and spaces their starts by the rate', async () => {
    const { c } = client(oauth(), { requestsPerSecond: 10 })
    await c.listSubscriptions()
    fake.peakInFlight = 0
    fake.faults.slowMs = 150
    const started = Date.now()
    const all = await Promise.all(Array.from({ length: 6 }, () => c.listSubscriptions()))
    expect(all.every((r) => r.ok)).toBe(true)
    expect(fake.peakInFlight).toBeLessThanOrEqual(2)
    // 6 calls, 2 at a time, 150 ms each: at least 3 rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(440)
  })
})

describe('subscriptions and orders', () => {
  it('creates (id from Location), reads, replaces and deletes a subscription; 409 for a duplicate', async () => {
    const { c } = client(oauth())
    const xml = buildSubscriptionXml({ orderType: 'portins' }, { url: 'http://127.0.0.1:9/n', username: 'u', password: 'p' })
    const created = await c.createSubscription(xml)
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const dup = await c.createSubscription(xml)
    expect(dup).toMatchObject({ ok: false, status: 409 })
    if (!dup.ok) expect(dup.reason).toBe('Bandwidth answered 409: 16008 Duplicate subscription')
    const list = await c.listSubscriptions()
    expect(list.ok && list.value.subscriptions.map((s) => s.subscriptionId)).toEqual([created.value.subscriptionId])
    expect((await c.updateSubscription(created.value.subscriptionId, xml.replace('/n<', '/m<'))).ok).toBe(true)
    expect(fake.state.subscriptions.get(created.value.subscriptionId)?.url).toBe('http://127.0.0.1:9/m')
    expect((await c.deleteSubscription(created.value.subscriptionId)).ok).toBe(true)
    const gone = await c.deleteSubscription(created.value.subscriptionId)
    if (!gone.ok) expect(gone.reason).toBe('not found (404): 16000 Subscription not found')
  })

  it('reads an order, its history and notes, adds a note, and follows Links/next across pages', async () => {
    const { c } = client(oauth())
    const orders = Array.from({ length: 5 }, () => fake.state.createOrder('portins', fake.now()))
    await fake.advance(2 * 3600_000)
    const o = orders[0]
    expect(await c.getOrder('/portins/{id}', o.orderId)).toMatchObject({ ok: true, value: { orderId: o.orderId, status: 'FOC' } })
    const h = await c.getOrderHistory('/portins/{id}', o.orderId)
    expect(h.ok && h.value.entries.map((e) => e.status)).toEqual(['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC'])
    expect(await c.getOrderNotes('/portins/{id}', o.orderId)).toMatchObject({ ok: true, value: [] })
    expect((await c.addOrderNote('/portins/{id}', o.orderId, { userId: 'ops', description: 'PIN 0123 confirmed' })).ok).toBe(true)
    const notes = await c.getOrderNotes('/portins/{id}', o.orderId)
    expect(notes.ok && notes.value[0].description).toBe('PIN 0123 confirmed')
    const today = new Date(fake.now()).toISOString().slice(0, 10)
    const all = await c.listOrders('/portins/status', { startdate: today, enddate: today, page: '1', size: '2' })
    expect(all.ok && all.value.map((x) => x.orderId).sort()).toEqual(orders.map((x) => x.orderId).sort())
    const missing = await c.getOrder('/portins/{id}', 'no-such-order')
    if (!missing.ok) expect(missing.reason).toBe('not found (404): 5005 The order was not found')
  })
})

describe('a server that is not Bandwidth', () => {
  let other: http.Server
  let url = ''
  beforeAll(async () => {
    other = http.createServer((req, res) => {
      if (req.url?.includes('token')) {
        res.writeHead(200, { 'Content-Type': 'text/html' })
        return res.end('<html><body>login</body></html>')
      }
      res.writeHead(200, { 'Content-Type': 'application/xml' })
      res.end('<Unexpected><Thing>1</Thing></Unexpected>')
    })
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()))
    url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((r) => other.close(() => r())))

  it('an HTML token answer and an unexpected XML shape each give one line', async () => {
    const html = client(oauth({ tokenUrl: `${url}/token` })).c
    const r = await html.listSubscriptions()
    if (!r.ok) expect(r.reason).toBe('token endpoint answered an HTML page instead of JSON (200): check BANDWIDTH_TOKEN_URL')
    const shape = client({ ...oauth(), apiUrl: `${url}/api`, auth: { kind: 'basic', username: 'a', password: 'b' } }).c
    const r2 = await shape.listSubscriptions()
    expect(r2).toEqual({
      ok: false,
      status: 200,
      reason: 'unexpected answer (200): expected a <SubscriptionsResponse> root element, got <Unexpected>',
    })
  })
})
