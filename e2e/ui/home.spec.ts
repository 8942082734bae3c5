import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { signInWithForm } from '../support/ui'

test('the home page says Portwatch is running and what to register with Bandwidth', async ({ page }, info) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Portwatch is running' })).toBeVisible()
    await expect(page.getByTestId('webhook-url')).toHaveText(new RegExp(`^${info.project.use.baseURL}/api/webhooks/bandwidth/notifications$`))
    await expect(page.getByTestId('credentials-hint')).toContainText('BANDWIDTH_WEBHOOK_USERNAME')
    await page.screenshot({ path: `artifacts/screenshots/${info.project.name}/home-${scheme}.png`, fullPage: true })
  }
})
