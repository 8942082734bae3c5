// The whole permission matrix: every API route file × anonymous and every role → the expected status.
// The routes come from the filesystem (app/api/**/route.ts and the methods each exports), so a new route
// cannot be forgotten: the first test fails until ROUTES below says what it needs.
// "allowed" statuses are what the route answers once past the permission check (some bodies are
// deliberately invalid, so a pass shows as 400/404/409 rather than changing anything).
import fs from 'node:fs'
import path from 'node:path'
import type { Role } from '../../lib/roles'
import { E2E_CREDENTIALS, E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { expect, test } from '../support/test'

type Probe = {
  /** The URL to call; default: the route with each [param] replaced by `no-such-<param>`. */
  path?: string
  body?: unknown
  /** Signs the caller out (logout): walked after every other route. */
  endsSession?: true
}
/** What a route needs, one line per route and method. */
type Access = Probe &
  (
    | /** A signed-in user with at least this role: anonymous → 401, a lower role → 403, else `allowed`. */
      { needs: Role; allowed: number; orApiToken?: true }
      /** Anyone, signed in or not: every caller gets `answers`. */
    | { needs: 'public'; answers: number }
    /** The Bandwidth receivers' own Basic auth: no session opens them (401); the pair gets `withPair`. */
    | { needs: 'webhook-basic'; pair: 'notifications' | 'portout'; withPair: number }
    /** A scheduler's secret (e.g. Vercel Cron): no session opens it, every caller without the secret gets `answers`. */
    | { needs: 'cron-secret'; answers: number }
    /** Benchmark baselines, only with PORTWATCH_BENCH_ROUTES=1 (unset in e2e): 404 for everyone. */
    | { needs: 'bench' }
  )

const ROUTES: Record<string, Access> = {
  'POST /api/auth/login': { needs: 'public', body: {}, answers: 400 },
  'POST /api/auth/logout': { needs: 'public', answers: 204, endsSession: true },
  'POST /api/auth/setup': { needs: 'public', body: { email: 'late@e2e.test', password: 'a-long-enough-password' }, answers: 409 },
  'GET /api/health': { needs: 'public', answers: 200 },
  'GET /api/bench/noop': { needs: 'bench' },
  'POST /api/bench/noop': { needs: 'bench' },
  'POST /api/webhooks/bandwidth/notifications': { needs: 'webhook-basic', pair: 'notifications', body: '<Notification/>', withPair: 400 },
  'POST /api/webhooks/bandwidth/portout-validation': { needs: 'webhook-basic', pair: 'portout', body: '<Nonsense/>', withPair: 200 },

  'GET /api/auth/me': { needs: 'viewer', allowed: 200 },
  'POST /api/auth/password': { needs: 'viewer', body: {}, allowed: 400 },
  'GET /api/orders': { needs: 'viewer', allowed: 200 },
  'GET /api/orders/[orderId]': { needs: 'viewer', path: '/api/orders/00000000-0000-0000-0000-000000000000', allowed: 404 },
  'GET /api/orders/[orderId]/notes': { needs: 'viewer', path: '/api/orders/00000000-0000-0000-0000-000000000000/notes', allowed: 404 },
  'POST /api/orders/[orderId]/notes': {
    needs: 'operator',
    path: '/api/orders/00000000-0000-0000-0000-000000000000/notes',
    body: { text: '' },
    allowed: 400,
  },
  'GET /api/orders/[orderId]/bandwidth': {
    needs: 'operator',
    path: '/api/orders/00000000-0000-0000-0000-000000000000/bandwidth',
    allowed: 404,
  },
  'GET /api/events': { needs: 'viewer', allowed: 200 },
  'GET /api/events/[notificationId]': { needs: 'viewer', allowed: 404 },
  'GET /api/reconciliation/runs': { needs: 'viewer', allowed: 200 },
  'POST /api/reconciliation/runs': { needs: 'operator', body: { from: 'not a date' }, allowed: 400 },
  'GET /api/reconciliation/runs/[runId]': { needs: 'viewer', allowed: 404 },
  'GET /api/deliveries': { needs: 'viewer', allowed: 200 },
  'GET /api/deliveries/[deliveryId]': { needs: 'viewer', allowed: 404 },
  'GET /api/numbers/[tn]': { needs: 'viewer', path: '/api/numbers/9195550100', allowed: 200 },
  'GET /api/overview': { needs: 'viewer', allowed: 200 },
  'GET /api/subscribers': { needs: 'viewer', allowed: 200 },
  'POST /api/subscribers': { needs: 'operator', orApiToken: true, body: { records: [] }, allowed: 400 },
  'POST /api/subscribers/lock': { needs: 'operator', body: { locked: true }, allowed: 400 },
  'POST /api/subscribers/import': { needs: 'operator', path: '/api/subscribers/import?commit=maybe', allowed: 400 },
  'POST /api/subscribers/reveal': { needs: 'operator', body: { telephoneNumber: 'not-a-number' }, allowed: 400 },
  'GET /api/policy/proposals': { needs: 'viewer', allowed: 200 },
  'POST /api/policy/proposals': { needs: 'operator', body: { summary: 'x' }, allowed: 400 },
  'POST /api/policy/proposals/[proposalId]': { needs: 'admin', body: { decision: 'approve', comment: 'ok' }, allowed: 404 },
  'GET /api/policy/proposals/[proposalId]/backtest': { needs: 'viewer', allowed: 404 },
  'POST /api/policy/proposals/[proposalId]/withdraw': { needs: 'operator', allowed: 404 },
  'POST /api/policy/backtest': { needs: 'operator', body: { policy: { rules: 'not a list' } }, allowed: 400 },
  'GET /api/portouts': { needs: 'viewer', allowed: 200 },
  'GET /api/portouts/[requestId]': { needs: 'viewer', allowed: 404 },
  'GET /api/portouts/[requestId]/evidence': { needs: 'viewer', allowed: 404 },
  // CPNI in clear: operators and admins only, each reveal audited.
  'POST /api/portouts/[requestId]/evidence': { needs: 'operator', allowed: 404 },
  'POST /api/portouts/[requestId]/reveal': { needs: 'operator', allowed: 404 },
  'GET /api/issues': { needs: 'viewer', allowed: 200 },
  'GET /api/issues/summary': { needs: 'viewer', allowed: 200 },
  'GET /api/issues/[issueId]': { needs: 'viewer', allowed: 404 },
  'POST /api/issues/[issueId]': { needs: 'operator', body: { action: 'acknowledge' }, allowed: 404 },
  'POST /api/issues/[issueId]/comments': { needs: 'operator', body: { text: 'on it' }, allowed: 404 },
  'GET /api/alerts': { needs: 'admin', allowed: 200 },
  'POST /api/alerts/channels': { needs: 'admin', body: { type: 'slack', name: 'x', webhookUrl: 'not a url' }, allowed: 400 },
  'PATCH /api/alerts/channels/[channelId]': { needs: 'admin', body: { enabled: false }, allowed: 404 },
  'DELETE /api/alerts/channels/[channelId]': { needs: 'admin', allowed: 404 },
  'POST /api/alerts/channels/[channelId]/test': { needs: 'admin', allowed: 404 },
  'GET /api/alerts/channels/[channelId]/deliveries': { needs: 'admin', allowed: 404 },
  'POST /api/alerts/rules': { needs: 'admin', body: { name: 'x', channelIds: [] }, allowed: 400 },
  'PUT /api/alerts/rules/[ruleId]': { needs: 'admin', body: { name: 'x', channelIds: ['no-such-channel'] }, allowed: 400 },
  'DELETE /api/alerts/rules/[ruleId]': { needs: 'admin', allowed: 404 },
  'GET /api/forwarding': { needs: 'admin', allowed: 200 },
  'GET /api/forwarding/schema': { needs: 'public', answers: 200 },
  'POST /api/forwarding/destinations': { needs: 'admin', body: { name: 'x', url: 'not a url', eventTypes: [] }, allowed: 400 },
  'PATCH /api/forwarding/destinations/[destinationId]': { needs: 'admin', body: { enabled: false }, allowed: 404 },
  'DELETE /api/forwarding/destinations/[destinationId]': { needs: 'admin', allowed: 404 },
  'POST /api/forwarding/destinations/[destinationId]/rotate-secret': { needs: 'admin', body: {}, allowed: 404 },
  'GET /api/forwarding/destinations/[destinationId]/deliveries': { needs: 'admin', allowed: 404 },
  'POST /api/forwarding/destinations/[destinationId]/replay': {
    needs: 'admin',
    body: { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' },
    allowed: 404,
  },
  'POST /api/forwarding/deliveries/[deliveryId]/replay': { needs: 'admin', allowed: 404 },
  'GET /api/users': { needs: 'admin', allowed: 200 },
  'POST /api/users': { needs: 'admin', body: { email: 'not-an-email' }, allowed: 400 },
  'PATCH /api/users/[userId]': { needs: 'admin', body: { role: 'viewer' }, allowed: 404 },
  'GET /api/audit': { needs: 'admin', allowed: 200 },
  'GET /api/settings': { needs: 'admin', allowed: 200 },
  'PATCH /api/settings': { needs: 'admin', body: { publicBaseUrl: 'not a url' }, allowed: 400 },
  'POST /api/settings/credentials/reveal': { needs: 'admin', allowed: 200 },
  // The e2e servers take their webhook credentials from the environment, so rotating is refused (409) after the check.
  'POST /api/settings/credentials/rotate': { needs: 'admin', allowed: 409 },
  'POST /api/settings/credentials/end-overlap': { needs: 'admin', allowed: 409 },
  'GET /api/settings/retention': { needs: 'admin', allowed: 200 },
  // Queues the purge job (202): it removes only what is older than the periods, which nothing in e2e is.
  'POST /api/settings/retention/purge': { needs: 'admin', allowed: 202 },
  'POST /api/subscribers/erase': { needs: 'admin', body: { telephoneNumber: 'not-a-number' }, allowed: 400 },
  'GET /api/settings/api-tokens': { needs: 'admin', allowed: 200 },
  'POST /api/settings/api-tokens': { needs: 'admin', body: { name: '' }, allowed: 400 },
  'POST /api/settings/api-tokens/[tokenId]/revoke': { needs: 'admin', allowed: 404 },
  'GET /api/jobs': { needs: 'admin', allowed: 200 },
  'GET /api/bandwidth/connection': { needs: 'admin', allowed: 200 },
  'PATCH /api/bandwidth/connection': { needs: 'admin', body: { accountId: 'not digits' }, allowed: 400 },
  // The e2e server has no Bandwidth configuration: the test answers "not configured" (200) without calling anyone.
  'POST /api/bandwidth/connection/test': { needs: 'admin', allowed: 200 },
  'GET /api/bandwidth/calls': { needs: 'admin', allowed: 200 },
  'GET /api/bandwidth/subscriptions': { needs: 'viewer', allowed: 200 },
  'POST /api/bandwidth/subscriptions': { needs: 'admin', body: { action: 'nonsense' }, allowed: 400 },
  'POST /api/jobs/[jobId]/retry': { needs: 'admin', allowed: 404 },
  // Prometheus scrapes with an API token of the metrics:read scope (e2e/api/metrics.spec.ts).
  // Which list decides the role (the audit log is admin's); an unknown list is a 404 for any signed-in user.
  'GET /api/exports/[list]': { needs: 'viewer', path: '/api/exports/orders?format=csv', allowed: 200 },
  'GET /api/metrics': { needs: 'admin', orApiToken: true, allowed: 200 },
  // Vercel Cron's bearer secret (CRON_SECRET); e2e/api/jobs.spec.ts calls it with the secret.
  'GET /api/cron/jobs': { needs: 'cron-secret', answers: 401 },
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
type Method = (typeof HTTP_METHODS)[number]

/** Every `METHOD /api/...` the app serves: each app/api/**\/route.ts and the HTTP methods it exports. */
function routesOnDisk(root = path.resolve(import.meta.dirname, '../..')): { key: string; file: string }[] {
  const apiDir = path.join(root, 'app/api')
  const files = fs
    .readdirSync(apiDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|[\\/])route\.(ts|tsx|js|mjs)$/.test(f))
    .sort()
  return files.flatMap((f) => {
    const file = path.join('app/api', f)
    const urlPath = `/api/${path
      .dirname(f)
      .split(path.sep)
      .filter((s) => s !== '.' && !/^\(.*\)$/.test(s))
      .join('/')}`.replace(/\/$/, '')
    const source = fs.readFileSync(path.join(root, file), 'utf8')
    const exported = new Set<string>()
    for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+|var\s+)([A-Z]+)\b/g)) exported.add(m[1])
    for (const m of source.matchAll(/export\s*\{([^}]*)\}/g))
      for (const part of m[1].split(','))
        exported.add(
          part
            .trim()
            .split(/\s+as\s+/)
            .pop()!
            .trim(),
        )
    return HTTP_METHODS.filter((method) => exported.has(method)).map((method) => ({ key: `${method} ${urlPath}`, file }))
  })
}

