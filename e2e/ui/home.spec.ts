import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { signInWithForm } from '../support/ui'

test('the overview says Portwatch is running, what to register with Bandwidth, and what is going on', async ({ page, request }, info) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Portwatch is running' })).toBeVisible()
    await expect(page.getByTestId('webhook-url')).toHaveText(
      new RegExp(`^${info.project.use.baseURL}/api/webhooks/bandwidth/notifications$`),
    )
    await expect(page.getByTestId('credentials-hint')).toContainText('BANDWIDTH_WEBHOOK_USERNAME')
    for (const name of ['Needs attention', 'Stuck orders', 'Latest activity', 'Notifications per day', 'Orders by type and status']) {
      await expect(page.getByRole('heading', { name })).toBeVisible()
    }
    // The chart's text alternative: one row per day for 14 days.
    await expect(page.getByRole('table', { name: /Notifications per day/ }).getByRole('row')).toHaveCount(15)
    // The quiet warning shows exactly when the API says it is quiet.
    const overview = (await (await request.get('/api/overview')).json()) as { quiet: { isQuiet: boolean } }
    await expect(page.getByTestId('quiet-banner')).toHaveCount(overview.quiet.isQuiet ? 1 : 0)
    await page.screenshot({ path: `artifacts/screenshots/${info.project.name}/home-${scheme}.png`, fullPage: true })
  }
})

test('on a 1280-pixel laptop screen the header is one row: menu, search, account and sign out side by side', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password) // an admin sees every menu item: the widest header
  const nav = (await page.getByRole('navigation', { name: 'Main' }).boundingBox())!
  const search = (await page.getByRole('search', { name: 'Orders and numbers' }).boundingBox())!
  const signOut = (await page.getByRole('button', { name: 'Sign out' }).boundingBox())!
  for (const box of [search, signOut]) {
    // Vertically centred on the menu's row, and to its right.
    expect(Math.abs(box.y + box.height / 2 - (nav.y + nav.height / 2))).toBeLessThan(4)
    expect(box.x).toBeGreaterThan(nav.x + nav.width)
  }
  expect(nav.height).toBeLessThan(40) // the menu itself did not wrap either
})
