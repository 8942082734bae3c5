// One click between related things, in a real Chromium: a number's page tells the whole story of the orders
// that carried it; the header search finds a partial number and lands on an order named exactly; a timeline
// step links to its delivery, a delivery says what it carried and links back; copy buttons copy.
import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { buildOrderNotificationXml, type OrderNotificationFields } from '../../lib/bandwidth/build-notification-xml'
import { E2E_ADMIN } from '../../playwright.config'
import { askToPortOut, uniqueNumber } from '../support/portout'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { postNotification } from '../support/webhooks'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

const HOUR = 3_600_000
const unique = () => randomUUID().slice(0, 8)

async function post(request: APIRequestContext, f: Omit<OrderNotificationFields, 'orderType'>) {
  const res = await postNotification(request, buildOrderNotificationXml({ orderType: 'portins', ...f }))
  expect(res.status(), await res.text()).toBe(200)
}

async function search(page: Page, text: string) {
  await page.getByRole('searchbox', { name: /Search by order id/ }).fill(text)
  await page.getByRole('searchbox', { name: /Search by order id/ }).press('Enter')
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText())
}

test('a number’s page, the header search and the deliveries link every neighbour', async ({ page, request, context }, info) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const orderId = `e2e-links-${unique()}`
  const customerOrderId = `PORT-LINKS-${unique()}`
  const tn = uniqueNumber()
  const e164 = `+1${tn}`
  const t0 = Date.now() - 3 * HOUR
  const at = (h: number) => new Date(t0 + h * HOUR).toISOString()
  await post(request, { orderId, status: 'SUBMITTED', customerOrderId, numbers: [tn], lastModifiedDate: at(0) })
  await post(request, { orderId, status: 'EXCEPTION', message: '7513: PIN Invalid', lastModifiedDate: at(1) })
  await post(request, {
    orderId,
    status: 'FOC',
    lastModifiedDate: at(2),
    actualFocDate: new Date(Date.now() + 9 * 24 * HOUR).toISOString(),
  })

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)

  // The number's page: every step of the order that carried it, not only the one that listed it.
  await page.goto(`/numbers/${tn}`)
  await expect(page.getByTestId('number-e164')).toHaveText(e164)
  const items = page.getByTestId('timeline-item')
  await expect(items).toHaveCount(3)
  await expect(items.nth(0)).toContainText('FOC')
  await expect(items.nth(1)).toContainText('7513')
  await expect(items.nth(2)).toContainText('SUBMITTED')
  await expect(page.getByTestId('number-record')).toContainText('No subscriber record')
  await page.getByRole('button', { name: 'Copy the number' }).click()
  await expect(page.getByRole('button', { name: 'Copy the number' })).toHaveText(/Copied/)
  expect(await clipboard(page)).toBe(e164)
  await screenshot(page, info.project.name, 'number-whole-story')

  // The last 7 digits, then the last 4, find the order and name the number.
  for (const suffix of [tn.slice(-7), tn.slice(-4)]) {
    await search(page, suffix)
    await expect(page).toHaveURL(new RegExp(`/orders\\?q=${suffix}$`))
    await expect(page.getByTestId('order-row').getByRole('link', { name: orderId, exact: true })).toBeVisible()
    await expect(page.getByTestId('numbers-ending-with').getByRole('link', { name: e164 })).toBeVisible()
  }
  await page.getByTestId('numbers-ending-with').getByRole('link', { name: e164 }).click()
  await expect(page).toHaveURL(`/numbers/${encodeURIComponent(e164)}`)

  // A CustomerOrderId that names exactly one order lands on it.
  await search(page, customerOrderId)
  await expect(page).toHaveURL(`/orders/${orderId}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(orderId)

  // The raw XML copies as received; a step links to its delivery, which says what it carried and links back.
  const exception = page.locator('[data-testid="timeline-step"][data-status="EXCEPTION"]')
  await exception.getByText('Show raw XML').click()
  await exception.getByRole('button', { name: 'Copy raw XML' }).click()
  await expect.poll(() => clipboard(page)).toContain(`<OrderId>${orderId}</OrderId>`)
  expect(await clipboard(page)).toContain('7513: PIN Invalid')
  await exception.getByTestId('step-delivery').click()
  await expect(page).toHaveURL(/\/deliveries\?q=/)
  const row = page.getByTestId('delivery-row')
  await expect(row).toHaveCount(1)
  await expect(row.getByTestId('delivery-carried')).toContainText('portins')
  await expect(row.getByTestId('delivery-carried')).toContainText('EXCEPTION')
  await screenshot(page, info.project.name, 'delivery-carried')

  // Deliveries are searchable by body hash, order id and number.
  await row.getByRole('button', { name: 'View body' }).click()
  const hash = (await page.getByTestId('delivery-sha256').textContent())!.trim()
  for (const [q, expected] of [
    [hash, 1],
    [orderId, 3],
    [e164, 1],
  ] as const) {
    await page.goto(`/deliveries?q=${encodeURIComponent(q)}`)
    await expect(page.getByTestId('delivery-row'), q).toHaveCount(expected)
  }
  await page
    .getByTestId('delivery-row')
    .getByRole('link', { name: `Order ${orderId}` })
    .click()
  await expect(page).toHaveURL(`/orders/${orderId}`)
})

test('a number seen only in a port-out request says so, and its delivery links to the request', async ({ page, request }) => {
  const tn = uniqueNumber()
  const pon = `E2E-ONLY-PORTOUT-${unique()}`
  await askToPortOut(request, { pon, telephoneNumbers: [tn], accountNumber: 'ACC-1' })
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto(`/numbers/${tn}`)
  await expect(page.getByTestId('number-portout')).toHaveCount(1)
  await expect(page.getByTestId('number-no-orders')).toHaveText(
    'No order or event mentioned this number: it was seen only in port-out requests.',
  )
  await page.goto(`/deliveries?q=${tn}`)
  await expect(page.getByTestId('delivery-row')).toHaveCount(1)
  await page
    .getByTestId('delivery-carried')
    .getByRole('link', { name: `port-out ${pon}` })
    .click()
  await expect(page).toHaveURL(/\/portouts\/[\w-]+$/)
})