function probePath(key: string, access: Access): { method: Method; url: string } {
  const [method, route] = key.split(' ') as [Method, string]
  return { method, url: access.path ?? route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => `no-such-${name}`) }
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }
const CALLERS = ['anonymous', 'viewer', 'operator', 'admin'] as const
type Caller = (typeof CALLERS)[number]

function expectedFor(access: Access, caller: Caller): number {
  switch (access.needs) {
    case 'public':
    case 'cron-secret':
      return access.answers
    case 'webhook-basic':
      return 401
    case 'bench':
      return 404
    default:
      return caller === 'anonymous' ? 401 : RANK[caller] >= RANK[access.needs] ? access.allowed : 403
  }
}

test('every API route file is in the permission table, and the table names no route that is gone', () => {
  const onDisk = routesOnDisk()
  expect(onDisk.length, 'found no route files: is app/api where this spec looks?').toBeGreaterThan(20)
  const missing = onDisk.filter((r) => !(r.key in ROUTES))
  const keys = new Set(onDisk.map((r) => r.key))
  const gone = Object.keys(ROUTES).filter((k) => !keys.has(k))
  const problems = [
    ...(missing.length
      ? [
          'These routes are not in ROUTES (e2e/api/permissions.spec.ts). Add one line each, saying what the route needs:',
          ...missing.map((r) => `  '${r.key}': { needs: 'admin', allowed: 200 }, // ${r.file}`),
          "(needs: 'public' | 'viewer' | 'operator' | 'admin' | 'webhook-basic' | 'cron-secret' | 'bench', see the Access type; allowed: the status once past the check)",
        ]
      : []),
    ...gone.map((k) => `ROUTES in e2e/api/permissions.spec.ts has '${k}', but no app/api/**/route.ts exports it: remove that line`),
  ]
  expect(problems.join('\n')).toBe('')
})

