// API tokens through HTTP: an admin creates one (shown once), a billing system syncs subscriber records
// with it (all or nothing, bad input a 400), unknown and revoked tokens get a 401 with the reason, and the
// audit log tells the story without ever holding the token.
import type { APIRequestContext } from '@playwright/test'
import { expect, test } from '../support/test'

const TOKENS = '/api/settings/api-tokens'
type TokenDto = { id: string; name: string; prefix: string; scope: string; lastUsedAt: string | null; revokedAt: string | null }
type AuditEntry = { action: string; actorEmail: string | null; target: string | null }

/** What a billing system's HTTP client sends: no cookie, no Origin, just the Bearer header. */
function sync(machine: APIRequestContext, token: string, body: unknown) {
  return machine.post('/api/subscribers', { data: body, headers: { Authorization: `Bearer ${token}` }, failOnStatusCode: false })
}

async function auditSince(request: APIRequestContext, action: string): Promise<AuditEntry[]> {
  return (await (await request.get(`/api/audit?action=${encodeURIComponent(action)}&limit=50`)).json()).entries
}

test('a token created by an admin syncs subscriber records until it is revoked', async ({ request, playwright, baseURL }) => {
  const suffix = String(Date.now()).slice(-4)
  const numbers = [`984555${suffix.slice(0, 3)}1`, `984555${suffix.slice(0, 3)}2`]
  const machine = await playwright.request.newContext({ baseURL })
  try {
    const res = await request.post(TOKENS, { data: { name: `Billing sync ${suffix}` } })
    expect(res.status()).toBe(201)
    expect(res.headers()['cache-control']).toBe('no-store')
    const { token, apiToken } = (await res.json()) as { token: string; apiToken: TokenDto }
    expect(token).toMatch(/^pwt_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toMatchObject({
      name: `Billing sync ${suffix}`,
      scope: 'subscribers:sync',
      prefix: token.slice(0, 12),
      lastUsedAt: null,
      revokedAt: null,
    })

    // Shown once: the list has the prefix, never the token.
    const listText = await (await request.get(TOKENS)).text()
    expect(listText).toContain(apiToken.prefix)
    expect(listText).not.toContain(token)
    expect(listText).not.toContain(token.slice(12))

    // The sync stores the records; the PINs never come back.
    const records = numbers.map((n, i) => ({
      telephoneNumber: n,
      accountNumber: `BILL-${suffix}`,
      pin: `00${i}7`,
      zipCode: '27601',
      subscriberName: 'Capital Hardware',
      tags: ['synced'],
    }))
    const synced = await sync(machine, token, { records })
    expect(synced.status(), await synced.text()).toBe(200)
    expect(await synced.json()).toEqual({ count: 2, created: 2, updated: 0 })
    const stored = (await (await request.get(`/api/subscribers?q=BILL-${suffix}`)).json()).records
    expect(stored.map((r: { telephoneNumber: string; hasPin: boolean; tags: string[] }) => [r.telephoneNumber, r.hasPin, r.tags])).toEqual([
      [`+1${numbers[0]}`, true, ['synced']],
      [`+1${numbers[1]}`, true, ['synced']],
    ])
    // A second sync replaces: an update, not a duplicate.
    expect(await (await sync(machine, token, { records: [{ ...records[0], status: 'inactive' }] })).json()).toEqual({
      count: 1,
      created: 0,
      updated: 1,
    })
    const used = ((await (await request.get(TOKENS)).json()).tokens as TokenDto[]).find((t) => t.id === apiToken.id)!
    expect(used.lastUsedAt).not.toBeNull()

    // Bad input: a 400 with a one-line reason, and nothing of the batch is stored (all or nothing).
    const third = `984555${suffix.slice(0, 3)}3`
    const bad = await sync(machine, token, {
      records: [
        { ...records[0], telephoneNumber: third },
        { ...records[1], pin: '12' },
      ],
    })
    expect(bad.status()).toBe(400)
    expect(await bad.json()).toEqual({ error: 'bad_request', message: 'records.1.pin: PIN must be 4 to 10 digits' })
    const twice = await sync(machine, token, {
      records: [
        { ...records[0], telephoneNumber: third },
        { ...records[1], telephoneNumber: `+1${third}` },
      ],
    })
    expect(twice.status()).toBe(400)
    expect((await twice.json()).message).toBe(`records.1.telephoneNumber: +1${third} is already in records[0]`)
    expect((await sync(machine, token, { records: [] })).status()).toBe(400)
    const notJson = await machine.post('/api/subscribers', {
      data: 'telephone_number\n9195550100',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
      failOnStatusCode: false,
    })
    expect(notJson.status()).toBe(400)
    expect((await (await request.get(`/api/subscribers?q=${third}`)).json()).records).toEqual([])

    // Unknown, malformed: 401 with a one-line reason that never echoes what was sent.
    const unknown = await sync(machine, `pwt_${'A'.repeat(43)}`, { records })
    expect(unknown.status()).toBe(401)
    expect(await unknown.json()).toEqual({ error: 'unauthorized', message: 'unknown API token' })
    const basic = await machine.post('/api/subscribers', {
      data: { records },
      headers: { Authorization: `Basic ${Buffer.from(`x:${token}`).toString('base64')}` },
      failOnStatusCode: false,
    })
    expect(basic.status()).toBe(401)
    expect((await basic.json()).message).toBe('Authorization must be "Bearer <API token>"')
    // Without a Bearer header the route is the session route: no Origin → refused as cross-site, as before.
    const noToken = await machine.post('/api/subscribers', { data: { records }, failOnStatusCode: false })
    expect(noToken.status()).toBe(403)
    expect((await noToken.json()).message).toMatch(/^cross-site request refused/)

    // Revoked: the next call fails at once, and says why.
    const revoked = await request.post(`${TOKENS}/${apiToken.id}/revoke`)
    expect(revoked.status()).toBe(200)
    expect((await revoked.json()).apiToken.revokedAt).not.toBeNull()
    const refused = await sync(machine, token, { records })
    expect(refused.status()).toBe(401)
    expect(await refused.json()).toEqual({ error: 'unauthorized', message: `API token ${apiToken.prefix}… was revoked` })
    expect((await request.post(`${TOKENS}/${apiToken.id}/revoke`, { failOnStatusCode: false })).status()).toBe(409)

    // The audit log: created and revoked by the admin, the syncs and the refused use by the token.
    const target = `Billing sync ${suffix} (${apiToken.prefix}…)`
    const tokenEntries = (await auditSince(request, 'api-token.')).filter((e) => e.target === target)
    expect(tokenEntries.map((e) => [e.action, e.actorEmail])).toEqual([
      ['api-token.refused', `api-token:${apiToken.prefix}`],
      ['api-token.revoke', 'admin@e2e.test'],
      ['api-token.create', 'admin@e2e.test'],
    ])
    const syncs = (await auditSince(request, 'subscribers.upsert')).filter((e) => e.actorEmail === `api-token:${apiToken.prefix}`)
    expect(syncs.map((e) => e.target)).toEqual([`api token ${target}`, `api token ${target}`])
    // The actor filter finds what the token did (its prefix is mixed-case; user emails are lower-cased).
    const byToken = (await (await request.get(`/api/audit?actor=${encodeURIComponent(`api-token:${apiToken.prefix}`)}&limit=50`)).json())
      .entries as AuditEntry[]
    expect(byToken.map((e) => e.action).sort()).toEqual(['api-token.refused', 'subscribers.upsert', 'subscribers.upsert'])
    const auditText = await (await request.get('/api/audit?limit=200')).text()
    expect(auditText).not.toContain(token.slice(12))
  } finally {
    await machine.dispose()
  }
})

test('a token is only for the sync: it opens no other route', async ({ request, playwright, baseURL }) => {
  const { token, apiToken } = await (await request.post(TOKENS, { data: { name: 'Scope check' } })).json()
  const machine = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}`, Origin: baseURL! } })
  try {
    for (const [method, path] of [
      ['GET', '/api/subscribers'],
      ['GET', TOKENS],
      ['POST', '/api/subscribers/lock'],
      ['POST', `${TOKENS}/${apiToken.id}/revoke`],
    ] as const) {
      const res = await machine.fetch(path, { method, data: method === 'POST' ? {} : undefined, failOnStatusCode: false })
      expect(res.status(), `${method} ${path}`).toBe(401)
    }
  } finally {
    await machine.dispose()
    await request.post(`${TOKENS}/${apiToken.id}/revoke`)
  }
})
