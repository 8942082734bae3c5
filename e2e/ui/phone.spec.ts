// Everyone can use it, in a real Chromium: at 390 px (a phone) the header folds into a menu and no page of the
// dashboard scrolls sideways; a skip link comes first; the app has an icon (no 404 for /favicon.ico).
// The pages are read from the app/ folder, so a new page is checked without anyone adding it here.
import fs from 'node:fs'
import path from 'node:path'
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { orderXml, postNotification } from '../support/webhooks'

const DASHBOARD = path.resolve(import.meta.dirname, '../../app/(dashboard)')

/** Every static dashboard page, as a URL path (dynamic ones, like /orders/[orderId], are reached from their lists elsewhere). */
function dashboardPages(dir = DASHBOARD, prefix = ''): string[] {
  const here = fs.existsSync(path.join(dir, 'page.tsx')) ? [prefix || '/'] : []
  const below = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('['))
    .flatMap((d) => dashboardPages(path.join(dir, d.name), `${prefix}/${d.name}`))
  return [...here, ...below]
}

test('the app has an icon, and a skip link comes first', async ({ page, request }) => {
  const icon = await request.get('/favicon.ico')
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toContain('image/')
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/orders')
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /favicon\.ico/)
  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.locator('main#main')).toBeFocused()
})

test('at 390 px the header is a menu and no page scrolls sideways', async ({ page, request }, info) => {
  // Rows in every table first: an empty page fits anything.
  for (const status of ['EXCEPTION', 'FOC']) {
    const order = orderXml({ status, tns: ['9195550188', '9195550189'] })
    expect((await postNotification(request, order.xml)).status()).toBe(200)
  }
  expect((await postNotification(request, '<Notification><Status>')).status()).toBe(400)
  await page.setViewportSize({ width: 390, height: 844 })
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  const pages = dashboardPages()
  expect(pages).toEqual(expect.arrayContaining(['/', '/orders', '/portouts', '/portouts/approvals', '/settings']))
  for (const url of pages) {
    await page.goto(url)
    await expect(page.locator('main h1').first(), url).toBeVisible()
    await page.waitForLoadState('networkidle')
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }))
    expect(widths.scroll, `${url} is ${widths.scroll} px wide at ${widths.view} px`).toBeLessThanOrEqual(widths.view)
  }

  await page.goto('/')
  const header = page.locator('header').first()
  expect((await header.boundingBox())!.height).toBeLessThan(70)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await screenshot(page, info.project.name, 'phone-overview')
  await page.getByRole('button', { name: 'Menu' }).click()
  await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await screenshot(page, info.project.name, 'phone-menu')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click()
  await expect(page).toHaveURL(/\/orders$/)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await screenshot(page, info.project.name, 'phone-orders')
})
