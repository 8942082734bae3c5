// Every input is bounded (issue 11 §2), against the production server on both providers: bodies over
// a route's limit, bodies that trickle in, a NUL in a notification, malformed percent-escapes in a path,
// a notification of 40,000 numbers; and the security headers of pages and the API.
import { randomUUID } from 'node:crypto'
import { E2E_ADMIN } from '../../playwright.config'
import { trickleBody } from '../support/raw-http'
import { expect, test } from '../support/test'
import { basicAuth, NOTIFICATIONS_URL, orderXml, postNotification } from '../support/webhooks'

test.describe('request bodies', () => {
  test('a body over the limit of its route is a 413 with a one-line reason, sign-in, JSON and import alike', async ({
    request,
    signInAs,
  }) => {
    const anonymous = await signInAs('anonymous')
    const login = await anonymous.post('/api/auth/login', {
      data: { email: E2E_ADMIN.email, password: 'x'.repeat(5 * 1024) },
      failOnStatusCode: false,
    })
    expect(login.status()).toBe(413)
    expect(await login.json()).toEqual({ error: 'payload_too_large', message: 'body is larger than the 4096-byte limit' })
    const setup = await anonymous.post('/api/auth/setup', {
      data: { email: 'a@b.test', password: 'y'.repeat(8 * 1024) },
      failOnStatusCode: false,
    })
    expect(setup.status()).toBe(413)
    const user = await request.post('/api/users', {
      data: { email: `${randomUUID()}@e2e.test`, role: 'viewer', password: 'p'.repeat(100 * 1024) },
      failOnStatusCode: false,
    })
    expect(user.status()).toBe(413)
    expect((await user.json()).message).toBe('body is larger than the 65536-byte limit')
    const csv = 'telephone_number,account_number\n' + '+19195550101,ACC-1\n'.repeat(1_800_000) // ~34 MB
    const csvImport = await request.post('/api/subscribers/import?commit=false', {
      data: csv,
      headers: { 'Content-Type': 'text/csv' },
      failOnStatusCode: false,
    })
    expect(csvImport.status()).toBe(413)
    expect((await csvImport.json()).message).toBe('body is larger than the 33554432-byte limit')
    // Within the limits, the same routes still work.
    expect((await anonymous.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } })).status()).toBe(200)
  })

  test('a body that trickles in is answered 408 within the time bound, and the connection is closed', async ({ baseURL }) => {
    test.setTimeout(60_000)
    const port = Number(new URL(baseURL!).port)
    const json = { 'Content-Type': 'application/json', Origin: baseURL! }
    const [login, webhook, unauthenticated] = await Promise.all([
      trickleBody(port, '/api/auth/login', json),
      trickleBody(port, NOTIFICATIONS_URL, { 'Content-Type': 'application/xml', Authorization: basicAuth() }),
      // Answered (401) before the body is read: the unread rest is not waited for either.
      trickleBody(port, NOTIFICATIONS_URL, { 'Content-Type': 'application/xml' }),
    ])
    for (const [name, t] of [
      ['login', login],
      ['webhook', webhook],
    ] as const) {
      expect(t.status, name).toBe(408)
      expect(t.answeredAfterMs!, name).toBeGreaterThanOrEqual(9_500)
      expect(t.answeredAfterMs!, name).toBeLessThan(20_000)
      expect(t.closedAfterMs - t.answeredAfterMs!, `${name}: closed after the answer`).toBeLessThan(2_000)
    }
    expect(unauthenticated.status).toBe(401)
    expect(unauthenticated.closedAfterMs).toBeLessThan(5_000)
  })
})

test('a NUL character in a notification is a 400 (not XML), and the refused delivery is kept', async ({ request }) => {
  const { xml } = orderXml({ status: 'COMPLETE', note: 'before\u0000after' })
  const res = await postNotification(request, xml)
  expect(res.status()).toBe(400)
  expect(await res.text()).toMatch(/^400 body contains a NUL character \(byte \d+\): not XML\n$/)
  const kept = await (await request.get(`/api/deliveries/${res.headers()['x-portwatch-delivery']}`)).json()
  expect(kept).toMatchObject({ outcome: 'rejected', httpStatus: 400, bodyEncoding: 'base64' })
  expect(Buffer.from(kept.body, 'base64').toString('utf8')).toBe(xml)
})

test('a malformed percent-escape in a path is a 400 or a 404, never a 500', async ({ request }) => {
  for (const [path, status] of [
    ['/api/numbers/%', 400],
    ['/api/numbers/%zz', 400],
    ['/api/numbers/%E0%A4%A', 400],
    ['/api/orders/%', 404],
    ['/api/portouts/%25%', 404],
    ['/api/deliveries/%', 404],
  ] as const) {
    const res = await request.get(path, { failOnStatusCode: false })
    expect(res.status(), path).toBe(status)
    expect((await res.json()).message, path).toMatch(/not a telephone number|is not known/)
  }
  // The pages take such a path as the id it spells, like any unknown one.
  for (const path of ['/orders/%', '/numbers/%E0%A4%A', '/portouts/%']) {
    const res = await request.get(path, { failOnStatusCode: false })
    expect(res.status(), path).toBe(200)
  }
})

test('a notification of 40,000 numbers (2 MiB) is stored with every number indexed', async ({ request }) => {
  const tns = Array.from({ length: 40_000 }, (_, i) => `720${2_000_000 + i}`)
  const { orderId, xml } = orderXml({ type: 'orders', status: 'COMPLETE', tns })
  expect(Buffer.byteLength(xml)).toBeLessThan(2 * 1024 * 1024)
  const res = await postNotification(request, xml)
  expect(res.status(), await res.text()).toBe(200)
  for (const tn of [tns[0], tns[19_999], tns[39_999]]) {
    const history = await (await request.get(`/api/numbers/${tn}`)).json()
    expect(
      history.orders.map((o: { orderId: string }) => o.orderId),
      tn,
    ).toEqual([orderId])
  }
})

test.describe('security headers', () => {
  test('a page and an API route say: no framing, no sniffing, a referrer policy and a Content-Security-Policy', async ({ request }) => {
    for (const path of ['/', '/login', '/api/orders', '/api/health']) {
      const headers = (await request.get(path)).headers()
      expect(headers['x-frame-options'], path).toBe('DENY')
      expect(headers['x-content-type-options'], path).toBe('nosniff')
      expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
      expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/)
      expect(headers['strict-transport-security'], `${path} over plain HTTP`).toBeUndefined()
    }
    const page = (await request.get('/login')).headers()['content-security-policy']
    const nonce = /'nonce-([^']+)'/.exec(page)?.[1]
    expect(page).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/)
    // A fresh nonce per page view, and it is the one on the page's scripts.
    expect((await request.get('/login')).headers()['content-security-policy']).not.toContain(nonce)
    expect((await request.get('/api/orders')).headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'")
  })

  test('HSTS when the request came over HTTPS (the proxy says X-Forwarded-Proto: https)', async ({ request }) => {
    for (const path of ['/login', '/api/health']) {
      const headers = (await request.get(path, { headers: { 'X-Forwarded-Proto': 'https' } })).headers()
      expect(headers['strict-transport-security'], path).toBe('max-age=31536000')
    }
    expect((await request.get('/login', { headers: { 'X-Forwarded-Proto': 'https' } })).headers()['content-security-policy']).toMatch(
      /upgrade-insecure-requests/,
    )
  })
})
