// The e2e `test`: its `request` is signed in as the admin the server created from PORTWATCH_ADMIN_*;
// `signInAs(role)` gives a request context signed in as a (created on demand) user of that role.
// API contexts send this site's Origin, as the browser does for the pages' own requests (the server
// refuses state-changing requests without it). Browser pages are left alone: Chromium refuses a forced Origin.
import { test as base, expect, type APIRequestContext } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import type { Role } from '../../lib/roles'

export { expect }

export const PASSWORD = 'e2e-user-password-0001'
export const emailFor = (role: Role) => `${role}@e2e.test`

export async function signIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const res = await request.post('/api/auth/login', { data: { email, password }, failOnStatusCode: false })
  expect(res.status(), `sign in as ${email}: ${await res.text()}`).toBe(200)
}

type Fixtures = { signInAs: (role: Role | 'anonymous') => Promise<APIRequestContext> }

export const test = base.extend<Fixtures>({
  request: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } })
    await signIn(request, E2E_ADMIN.email, E2E_ADMIN.password)
    await use(request)
    await request.dispose()
  },
  signInAs: async ({ playwright, baseURL, request: admin }, use) => {
    const contexts: APIRequestContext[] = []
    await use(async (role) => {
      const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } })
      contexts.push(ctx)
      if (role === 'anonymous') return ctx
      if (role === 'admin') {
        await signIn(ctx, E2E_ADMIN.email, E2E_ADMIN.password)
        return ctx
      }
      const created = await admin.post('/api/users', { data: { email: emailFor(role), role, password: PASSWORD }, failOnStatusCode: false })
      expect([201, 409], await created.text()).toContain(created.status())
      await signIn(ctx, emailFor(role), PASSWORD)
      return ctx
    })
    for (const ctx of contexts) await ctx.dispose()
  },
})
