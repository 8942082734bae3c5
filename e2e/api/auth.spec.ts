import { randomUUID } from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import { expect, PASSWORD, signIn, test } from '../support/test'

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@e2e.test`

async function createUser(request: APIRequestContext, role: 'viewer' | 'operator' | 'admin', email = uniqueEmail(role)) {
  const res = await request.post('/api/users', { data: { email, role, password: PASSWORD } })
  expect(res.status()).toBe(201)
  return { email, id: (await res.json()).user.id as string }
}

test.describe('sign-in', () => {
  test('does not tell whether an email exists', async ({ signInAs, request }) => {
    const { email } = await createUser(request, 'viewer')
    const anonymous = await signInAs('anonymous')
    const wrongPassword = await anonymous.post('/api/auth/login', {
      data: { email, password: 'wrong-password-123' },
      failOnStatusCode: false,
    })
    const noSuchUser = await anonymous.post('/api/auth/login', {
      data: { email: uniqueEmail('nobody'), password: 'wrong-password-123' },
      failOnStatusCode: false,
    })
    expect(wrongPassword.status()).toBe(401)
    expect(noSuchUser.status()).toBe(401)
    expect(await wrongPassword.json()).toEqual(await noSuchUser.json())
  })

  test('is rate-limited per account, even for the right password afterwards', async ({ signInAs, request }) => {
    const { email } = await createUser(request, 'viewer')
    const anonymous = await signInAs('anonymous')
    for (let i = 0; i < 5; i++) {
      expect(
        (await anonymous.post('/api/auth/login', { data: { email, password: `wrong-${i}-password` }, failOnStatusCode: false })).status(),
      ).toBe(401)
    }
    const blocked = await anonymous.post('/api/auth/login', { data: { email, password: PASSWORD }, failOnStatusCode: false })
    expect(blocked.status()).toBe(429)
    expect((await blocked.json()).message).toMatch(/too many failed sign-ins/)
    // Another account from the same address is not locked out by it.
    const other = await createUser(request, 'viewer')
    expect(
      (await anonymous.post('/api/auth/login', { data: { email: other.email, password: PASSWORD }, failOnStatusCode: false })).status(),
    ).toBe(200)
  })

  test('sets an httpOnly SameSite=Lax cookie, Secure behind HTTPS, and logout ends the session', async ({
    signInAs,
    playwright,
    baseURL,
  }) => {
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } })
    const res = await ctx.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } })
    const cookie = res.headers()['set-cookie']
    expect(cookie).toMatch(/^portwatch_session=[\w-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
    const https = await (
      await signInAs('anonymous')
    ).post('/api/auth/login', {
      data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
      // Behind a TLS-terminating proxy: the proxy says https, and the browser's page is an https:// one.
      headers: { 'X-Forwarded-Proto': 'https', Origin: baseURL!.replace(/^http:/, 'https:') },
    })
    expect(https.headers()['set-cookie']).toMatch(/; Secure/)

    expect((await ctx.get('/api/auth/me')).status()).toBe(200)
    expect((await ctx.post('/api/auth/logout')).status()).toBe(204)
    expect((await ctx.get('/api/auth/me', { failOnStatusCode: false })).status()).toBe(401)
    await ctx.dispose()
  })

  test('refuses state-changing requests from another site, or without an Origin', async ({ request, baseURL }) => {
    const evil = await request.post('/api/users', {
      data: { email: uniqueEmail('csrf'), role: 'admin', password: PASSWORD },
      headers: { Origin: 'https://evil.example' },
      failOnStatusCode: false,
    })
    expect(evil.status()).toBe(403)
    expect((await evil.json()).message).toMatch(/cross-site/)
    // Plain fetch sends no Origin at all.
    const login = await fetch(`${baseURL}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: E2E_ADMIN.email, password: E2E_ADMIN.password }),
    })
    expect(login.status).toBe(403)
    // Reads stay possible without an Origin (a link, a bookmark).
    expect((await request.get('/api/orders', { headers: { Origin: '' } })).status()).toBe(200)
  })
})

