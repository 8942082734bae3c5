// Operators in a real Chromium: first-run setup, sign-in and out, a viewer kept out of admin pages,
// and an admin rotating the webhook credentials with both pairs accepted during the overlap.
import { E2E_ADMIN, E2E_PORT_BASE } from '../../playwright.config'
import { createDatabase, startServer, stopServer, waitForHealth, type Provider, type Server } from '../support/server'
import { expect, PASSWORD, test } from '../support/test'
import { expectAccessible } from '../support/axe'
import { screenshot, signInWithForm } from '../support/ui'
import { basicAuth, NOTIFICATIONS_URL, orderXml } from '../support/webhooks'

test.describe('first run on an empty database', () => {
  let server: Server | undefined
  let drop: (() => Promise<void>) | undefined
  test.afterAll(async () => {
    await stopServer(server)
    await drop?.()
  })

  test('setup creates the first admin, who signs out and in, then rotates the webhook credentials', async ({ browser }, info) => {
    test.setTimeout(120_000)
    const provider = info.project.name as Provider
    const database = await createDatabase(provider, 'first-run')
    drop = () => database.drop()
    // No PORTWATCH_ADMIN_* and no BANDWIDTH_WEBHOOK_*: the server generates credentials, and /setup is open.
    server = startServer(E2E_PORT_BASE + 20 + (provider === 'postgresql' ? 1 : 0), database.url)
    await waitForHealth(server)
    const base = server.base
    const context = await browser.newContext({ baseURL: base })
    const page = await context.newPage()

    // Anyone arriving is sent to sign in, and sign-in to setup while there are no users.
    await page.goto('/')
    await expect(page).toHaveURL(`${base}/setup`)
    await expect(page.getByRole('heading', { name: 'Welcome to Portwatch' })).toBeVisible()
    await screenshot(page, info.project.name, 'setup')
    await expectAccessible(page, '/setup')
    await page.getByLabel('Name').fill('Ada Admin')
    await page.getByLabel('Email').fill('ada@example.com')
    await page.getByLabel('Password', { exact: true }).fill('first-admin-password-1')
    await page.getByLabel('Confirm password').fill('first-admin-password-1')
    await page.getByRole('button', { name: 'Create admin and sign in' }).click()
    await expect(page.getByRole('heading', { name: 'Portwatch is running' })).toBeVisible()
    await expect(page.getByTestId('current-user')).toContainText('Ada Admin')

    // Setup is gone once a user exists.
    await page.goto('/setup')
    await expect(page).toHaveURL(`${base}/login`)
    const again = await page.request.post('/api/auth/setup', {
      data: { email: 'eve@example.com', password: 'second-admin-password' },
      headers: { Origin: base },
      failOnStatusCode: false,
    })
    expect(again.status()).toBe(409)

    // Sign out, then in again through the form.
    await page.goto('/')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await expect(page).toHaveURL(`${base}/login`)
    await page.goto('/settings')
    await expect(page).toHaveURL(`${base}/login`)
    await screenshot(page, info.project.name, 'login')
    await signInWithForm(page, 'ada@example.com', 'first-admin-password-1')

    // Settings: reveal the generated pair, check it against the receiver.
    await page.goto('/settings')
    await expect(page.getByTestId('notifications-url')).toHaveText(`${base}${NOTIFICATIONS_URL}`)
    await page.getByRole('button', { name: 'Reveal password' }).click()
    await expect(page.getByTestId('webhook-password')).not.toHaveText(/•/)
    const oldPair = {
      username: (await page.getByTestId('webhook-username').textContent())!,
      password: (await page.getByTestId('webhook-password').textContent())!,
    }
    await expect(page.getByTestId('subscription-xml')).toContainText(`<Password>${oldPair.password}</Password>`)
    await expect(page.getByTestId('subscription-xml')).toContainText(`<URL>${base}${NOTIFICATIONS_URL}</URL>`)
    const post = (pair: { username: string; password: string }) =>
      fetch(`${base}${NOTIFICATIONS_URL}`, {
        method: 'POST',
        body: orderXml({ status: 'SUBMITTED' }).xml,
        headers: { 'Content-Type': 'application/xml', Authorization: basicAuth(pair.username, pair.password) },
      }).then((r) => r.status)
    expect(await post(oldPair)).toBe(200)

    // Before a rotation the one pair shows when it was last used: by the delivery just sent.
    await page.reload()
    await expect(page.getByTestId('current-last-used').locator('time')).toBeVisible()

    // Rotate: the new pair is shown, and both pairs are accepted during the overlap.
    page.once('dialog', (d) => d.accept())
    await page.getByRole('button', { name: 'Rotate' }).click()
    await expect(page.getByTestId('overlap')).toBeVisible()
    await expect(page.getByTestId('webhook-username')).not.toHaveText(oldPair.username)
    const newPair = {
      username: (await page.getByTestId('webhook-username').textContent())!,
      password: (await page.getByTestId('webhook-password').textContent())!,
    }
    expect(newPair.password).not.toBe(oldPair.password)
    // The new pair was never used yet; the old one was, by the delivery above.
    await expect(page.getByTestId('current-last-used')).toContainText('never')
    await expect(page.getByTestId('previous-last-used').locator('time')).toBeVisible()
    expect(await post(oldPair)).toBe(200)
    expect(await post(newPair)).toBe(200)
    // Each delivery kept the pair that authenticated it: the last uses move on.
    await page.reload()
    const lastOld = await page.getByTestId('previous-last-used').locator('time').getAttribute('datetime')
    await expect(page.getByTestId('current-last-used').locator('time')).toBeVisible()
    await screenshot(page, info.project.name, 'settings-rotating')

    // Ending the overlap asks first, naming when Bandwidth last used the old pair; "Keep it" changes nothing.
    await page.getByRole('button', { name: 'End overlap' }).click()
    const confirm = page.getByTestId('end-overlap-confirm')
    await expect(confirm).toContainText('Bandwidth last used the old pair')
    await expect(confirm.locator('time')).toHaveAttribute('datetime', lastOld!)
    await screenshot(page, info.project.name, 'settings-end-overlap-confirm')
    await confirm.getByRole('button', { name: 'Keep it for now' }).click()
    await expect(confirm).toHaveCount(0)
    expect(await post(oldPair)).toBe(200)
    await page.getByRole('button', { name: 'End overlap' }).click()
    await page.getByTestId('end-overlap-confirm').getByRole('button', { name: 'Stop accepting the old pair' }).click()
    await expect(page.getByTestId('overlap')).toHaveCount(0)
    expect(await post(oldPair)).toBe(401)
    expect(await post(newPair)).toBe(200)

    // Rotate again and give the old pair an expiry instead: accepted until then, refused from then on.
    page.once('dialog', (d) => d.accept())
    await page.getByRole('button', { name: 'Rotate' }).click()
    await expect(page.getByTestId('overlap')).toBeVisible()
    const later = new Date(Date.now() + 3_600_000)
    const pad = (n: number) => String(n).padStart(2, '0')
    await page
      .getByLabel('Or stop accepting it at')
      .fill(
        `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`,
      )
    await page.getByRole('button', { name: 'Set expiry' }).click()
    await expect(page.getByTestId('overlap')).toContainText('until')
    expect(await post(newPair)).toBe(200) // now the previous pair
    // An expiry two seconds ahead (the API takes any instant): the old pair gets 401 once it passes.
    const soon = await page.request.post(
      `/api/settings/credentials/end-overlap?endpoint=notifications&at=${new Date(Date.now() + 2_000).toISOString()}`,
      {
        headers: { Origin: base },
      },
    )
    expect(soon.status()).toBe(200)
    expect(await post(newPair)).toBe(200)
    await new Promise((r) => setTimeout(r, 2_500))
    expect(await post(newPair)).toBe(401)
    await page.reload()
    await expect(page.getByTestId('overlap')).toContainText('expired')
    await expect(page.getByTestId('overlap')).toContainText('is refused')
    await screenshot(page, info.project.name, 'settings-old-pair-expired')

    // The audit log shows what happened, passwords masked.
    await page.goto('/audit')
    const rows = page.getByTestId('audit-entry')
    await expect(rows.filter({ hasText: 'credentials.end-overlap' })).toHaveCount(1)
    await expect(rows.filter({ hasText: 'credentials.expire-previous' })).toHaveCount(2)
    await expect(rows.filter({ hasText: 'credentials.rotate' })).toHaveCount(2)
    await expect(rows.filter({ hasText: 'credentials.reveal' })).toHaveCount(1)
    await expect(page.locator('body')).not.toContainText(newPair.password)
    await screenshot(page, info.project.name, 'audit')
    await context.close()
  })
})

