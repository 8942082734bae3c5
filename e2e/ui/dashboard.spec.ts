// The dashboard pages in a real Chromium, fed through the real receiver: the live event feed and the
// overview update without a reload (and pause holds new rows back), a number page is reached by any
// format of the number, and the deliveries log shows a rejected request with its exact body.
import { createHash, randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { fixture, orderXml, postNotification } from '../support/webhooks'

/** A fresh NANP number per test run (area code 646, exchange 555 is reserved for fiction). */
function freshNumber(): string {
  return `646555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`
}

async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { __portwatchNoReload: true }))
}

async function stillNoReload(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __portwatchNoReload?: boolean }).__portwatchNoReload === true)
}

test('new notifications appear live in the event feed and on the overview; pause holds them back', async ({ page, request }, info) => {
  test.setTimeout(90_000)
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/events')
  await expect(page.getByRole('heading', { name: 'Event feed' })).toBeVisible()
  await expect(page.getByTestId('feed-state')).toContainText('Live.')
  const overview = await page.context().newPage()
  await overview.goto('/')
  await expect(overview.getByRole('heading', { name: 'Latest activity' })).toBeVisible()
  await markNoReload(page)
  await markNoReload(overview)

  // 1. A new order step shows up in the feed with the "new" marker, and in the overview's latest activity.
  const tn = freshNumber()
  const first = orderXml({ status: 'SUBMITTED', tns: [tn] })
  const firstPosted = await postNotification(request, first.xml)
  expect(firstPosted.status()).toBe(200)
  const firstRow = page.locator(`[data-testid="event-row"][data-id="${firstPosted.headers()['x-portwatch-notification']}"]`)
  await expect(firstRow).toBeVisible({ timeout: 10_000 })
  await expect(firstRow).toHaveAttribute('data-new', 'true')
  await expect(firstRow.getByText('new', { exact: true })).toBeVisible()
  await expect(firstRow).toContainText('SUBMITTED')
  await expect(firstRow.getByRole('link', { name: tn })).toHaveAttribute('href', `/numbers/${tn}`)
  await expect(firstRow.getByRole('link', { name: `Order ${first.orderId}` })).toHaveAttribute('href', `/orders/${first.orderId}`)
  await expect(page.getByTestId('event-row').first()).toHaveAttribute('data-id', firstPosted.headers()['x-portwatch-notification'])
  await expect(overview.getByTestId('activity-row').filter({ has: overview.locator(`a[href="/orders/${first.orderId}"]`) })).toBeVisible({
    timeout: 15_000,
  })

  // 2. Paused: a new notification is counted but not shown; resuming shows it, marked new.
  await page.getByRole('button', { name: 'Pause live updates' }).click()
  await expect(page.getByTestId('feed-state')).toContainText('Paused.')
  const second = orderXml({ orderId: first.orderId, status: 'EXCEPTION', tns: [tn], lmd: new Date().toISOString() })
  const secondPosted = await postNotification(request, second.xml)
  expect(secondPosted.status()).toBe(200)
  await expect(page.getByTestId('waiting-count')).toHaveText('1 new notification waiting.', { timeout: 10_000 })
  const secondRow = page.locator(`[data-testid="event-row"][data-id="${secondPosted.headers()['x-portwatch-notification']}"]`)
  await expect(secondRow).toHaveCount(0)
  await page.getByRole('button', { name: 'Resume live updates (1 new)' }).click()
  await expect(secondRow).toBeVisible()
  await expect(secondRow).toHaveAttribute('data-new', 'true')
  await expect(secondRow).toContainText('EXCEPTION')
  await expect(page.getByTestId('event-row').first()).toHaveAttribute('data-id', secondPosted.headers()['x-portwatch-notification'])
  await expect(page.getByTestId('feed-state')).toContainText('Live.')

  // The overview follows too: the order now needs attention.
  await expect(
    overview.getByTestId('attention-order').filter({ has: overview.locator(`a[href="/orders/${first.orderId}"]`) }),
  ).toContainText('EXCEPTION', { timeout: 15_000 })
  await screenshot(page, info.project.name, 'events')
  await screenshot(overview, info.project.name, 'overview')

  // The markers fade after a while; neither page was reloaded.
  await expect(firstRow).not.toHaveAttribute('data-new', 'true', { timeout: 20_000 })
  expect(await stillNoReload(page)).toBe(true)
  expect(await stillNoReload(overview)).toBe(true)

  // Filters live in the URL: only this number's notifications, then only its events (none).
  await page.getByRole('textbox', { name: 'Number', exact: true }).fill(tn)
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(new RegExp(`/events\\?number=${tn}$`))
  await expect(page.getByTestId('event-row')).toHaveCount(2)
  await page.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('event')
  await expect(page).toHaveURL(new RegExp(`kind=event`))
  await expect(page.getByText('No notification matches these filters')).toBeVisible()
  await overview.close()
})

