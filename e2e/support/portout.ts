// Port-out helpers shared by the specs: Bandwidth's side of the responder, the active policy, a second
// admin (nobody decides their own proposal) and putting the policy back to no rules afterwards.
import type { APIRequestContext, Browser, Page } from '@playwright/test'
import { buildPortoutValidationRequestXml, type PortoutValidationRequestFields } from '../../lib/bandwidth/build-portout-validation-request'
import { E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { expect, signIn } from './test'
import { signInWithForm } from './ui'
import { basicAuth } from './webhooks'

export const RESPONDER = '/api/webhooks/bandwidth/portout-validation'
export const SECOND_ADMIN = { email: 'second-admin@e2e.test', password: 'e2e-second-admin-password-01' }

/** A 10-digit (LEGACY) number nobody else in this run uses. */
export const uniqueNumber = () => `919${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`

/** Bandwidth's side: POST a PortOutValidationRequest with the responder's credentials; the XML answer. */
export async function askToPortOut(request: APIRequestContext, fields: PortoutValidationRequestFields | string): Promise<string> {
  const res = await request.post(RESPONDER, {
    data: typeof fields === 'string' ? fields : buildPortoutValidationRequestXml(fields),
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      Authorization: basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password),
    },
  })
  expect(res.status()).toBe(200)
  return res.text()
}

type ActiveResponse = { active: { version: number; policy: { rules: unknown[] } } }

export async function activePolicy(request: APIRequestContext): Promise<ActiveResponse['active']> {
  return ((await (await request.get('/api/policy/proposals')).json()) as ActiveResponse).active
}

/** Whatever happened above: leave the default (no rules) for the tests that run after this one. */
export async function resetPolicyIfNeeded(admin: APIRequestContext, operator: APIRequestContext): Promise<void> {
  const active = await activePolicy(admin)
  if (active.policy.rules.length === 0) return
  const proposed = await operator.post('/api/policy/proposals', {
    data: { summary: 'e2e cleanup: back to no rules', policy: { ...active.policy, rules: [] } },
  })
  const { proposal } = await proposed.json()
  await admin.post(`/api/policy/proposals/${proposal.id}`, { data: { decision: 'approve', comment: 'e2e cleanup' } })
}

/** Creates the second admin once per run (409: already there); `request` is the first admin. */
export async function ensureSecondAdmin(request: APIRequestContext): Promise<void> {
  const created = await request.post('/api/users', {
    data: { email: SECOND_ADMIN.email, role: 'admin', password: SECOND_ADMIN.password },
    failOnStatusCode: false,
  })
  expect([201, 409]).toContain(created.status())
}

/** A request context signed in as the second admin. */
export async function signInSecondAdmin(request: APIRequestContext, anonymous: APIRequestContext): Promise<APIRequestContext> {
  await ensureSecondAdmin(request)
  await signIn(anonymous, SECOND_ADMIN.email, SECOND_ADMIN.password)
  return anonymous
}

export async function signedInPage(browser: Browser, baseURL: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, timezoneId: 'America/New_York', locale: 'en-US' })
  const page = await context.newPage()
  await signInWithForm(page, email, password)
  return page
}