test('a viewer does not get into admin pages or actions', async ({ page, request }, info) => {
  const email = `viewer-ui-${Date.now()}@e2e.test`
  expect((await request.post('/api/users', { data: { email, role: 'viewer', password: PASSWORD } })).status()).toBe(201)
  await signInWithForm(page, email, PASSWORD)
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toHaveCount(0)
  await page.goto('/settings')
  await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible()
  await screenshot(page, info.project.name, 'viewer-blocked')
  // The server refuses the action itself, whatever the page shows.
  const rotate = await page.request.post('/api/settings/credentials/rotate', {
    headers: { Origin: info.project.use.baseURL! },
    failOnStatusCode: false,
  })
  expect(rotate.status()).toBe(403)
  const reveal = await page.request.post('/api/settings/credentials/reveal', {
    headers: { Origin: info.project.use.baseURL! },
    failOnStatusCode: false,
  })
  expect(reveal.status()).toBe(403)
})

test('an admin manages users from the Users page', async ({ page }, info) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/users')
  const email = `operator-ui-${Date.now()}@e2e.test`
  const form = page.getByRole('form', { name: 'Add a user' })
  await form.getByLabel('Email').fill(email)
  await form.getByLabel('Role').selectOption('operator')
  await form.getByLabel('Initial password').fill(PASSWORD)
  await form.getByRole('button', { name: 'Add user' }).click()
  const row = page.getByTestId(`user-${email}`)
  await expect(row).toContainText('active')
  await row.getByLabel(`Role of ${email}`).selectOption('viewer')
  await expect(page.getByRole('status')).toContainText(`${email} is now viewer`)
  await row.getByRole('button', { name: 'Disable' }).click()
  await expect(row).toContainText('disabled')
  await screenshot(page, info.project.name, 'users')
})
