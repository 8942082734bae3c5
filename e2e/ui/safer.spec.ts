// Safer operations, in a real Chromium: the webhook URL Bandwidth is told to use is checked where it is shown.
// The e2e server runs at http://127.0.0.1:…, which Bandwidth could never reach: both places say so, and why.
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test('a public URL that is not HTTPS or not reachable from outside is a warning on Settings and the overview', async ({ page }, info) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/settings')
  const warning = page.getByTestId('public-url-warning')
  await expect(warning).toContainText('It is not HTTPS')
  await expect(warning).toContainText('127.0.0.1 is a loopback address: Bandwidth cannot reach it from the internet.')
  await screenshot(page, info.project.name, 'settings-public-url-warning')
  await page.goto('/')
  await expect(page.getByTestId('public-url-warning')).toContainText('127.0.0.1 is a loopback address')

  // Saved as a public HTTPS name, the warning goes away.
  await page.goto('/settings')
  const form = page.locator('form').filter({ has: page.getByLabel('Public base URL') })
  await form.getByLabel('Public base URL').fill('https://portwatch.example.com')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('notifications-url')).toHaveText('https://portwatch.example.com/api/webhooks/bandwidth/notifications')
  await expect(page.getByTestId('public-url-warning')).toHaveCount(0)
  await form.getByLabel('Public base URL').fill('')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByTestId('public-url-warning')).toBeVisible()
})
