// The Content-Security-Policy in a real Chromium: every page renders and works (scripts, SWR data,
// styles, the chart's inline style attributes) without a single violation, and no other site on the
// same host can frame the signed-in dashboard.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { signInWithForm } from '../support/ui'
import { orderXml, postNotification } from '../support/webhooks'

/** Collects every CSP violation the page reports, from the DOM event and from the console. */
function watchViolations(page: Page): string[] {
  const seen: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply)/i.test(m.text())) seen.push(`console: ${m.text()}`)
  })
  void page.exposeFunction('__reportViolation', (v: string) => seen.push(`event: ${v}`))
  void page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportViolation: (v: string) => void }).__reportViolation(
        `${e.violatedDirective} ${e.blockedURI} at ${location.pathname} (${e.sourceFile}:${e.lineNumber})`,
      ),
    ),
  )
  return seen
}

test('every page renders and works under the Content-Security-Policy, without a violation', async ({ page, request }) => {
  test.setTimeout(120_000)
  const violations = watchViolations(page)
  const tn = `646555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`
  const order = orderXml({ status: 'COMPLETE', tns: [tn] })
  expect((await postNotification(request, order.xml)).status()).toBe(200)

  await page.goto('/login')
  expect((await page.request.get('/login')).headers()['content-security-policy']).toMatch(
    /script-src 'self' 'nonce-[^']+' 'strict-dynamic'/,
  )
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password) // a working form: the page's scripts ran

  // Each page: its heading, and for the data pages something only the API could have given the browser.
  await expect(page.getByRole('heading', { name: 'Latest activity' })).toBeVisible()
  await expect(page.locator(`a[href="/orders/${order.orderId}"]`).first()).toBeVisible({ timeout: 15_000 })
  const pages: [string, RegExp | string][] = [
    ['/orders', 'Orders'],
    [`/orders/${order.orderId}`, 'COMPLETE'],
    [`/numbers/${tn}`, `+1${tn}`],
    ['/events', 'Event feed'],
    ['/deliveries', 'Deliveries'],
    ['/portouts', 'Port-out requests'],
    ['/portouts/approvals', 'Port-out rules and approvals'],
    ['/subscribers', 'Subscribers'],
    ['/settings', 'Settings'],
    ['/bandwidth/subscriptions', 'What Bandwidth actually has for this account'],
    ['/bandwidth/calls', 'Every call Portwatch made'],
    ['/users', E2E_ADMIN.email],
    ['/audit', 'Audit log'],
    ['/account', 'Your account'],
    ['/attention', 'Issues'],
    ['/alerts', 'Add a channel'],
    ['/forwarding', 'Add a destination'],
    ['/reconciliation', 'asks Bandwidth which orders changed'],
  ]
  for (const [path, text] of pages) {
    await page.goto(path)
    await expect(page.locator('main').getByText(text).first(), path).toBeVisible({ timeout: 15_000 })
  }
  await expect(page.locator(`a[href="/orders/${order.orderId}"]`).first()).toHaveCount(0) // (the account page)
  await page.goto(`/numbers/${tn}`)
  await expect(page.locator(`a[href="/orders/${order.orderId}"]`).first()).toBeVisible({ timeout: 15_000 })
  // A client-side navigation (the router's scripts, fetched RSC payloads) and the not-found page.
  await page.getByRole('link', { name: 'Orders', exact: true }).first().click()
  await expect(page).toHaveURL(/\/orders$/)
  await expect(page.getByRole('link', { name: new RegExp(order.orderId) }).first()).toBeVisible({ timeout: 15_000 })
  const missing = await page.goto('/no-such-page')
  expect(missing?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(violations).toEqual([])
})

test('another site on the same host cannot frame the signed-in dashboard', async ({ page, baseURL }) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  const refusals: string[] = []
  page.on('console', (m) => {
    if (/frame-ancestors|X-Frame-Options/i.test(m.text())) refusals.push(m.text())
  })
  // Same host, another port: same site, so the session cookie (SameSite=Lax) would go along into the frame.
  const other = http.createServer((_, res) => {
    res.setHeader('Content-Type', 'text/html')
    res.end(`<!doctype html><title>elsewhere</title><iframe id="victim" src="${baseURL}/" width="800" height="600"></iframe>`)
  })
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
  try {
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`)
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0)
    const frame = page.frames().find((f) => f !== page.mainFrame())!
    await expect(frame.locator('[data-testid="current-user"]')).toHaveCount(0)
    expect(frame.url()).not.toBe(`${baseURL}/`)
  } finally {
    other.close()
  }
})