test.describe('sessions end when they must', () => {
  test('disabling a user ends their sessions and stops their sign-in', async ({ request, signInAs, playwright, baseURL }) => {
    const user = await createUser(request, 'operator')
    const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } })
    await signIn(ctx, user.email, PASSWORD)
    expect((await ctx.get('/api/auth/me')).status()).toBe(200)
    expect((await request.patch(`/api/users/${user.id}`, { data: { disabled: true } })).status()).toBe(200)
    expect((await ctx.get('/api/auth/me', { failOnStatusCode: false })).status()).toBe(401)
    const again = await (
      await signInAs('anonymous')
    ).post('/api/auth/login', { data: { email: user.email, password: PASSWORD }, failOnStatusCode: false })
    expect(again.status()).toBe(401)
    await ctx.dispose()
  })

  test('changing a password ends the other sessions and keeps this one', async ({ request, playwright, baseURL }) => {
    const user = await createUser(request, 'viewer')
    const [a, b] = await Promise.all([0, 1].map(() => playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } })))
    await signIn(a, user.email, PASSWORD)
    await signIn(b, user.email, PASSWORD)
    const change = await a.post('/api/auth/password', { data: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password-42' } })
    expect(change.status()).toBe(204)
    expect((await a.get('/api/auth/me')).status()).toBe(200)
    expect((await b.get('/api/auth/me', { failOnStatusCode: false })).status()).toBe(401)
    await signIn(b, user.email, 'a-brand-new-password-42')
    await Promise.all([a.dispose(), b.dispose()])
  })

  test('the last active admin cannot be demoted or disabled', async ({ request }) => {
    const users = (await (await request.get('/api/users')).json()).users as { id: string; email: string; role: string; disabled: boolean }[]
    // Make sure this run's server has exactly one active admin for the check: demote any other.
    const me = users.find((u) => u.email === E2E_ADMIN.email)!
    for (const u of users.filter((u) => u.role === 'admin' && !u.disabled && u.id !== me.id)) {
      expect((await request.patch(`/api/users/${u.id}`, { data: { role: 'viewer' } })).status()).toBe(200)
    }
    for (const change of [{ role: 'viewer' }, { disabled: true }]) {
      const res = await request.patch(`/api/users/${me.id}`, { data: change, failOnStatusCode: false })
      expect(res.status()).toBe(409)
      expect((await res.json()).message).toMatch(/last active admin/)
    }
  })
})

test('every change is in the audit log with before and after, secrets masked', async ({ request }) => {
  const user = await createUser(request, 'viewer')
  expect((await request.patch(`/api/users/${user.id}`, { data: { role: 'operator' } })).status()).toBe(200)
  expect((await request.patch(`/api/users/${user.id}`, { data: { password: 'reset-by-admin-password' } })).status()).toBe(200)
  expect((await request.patch('/api/settings', { data: { publicBaseUrl: 'https://portwatch.example.com' } })).status()).toBe(200)
  expect((await request.post('/api/settings/credentials/reveal')).status()).toBe(200)

  const log = (await (await request.get('/api/audit?limit=200')).json()).entries as {
    action: string
    target: string
    actorEmail: string
    before: unknown
    after: unknown
  }[]
  const created = log.find((e) => e.action === 'user.create' && e.target === user.email)
  expect(created).toMatchObject({ actorEmail: E2E_ADMIN.email, before: null, after: { email: user.email, role: 'viewer' } })
  const roleChange = log.find((e) => e.action === 'user.update' && e.target === user.email)
  expect(roleChange).toMatchObject({ before: { role: 'viewer' }, after: { role: 'operator' } })
  const reset = log.find((e) => e.action === 'user.password' && e.target === user.email)
  expect(reset?.after).toMatchObject({ password: '••••••' })
  expect(log.find((e) => e.action === 'settings.update')).toMatchObject({ after: { publicBaseUrl: 'https://portwatch.example.com' } })
  expect(log.find((e) => e.action === 'credentials.reveal')).toMatchObject({ actorEmail: E2E_ADMIN.email, target: 'notifications' })
  expect(JSON.stringify(log)).not.toMatch(/scrypt\$|reset-by-admin-password|e2e-webhook-password/)
  // Filters
  const filtered = (await (await request.get(`/api/audit?action=credentials&actor=${encodeURIComponent(E2E_ADMIN.email)}`)).json())
    .entries as { action: string }[]
  expect(filtered.length).toBeGreaterThan(0)
  expect(filtered.every((e) => e.action.startsWith('credentials'))).toBe(true)
  await request.patch('/api/settings', { data: { publicBaseUrl: '' } })
})
