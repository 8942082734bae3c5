// API tokens in a real Chromium: an admin creates one on the Settings page and sees it once (with the
// warning), a billing system syncs with it, the list shows it was used, the admin revokes it after a
// confirmation, and the next sync is refused.
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

test('admin creates an API token, sees it once, it syncs, and once revoked the next sync fails', async ({
  page,
  playwright,
  baseURL,
  request,
}, info) => {
  test.setTimeout(120_000)
  const suffix = String(Date.now()).slice(-6)
  const name = `Billing sync ${suffix}`
  const number = `336555${suffix.slice(-4)}`
  const machine = await playwright.request.newContext({ baseURL })
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await page.goto('/settings')
    const card = page.getByRole('region', { name: 'API tokens' })
    await card.getByLabel('Token name').fill(name)
    await card.getByRole('button', { name: 'Create token' }).click()

    // Shown once, with the warning and a copy button that really copies it.
    const shown = card.getByTestId('new-api-token')
    await expect(shown).toContainText('you will not see it again')
    const token = (await shown.getByTestId('new-api-token-value').textContent())!.trim()
    expect(token).toMatch(/^pwt_[A-Za-z0-9_-]{43}$/)
    await shown.getByRole('button', { name: 'Copy token' }).click()
    await expect(shown.getByRole('button', { name: 'Copied' })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)
    const row = card.getByTestId('api-token-row').filter({ hasText: name })
    await expect(row).toContainText(`${token.slice(0, 12)}…`)
    await expect(row.getByTestId('api-token-last-used')).toHaveText('never')
    await expect(row.getByTestId('api-token-status')).toHaveText('active')
    await screenshot(page, info.project.name, 'settings-api-token-created')

    // The billing system uses it.
    const records = [{ telephoneNumber: number, accountNumber: `UI-${suffix}`, pin: '2468', subscriberName: 'Triad Florist' }]
    const ok = await machine.post('/api/subscribers', { data: { records }, headers: { Authorization: `Bearer ${token}` } })
    expect(await ok.json()).toEqual({ count: 1, created: 1, updated: 0 })
    expect((await (await request.get(`/api/subscribers?q=${number}`)).json()).records).toMatchObject([
      { telephoneNumber: `+1${number}`, cpni: 'masked', accountNumber: `••••${suffix.slice(-4)}`, hasPin: true }, // CPNI masked
    ])

    // After a reload the token is gone for good; the list shows that it was used.
    await page.reload()
    await expect(card.getByTestId('new-api-token')).toHaveCount(0)
    await expect(page.locator('main')).not.toContainText(token)
    await expect(row.getByTestId('api-token-last-used')).not.toHaveText('never')

    // Revoke: asks first; dismissing keeps it, accepting revokes it.
    page.once('dialog', (d) => d.dismiss())
    await row.getByRole('button', { name: `Revoke ${name}` }).click()
    await expect(row.getByTestId('api-token-status')).toHaveText('active')
    page.once('dialog', (d) => {
      expect(d.message()).toContain('cannot be undone')
      void d.accept()
    })
    await row.getByRole('button', { name: `Revoke ${name}` }).click()
    await expect(card.getByRole('status')).toHaveText(`Revoked "${name}" (${token.slice(0, 12)}…).`)
    await expect(row.getByTestId('api-token-status')).toContainText('revoked')
    await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0)
    await screenshot(page, info.project.name, 'settings-api-tokens')

    const refused = await machine.post('/api/subscribers', {
      data: { records },
      headers: { Authorization: `Bearer ${token}` },
      failOnStatusCode: false,
    })
    expect(refused.status()).toBe(401)
    expect((await refused.json()).message).toBe(`API token ${token.slice(0, 12)}… was revoked`)
  } finally {
    await machine.dispose()
  }
})

test('admin creates a metrics:read token for Prometheus; it scrapes /api/metrics and cannot sync subscribers', async ({
  page,
  playwright,
  baseURL,
}) => {
  const name = `Prometheus ${String(Date.now()).slice(-6)}`
  const scraper = await playwright.request.newContext({ baseURL })
  try {
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await page.goto('/settings')
    const card = page.getByRole('region', { name: 'API tokens' })
    await card.getByLabel('Token name').fill(name)
    await card.getByLabel('Scope').selectOption('metrics:read')
    await card.getByRole('button', { name: 'Create token' }).click()
    const token = (await card.getByTestId('new-api-token-value').textContent())!.trim()
    await expect(card.getByTestId('api-token-row').filter({ hasText: name })).toContainText('metrics:read')

    const scraped = await scraper.get('/api/metrics', { headers: { Authorization: `Bearer ${token}` } })
    expect(scraped.status()).toBe(200)
    expect(await scraped.text()).toMatch(/^portwatch_jobs\{state="pending"\} \d+$/m)
    const sync = await scraper.post('/api/subscribers', {
      data: { records: [] },
      headers: { Authorization: `Bearer ${token}` },
      failOnStatusCode: false,
    })
    expect(sync.status()).toBe(401)
  } finally {
    await scraper.dispose()
  }
})