test('every API route answers every role as the permission table says', async ({ signInAs, playwright, baseURL }) => {
  // Every route × every caller, one after another: about 50 s on a busy two-core machine, and growing with the table.
  test.setTimeout(180_000)
  const contexts = Object.fromEntries(await Promise.all(CALLERS.map(async (c) => [c, await signInAs(c)] as const)))
  const walk = Object.entries(ROUTES).sort(([, a], [, b]) => Number(Boolean(a.endsSession)) - Number(Boolean(b.endsSession)))
  const table: string[] = []
  for (const [key, access] of walk) {
    const { method, url } = probePath(key, access)
    for (const caller of CALLERS) {
      const expected = expectedFor(access, caller)
      const res = await contexts[caller].fetch(url, {
        method,
        data: access.body,
        headers: typeof access.body === 'string' ? { 'Content-Type': 'application/xml' } : undefined,
        failOnStatusCode: false,
      })
      table.push(`${key} as ${caller}: ${res.status()} (expected ${expected})`)
      expect(res.status(), `${method} ${url} as ${caller}: ${await res.text()}`).toBe(expected)
      if ((expected === 401 && access.needs !== 'webhook-basic') || expected === 403) expect((await res.json()).message).toBeTruthy()
    }
    if (access.needs === 'webhook-basic') {
      const { username, password } = access.pair === 'portout' ? E2E_PORTOUT_CREDENTIALS : E2E_CREDENTIALS
      const res = await contexts.anonymous.fetch(url, {
        method,
        data: access.body,
        headers: { 'Content-Type': 'application/xml', Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
        failOnStatusCode: false,
      })
      table.push(`${key} with its Basic-auth pair: ${res.status()} (expected ${access.withPair})`)
      expect(res.status(), `${method} ${url} with the ${access.pair} pair: ${await res.text()}`).toBe(access.withPair)
    }
    if ('orApiToken' in access && access.orApiToken) {
      // A machine with an unknown token (no cookie, no Origin, as a billing system calls it) is told why.
      const machine = await playwright.request.newContext({ baseURL })
      try {
        const res = await machine.fetch(url, {
          method,
          data: access.body,
          headers: { Authorization: 'Bearer pwt_not-a-real-token' },
          failOnStatusCode: false,
        })
        expect(res.status(), `${method} ${url} with an unknown API token: ${await res.text()}`).toBe(401)
        expect((await res.json()).message).toBe('unknown API token')
      } finally {
        await machine.dispose()
      }
    }
  }
  test.info().annotations.push({ type: 'matrix', description: table.join('\n') })
})

test('pages send anonymous visitors to the sign-in page; the receivers challenge with Basic auth', async ({ signInAs }) => {
  const anonymous = await signInAs('anonymous')
  for (const path of ['/', '/settings', '/users', '/audit', '/jobs', '/account']) {
    const res = await anonymous.get(path, { maxRedirects: 0, failOnStatusCode: false })
    expect([303, 307], path).toContain(res.status())
    expect(res.headers()['location'], path).toMatch(/\/login$/)
  }
  for (const [key, access] of Object.entries(ROUTES)) {
    if (access.needs !== 'webhook-basic') continue
    const { method, url } = probePath(key, access)
    const hook = await anonymous.fetch(url, {
      method,
      data: access.body,
      headers: { 'Content-Type': 'application/xml' },
      failOnStatusCode: false,
    })
    expect(hook.status(), key).toBe(401)
    expect(hook.headers()['www-authenticate'], key).toMatch(/^Basic /)
  }
})
