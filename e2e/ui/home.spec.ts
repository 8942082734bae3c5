import { expect, test } from '@playwright/test'

test('the home page says Portwatch is running and what to register with Bandwidth', async ({ page }, info) => {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Portwatch is running' })).toBeVisible()
    await expect(page.getByTestId('webhook-url')).toHaveText(new RegExp(`^${info.project.use.baseURL}/api/webhooks/bandwidth/notifications$`))
    await expect(page.getByTestId('credentials-hint')).toContainText('BANDWIDTH_WEBHOOK_USERNAME')
    await page.screenshot({ path: `artifacts/screenshots/${info.project.name}/home-${scheme}.png`, fullPage: true })
  }
})
