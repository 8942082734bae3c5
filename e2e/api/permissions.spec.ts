// The whole permission matrix: every JSON route × anonymous and every role → the expected status.
// "allowed" statuses are what the route answers once past the permission check (some bodies are
// deliberately invalid, so a pass shows as 400/404/409 rather than changing anything).
import type { Role } from '../../lib/auth/permissions'
import { expect, test } from '../support/test'

type Route = { method: 'GET' | 'POST' | 'PATCH'; path: string; body?: unknown; minimum: Role; allowed: number }

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/orders', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/orders/00000000-0000-0000-0000-000000000000', minimum: 'viewer', allowed: 404 },
  { method: 'GET', path: '/api/events', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/deliveries', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/numbers/9195550100', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/deliveries/no-such-delivery', minimum: 'viewer', allowed: 404 },
  { method: 'GET', path: '/api/overview', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/auth/me', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/subscribers', minimum: 'viewer', allowed: 200 },
  { method: 'POST', path: '/api/subscribers', body: { records: [] }, minimum: 'operator', allowed: 400 },
  { method: 'POST', path: '/api/subscribers/lock', body: { locked: true }, minimum: 'operator', allowed: 400 },
  { method: 'GET', path: '/api/policy/proposals', minimum: 'viewer', allowed: 200 },
  { method: 'POST', path: '/api/policy/proposals', body: { summary: 'x' }, minimum: 'operator', allowed: 400 },
  {
    method: 'POST',
    path: '/api/policy/proposals/no-such-proposal',
    body: { decision: 'approve', comment: 'ok' },
    minimum: 'admin',
    allowed: 404,
  },
  { method: 'GET', path: '/api/portouts', minimum: 'viewer', allowed: 200 },
  { method: 'GET', path: '/api/portouts/no-such-request', minimum: 'viewer', allowed: 404 },
  { method: 'POST', path: '/api/auth/password', body: {}, minimum: 'viewer', allowed: 400 },
  { method: 'GET', path: '/api/users', minimum: 'admin', allowed: 200 },
  { method: 'POST', path: '/api/users', body: { email: 'not-an-email' }, minimum: 'admin', allowed: 400 },
  { method: 'PATCH', path: '/api/users/no-such-user', body: { role: 'viewer' }, minimum: 'admin', allowed: 404 },
  { method: 'GET', path: '/api/audit', minimum: 'admin', allowed: 200 },
  { method: 'GET', path: '/api/settings', minimum: 'admin', allowed: 200 },
  { method: 'PATCH', path: '/api/settings', body: { publicBaseUrl: 'not a url' }, minimum: 'admin', allowed: 400 },
  { method: 'POST', path: '/api/settings/credentials/reveal', minimum: 'admin', allowed: 200 },
  // The e2e servers take their webhook credentials from the environment, so rotating is refused (409) after the check.
  { method: 'POST', path: '/api/settings/credentials/rotate', minimum: 'admin', allowed: 409 },
  { method: 'POST', path: '/api/settings/credentials/end-overlap', minimum: 'admin', allowed: 409 },
  { method: 'GET', path: '/api/settings/api-tokens', minimum: 'admin', allowed: 200 },
  { method: 'POST', path: '/api/settings/api-tokens', body: { name: '' }, minimum: 'admin', allowed: 400 },
  { method: 'POST', path: '/api/settings/api-tokens/no-such-token/revoke', minimum: 'admin', allowed: 404 },
]
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }
const CALLERS = ['anonymous', 'viewer', 'operator', 'admin'] as const

test('every API route answers every role as the permission table says', async ({ signInAs }) => {
  const contexts = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await signInAs(c)] as const)))
  const table: string[] = []
  for (const route of ROUTES) {
    for (const caller of CALLERS) {
      const expected = caller === 'anonymous' ? 401 : RANK[caller] >= RANK[route.minimum] ? route.allowed : 403
      const res = await contexts[caller].fetch(route.path, { method: route.method, data: route.body, failOnStatusCode: false })
      table.push(`${route.method} ${route.path} as ${caller}: ${res.status()} (expected ${expected})`)
      expect(res.status(), `${route.method} ${route.path} as ${caller}: ${await res.text()}`).toBe(expected)
      if (expected === 401 || expected === 403) expect((await res.json()).message).toBeTruthy()
    }
  }
  test.info().annotations.push({ type: 'matrix', description: table.join('\n') })
})

test('pages send anonymous visitors to the sign-in page; the receivers keep their own Basic auth', async ({ signInAs }) => {
  const anonymous = await signInAs('anonymous')
  for (const path of ['/', '/settings', '/users', '/audit', '/account']) {
    const res = await anonymous.get(path, { maxRedirects: 0, failOnStatusCode: false })
    expect([303, 307], path).toContain(res.status())
    expect(res.headers()['location'], path).toMatch(/\/login$/)
  }
  expect((await anonymous.get('/api/health')).status()).toBe(200)
  const hook = await anonymous.post('/api/webhooks/bandwidth/notifications', {
    data: '<Notification/>',
    headers: { 'Content-Type': 'application/xml' },
    failOnStatusCode: false,
  })
  expect(hook.status()).toBe(401)
  expect(hook.headers()['www-authenticate']).toMatch(/^Basic /)
})