test('a number page shows its order and its MESSAGING_LOST event, whatever format the URL uses', async ({ page, request }, info) => {
  const tn = freshNumber()
  const e164 = `+1${tn}`
  const order = orderXml({ status: 'FOC', tns: [tn] })
  expect((await postNotification(request, order.xml)).status()).toBe(200)
  // The sample event, about this number and in E.164 form: a second way the number arrives.
  const event = fixture('event-messaging-lost-single-tn.xml').replace('9195550744', e164)
  expect((await postNotification(request, event)).status()).toBe(200)

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  const formatted = `(${tn.slice(0, 3)}) ${tn.slice(3, 6)}-${tn.slice(6)}`
  for (const path of [
    `/numbers/${tn}`,
    `/numbers/${e164}`,
    `/numbers/${encodeURIComponent(formatted)}`,
    `/numbers/1-${tn.slice(0, 3)}-${tn.slice(3, 6)}-${tn.slice(6)}`,
  ]) {
    await page.goto(path)
    await expect(page.getByTestId('number-e164'), path).toHaveText(e164)
    await expect(page.getByTestId('forms-seen'), path).toContainText(tn)
    await expect(page.getByTestId('forms-seen'), path).toContainText(e164)
    const orderRow = page.getByTestId('number-order')
    await expect(orderRow, path).toHaveCount(1)
    await expect(orderRow.getByRole('link', { name: `Order ${order.orderId}` })).toHaveAttribute('href', `/orders/${order.orderId}`)
    await expect(orderRow).toContainText('FOC')
    // One timeline, newest first: the event, then the order step.
    const items = page.getByTestId('timeline-item')
    await expect(items, path).toHaveCount(2)
    await expect(items.nth(0)).toContainText('MESSAGING_LOST')
    await expect(items.nth(1)).toContainText('FOC')
    await expect(items.nth(1).getByRole('link', { name: `Order ${order.orderId}` })).toBeVisible()
  }
  await screenshot(page, info.project.name, 'number')

  // Not a number: a clear message, not an error page.
  await page.goto('/numbers/not-a-number')
  await expect(page.getByRole('heading', { name: '“not-a-number” is not a telephone number' })).toBeVisible()
})

test('the deliveries log shows a rejected request with its reason and its exact body', async ({ page, request }, info) => {
  const token = randomUUID()
  // Not well-formed (Status is never closed), with newlines and indentation that must survive as they came.
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Notification>\n    <OrderId>${token}</OrderId>\n    <OrderType>portins</OrderType>\n    <Status>COMPLETE\n</Notification>\n`
  const res = await postNotification(request, body)
  expect(res.status()).toBe(400)
  const deliveryId = res.headers()['x-portwatch-delivery']
  expect(deliveryId).toBeTruthy()
  const reason = (await res.text()).trim().replace(/^400 /, '')

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/deliveries')
  await expect(page.getByRole('heading', { name: 'Deliveries' })).toBeVisible()
  await page.getByRole('combobox', { name: 'Outcome', exact: true }).selectOption('rejected')
  await expect(page).toHaveURL(/\/deliveries\?outcome=rejected$/)
  const row = page.locator(`[data-testid="delivery-row"][data-id="${deliveryId}"]`)
  await expect(row).toContainText('rejected')
  await expect(row.getByTestId('delivery-reason')).toHaveText(reason)
  await expect(row).toContainText('400')
  await expect(row).toContainText(`${Buffer.byteLength(body)} B`)
  // Only rejected rows are listed under this filter.
  for (const outcome of await page.getByTestId('delivery-row').locator('td:nth-child(4) > span').allTextContents())
    expect(outcome).toBe('rejected')

  await row.getByRole('button', { name: 'View body' }).click()
  await expect(row.getByRole('button', { name: 'Hide body' })).toHaveAttribute('aria-expanded', 'true')
  const detail = page.getByTestId('delivery-detail')
  await expect(detail.getByTestId('delivery-body')).toBeVisible()
  expect(await detail.getByTestId('delivery-body').textContent()).toBe(body)
  await expect(detail.getByTestId('delivery-sha256')).toHaveText(createHash('sha256').update(body).digest('hex'))
  await expect(detail).toContainText('application/xml; charset=utf-8')
  await screenshot(page, info.project.name, 'deliveries')
})
