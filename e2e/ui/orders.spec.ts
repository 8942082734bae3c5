// Operators on the orders pages in a real Chromium: a port-in's timeline put back in order with the time
// spent in each state, the orders table filtered through the URL, the header search, and a stuck order flagged.
import { randomUUID } from 'node:crypto'
import type { Page } from '@playwright/test'
import { formatDuration } from '../../components/format-duration'
import { buildOrderNotificationXml } from '../../lib/bandwidth/build-notification-xml'
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { orderXml, postNotification } from '../support/webhooks'

// A fixed zone that is not UTC, so "local time" is really checked (2025-03-18T14:00Z is 10:00 in New York).
test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (ms: number) => new Date(ms).toISOString()
const unique = () => randomUUID().slice(0, 8)
/** A 10-digit (LEGACY) number nobody else in this run uses. */
const uniqueNumber = () => `919${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`

async function post(request: Parameters<typeof postNotification>[0], xml: string) {
  const res = await postNotification(request, xml)
  expect(res.status(), await res.text()).toBe(200)
}

async function rowIds(page: Page): Promise<string[]> {
  return page.getByTestId('order-row').locator('th a').allTextContents()
}

test('a port-in received out of order reads in order, with time in each state, FOC date and raw XML', async ({ page, request }, info) => {
  const orderId = `e2e-portin-${unique()}`
  const customerOrderId = `PORT-E2E-${unique()}`
  const [tn1, tn2] = [uniqueNumber(), uniqueNumber()]
  const t0 = Date.parse('2025-03-10T09:00:00.000Z')
  const submittedAt = t0 + 26 * HOUR + 30 * 60_000
  const exceptionAt = submittedAt + 5 * HOUR + 20 * 60_000
  const focAt = exceptionAt + 45 * 60_000
  const noteAt = focAt + 2 * HOUR
  const completeAt = focAt + 6 * DAY + 4 * HOUR
  const focRaw =
    `<?xml version="1.0" encoding="UTF-8"?><Notification><Status>FOC</Status><SubscriptionId>6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9</SubscriptionId>` +
    `<OrderId>${orderId}</OrderId><OrderType>portins</OrderType><Message>Order waiting for activation</Message>` +
    `<LastModifiedDate>${at(focAt)}</LastModifiedDate><ActualFocDate>2025-03-18T14:00:00Z</ActualFocDate></Notification>`

  // Newest first and shuffled, as a retrying sender can deliver them.
  await post(
    request,
    buildOrderNotificationXml({ orderId, orderType: 'portins', status: 'COMPLETE', numbers: [tn1, tn2], lastModifiedDate: at(completeAt) }),
  )
  await post(request, orderXml({ orderId, note: 'Customer confirmed the FOC by phone', lmd: at(noteAt) }).xml)
  await post(request, focRaw)
  await post(
    request,
    buildOrderNotificationXml({ orderId, orderType: 'portins', status: 'PENDING_DOCUMENTS', customerOrderId, lastModifiedDate: at(t0) }),
  )
  await post(
    request,
    buildOrderNotificationXml({
      orderId,
      orderType: 'portins',
      status: 'EXCEPTION',
      message: '7513: PIN Invalid',
      lastModifiedDate: at(exceptionAt),
    }),
  )
  await post(request, orderXml({ orderId, status: 'SUBMITTED', lmd: at(submittedAt) }).xml)

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto(`/orders/${orderId}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText(orderId)
  const steps = page.getByTestId('timeline-step')
  await expect(steps).toHaveCount(6)

  // The timeline is in LastModifiedDate order, whatever the arrival order.
  expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual([
    'PENDING_DOCUMENTS',
    'SUBMITTED',
    'EXCEPTION',
    'FOC',
    'note',
    'COMPLETE',
  ])

  // Time spent in the previous state; a note does not end a state, so COMPLETE counts from FOC.
  const step = (status: string) => page.locator(`[data-testid="timeline-step"][data-status="${status}"]`)
  await expect(step('PENDING_DOCUMENTS').getByTestId('step-duration')).toHaveCount(0)
  await expect(step('SUBMITTED').getByTestId('step-duration')).toHaveText(`after ${formatDuration(submittedAt - t0)} in PENDING_DOCUMENTS`)
  await expect(step('EXCEPTION').getByTestId('step-duration')).toHaveText(`after ${formatDuration(exceptionAt - submittedAt)} in SUBMITTED`)
  await expect(step('FOC').getByTestId('step-duration')).toHaveText(`after ${formatDuration(focAt - exceptionAt)} in EXCEPTION`)
  await expect(step('note').getByTestId('step-duration')).toHaveCount(0)
  await expect(step('COMPLETE').getByTestId('step-duration')).toHaveText(`after ${formatDuration(completeAt - focAt)} in FOC`)
  expect(formatDuration(completeAt - focAt)).toBe('6 d 4 h') // the expectation itself is what an operator reads
  await expect(step('note').getByTestId('step-note')).toHaveText('Note: Customer confirmed the FOC by phone')

  // Local time (New York) labelled with its zone, UTC on hover: one format everywhere (lib/format/format-date-time.ts).
  const submittedTime = step('SUBMITTED').getByTestId('step-time').locator('time')
  await expect(submittedTime).toHaveAttribute('datetime', at(submittedAt))
  await expect(submittedTime).toHaveText('Mar 11, 2025, 07:30:00 EDT')
  await expect(submittedTime).toHaveAttribute('title', 'Mar 11, 2025, 11:30:00 UTC')

  // The header: current status, customer order id, FOC date and how long ago it was.
  await expect(page.getByTestId('order-status')).toContainText('COMPLETE')
  await expect(page.getByText(customerOrderId)).toBeVisible()
  const foc = page.getByTestId('foc-date')
  await expect(foc.locator('time')).toHaveAttribute('datetime', '2025-03-18T14:00:00.000Z')
  await expect(foc.locator('time')).toHaveText('Mar 18, 2025, 10:00 EDT')
  const daysAgo = Math.floor((Date.now() - Date.parse('2025-03-18T14:00:00Z')) / DAY)
  await expect(page.getByTestId('foc-countdown')).toHaveText(new RegExp(`^FOC was ${daysAgo} d( \\d+ h)? ago$`))

  // The lifecycle: every happy-path step reached, COMPLETE current; EXCEPTION marked as visited.
  const pathStates = await page
    .getByTestId('lifecycle-step')
    .evaluateAll((els) => els.map((e) => `${e.textContent?.replace(/\(.*\)|[●○]/g, '').trim()}:${e.getAttribute('data-state')}`))
  expect(pathStates).toEqual(['PENDING_DOCUMENTS:reached', 'SUBMITTED:reached', 'FOC:reached', 'COMPLETE:current'])
  await expect(page.getByTestId('lifecycle-branch').filter({ hasText: 'EXCEPTION' })).toHaveAttribute('data-state', 'visited')
  await expect(page.getByTestId('lifecycle-branch').filter({ hasText: 'REQUESTED_SUPP' })).toHaveAttribute('data-state', 'not-visited')

  // The error code of an EXCEPTION is highlighted, the rest of the message follows.
  const code = step('EXCEPTION').getByTestId('step-message').locator('code')
  await expect(code).toHaveText('7513')
  await expect(code).toHaveAttribute('title', 'Bandwidth error code 7513')
  await expect(step('EXCEPTION').getByTestId('step-message')).toHaveText('7513PIN Invalid')

  // Completed numbers link to their number pages, by E.164.
  const numberLinks = step('COMPLETE').getByRole('list', { name: 'Telephone numbers' }).getByRole('link')
  await expect(numberLinks).toHaveText([tn1, tn2])
  await expect(numberLinks.first()).toHaveAttribute('href', `/numbers/+1${tn1}`)

  // Raw XML, pretty-printed, behind a disclosure.
  await expect(step('FOC').getByTestId('raw-xml')).toHaveCount(0)
  await step('FOC').getByText('Show raw XML').click()
  await expect(step('FOC').getByText('Hide raw XML')).toBeVisible()
  expect(await step('FOC').getByTestId('raw-xml').textContent()).toBe(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Notification>',
      '  <Status>FOC</Status>',
      '  <SubscriptionId>6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9</SubscriptionId>',
      `  <OrderId>${orderId}</OrderId>`,
      '  <OrderType>portins</OrderType>',
      '  <Message>Order waiting for activation</Message>',
      `  <LastModifiedDate>${at(focAt)}</LastModifiedDate>`,
      '  <ActualFocDate>2025-03-18T14:00:00Z</ActualFocDate>',
      '</Notification>',
    ].join('\n'),
  )
  await screenshot(page, info.project.name, 'order-timeline')

  // A FOC date still ahead counts down.
  const upcoming = `e2e-upcoming-${unique()}`
  const focDate = Date.now() + 3 * DAY + 4 * HOUR + 30 * 60_000
  await post(
    request,
    buildOrderNotificationXml({
      orderId: upcoming,
      orderType: 'portins',
      status: 'FOC',
      lastModifiedDate: at(Date.now()),
      actualFocDate: at(focDate),
    }),
  )
  await page.goto(`/orders/${upcoming}`)
  await expect(page.getByTestId('foc-countdown')).toHaveText('FOC in 3 d 4 h')
  const upcomingStates = await page.getByTestId('lifecycle-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
  expect(upcomingStates).toEqual(['reached', 'reached', 'current', 'pending'])

  // An order nobody has sent.
  const unknown = `e2e-never-${unique()}`
  await page.goto(`/orders/${unknown}`)
  await expect(page.getByText(`No order ${unknown} has been received`)).toBeVisible()
  await screenshot(page, info.project.name, 'order-not-found')
})

test('the orders table filters by type, status and search through the URL; the header search finds numbers', async ({
  page,
  request,
}, info) => {
  const u = unique()
  const tn = uniqueNumber()
  const e164 = `+1${tn}`
  const customerOrderId = `CO-${u}`
  const [a, b, c] = [`e2e-a-${u}`, `e2e-b-${u}`, `e2e-c-${u}`]
  // Three orders share the number: two port-ins (FOC, COMPLETE), one new-number order.
  await post(request, buildOrderNotificationXml({ orderId: a, orderType: 'portins', status: 'FOC', customerOrderId, numbers: [tn] }))
  await post(request, buildOrderNotificationXml({ orderId: b, orderType: 'portins', status: 'COMPLETE', customerOrderId, numbers: [tn] }))
  await post(request, buildOrderNotificationXml({ orderId: c, orderType: 'orders', status: 'COMPLETE', numbers: [tn] }))

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/orders')
  await expect(page.getByRole('columnheader', { name: /Last activity/ })).toHaveAttribute('aria-sort', 'descending')
  // Newest first: c was posted last.
  await expect(page.getByTestId('order-row').first().locator('th a')).toHaveText(c)
  await screenshot(page, info.project.name, 'orders')

  const filters = page.getByRole('search', { name: 'Filter orders' })
  await filters.getByLabel('Search').fill(`(${tn.slice(0, 3)}) ${tn.slice(3, 6)}-${tn.slice(6)}`)
  await filters.getByLabel('Search').press('Enter')
  await expect.poll(() => rowIds(page)).toEqual([c, b, a])
  await filters.getByLabel('Type').fill('portins')
  await expect.poll(() => rowIds(page)).toEqual([b, a])
  await filters.getByRole('combobox', { name: /^Status/ }).selectOption('COMPLETE')
  await expect.poll(() => rowIds(page)).toEqual([b])
  await expect(page).toHaveURL(/[?&]type=portins(&|$)/)
  await expect(page).toHaveURL(/[?&]status=COMPLETE(&|$)/)
  await expect(page).toHaveURL(/[?&]q=%28919%29/)

  // Reload: the same filters and the same rows.
  await page.reload()
  await expect(filters.getByLabel('Search')).toHaveValue(`(${tn.slice(0, 3)}) ${tn.slice(3, 6)}-${tn.slice(6)}`)
  await expect(filters.getByLabel('Type')).toHaveValue('portins')
  await expect(filters.getByRole('combobox', { name: /^Status/ })).toHaveValue('COMPLETE')
  await expect.poll(() => rowIds(page)).toEqual([b])
  await expect(page.getByTestId('order-row').first()).toContainText('COMPLETE')

  // Nothing matches: a useful empty state, and a way out.
  await filters.getByRole('combobox', { name: /^Status/ }).selectOption('EXCEPTION')
  await expect(page.getByText('No orders match these filters')).toBeVisible()
  await screenshot(page, info.project.name, 'orders-empty')
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/orders$/)
  await expect(filters.getByLabel('Search')).toHaveValue('')

  // Keyset pages: two at a time, then "Load more".
  await page.goto(`/orders?q=${tn}&limit=2`)
  await expect.poll(() => rowIds(page)).toEqual([c, b])
  await page.getByRole('button', { name: 'Load more orders' }).click()
  await expect.poll(() => rowIds(page)).toEqual([c, b, a])
  await expect(page.getByRole('button', { name: 'Load more orders' })).toHaveCount(0)

  // The header search: "/" (or Ctrl+K) from anywhere, a number in any format opens its page.
  const globalSearch = page.getByRole('search', { name: 'Orders and numbers' }).getByRole('searchbox')
  await expect(globalSearch).toHaveAccessibleName('Search by order id, customer order id or telephone number')
  const formats = [
    `(${tn.slice(0, 3)}) ${tn.slice(3, 6)}-${tn.slice(6)}`,
    `1-${tn.slice(0, 3)}-${tn.slice(3, 6)}-${tn.slice(6)}`,
    `+1 ${tn.slice(0, 3)}.${tn.slice(3, 6)}.${tn.slice(6)}`,
  ]
  for (const [i, format] of formats.entries()) {
    await page.goto('/orders')
    await page.getByRole('heading', { name: 'Orders', level: 1 }).click()
    if (i === 1) await page.keyboard.press('Control+k')
    else await page.keyboard.press('/')
    await expect(globalSearch).toBeFocused()
    await page.keyboard.type(format)
    await page.keyboard.press('Enter')
    await expect(page).toHaveURL(new RegExp(`/numbers/(\\+|%2B)1${tn}$`))
    await expect(page.getByRole('heading', { level: 1 })).toContainText(e164)
    await expect(globalSearch).toHaveValue('')
  }
  // "/" typed inside a field stays in the field.
  await page.goto('/orders')
  await filters.getByLabel('Search').click()
  await page.keyboard.type('a/b')
  await expect(filters.getByLabel('Search')).toHaveValue('a/b')
  await expect(globalSearch).not.toBeFocused()

  // Anything that is not a number searches orders, and the table's own search box follows the URL.
  await page.getByRole('heading', { name: 'Orders', level: 1 }).click()
  await page.keyboard.press('/')
  await page.keyboard.type(customerOrderId)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/orders\\?q=${customerOrderId}$`))
  await expect.poll(() => rowIds(page)).toEqual([b, a])
  await expect(filters.getByLabel('Search')).toHaveValue(customerOrderId)
})

test('an order quiet past its threshold is flagged stuck in the table and on its page', async ({ page, request }, info) => {
  const settings = await request.get('/api/settings')
  expect(settings.status()).toBe(200)
  const before = ((await settings.json()) as { settings: { stuckThresholdsHours: Record<string, number> } }).settings.stuckThresholdsHours
  // 0.0001 h = 0.36 s: a tnoptions order is stuck a moment after its last notification.
  const patched = await request.patch('/api/settings', { data: { stuckThresholdsHours: { ...before, tnoptions: 0.0001 } } })
  expect(patched.status(), await patched.text()).toBe(200)
  try {
    const stuck = `e2e-stuck-${unique()}`
    const moving = `e2e-moving-${unique()}`
    await post(request, orderXml({ orderId: stuck, type: 'tnoptions', status: 'PROCESSING', lmd: at(Date.now()) }).xml)
    await post(request, orderXml({ orderId: moving, type: 'portins', status: 'SUBMITTED', lmd: at(Date.now()) }).xml)
    await page.waitForTimeout(1_000)

    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await page.goto('/orders')
    const stuckOnly = page.getByRole('checkbox', { name: 'Stuck only' })
    await stuckOnly.check()
    await expect(page).toHaveURL(/[?&]stuck=true/)
    const row = page.getByTestId('order-row').filter({ hasText: stuck })
    await expect(row).toHaveCount(1)
    await expect(row).toContainText('stuck')
    await expect(page.getByTestId('order-row').filter({ hasText: moving })).toHaveCount(0)
    await screenshot(page, info.project.name, 'orders-stuck')

    // Reload keeps the filter.
    await page.reload()
    await expect(stuckOnly).toBeChecked()
    await expect(page.getByTestId('order-row').filter({ hasText: stuck })).toHaveCount(1)

    await row.getByRole('link', { name: stuck }).click()
    await expect(page).toHaveURL(new RegExp(`/orders/${stuck}$`))
    await expect(page.getByTestId('stuck-marker')).toContainText('Stuck since')
    await expect(page.getByTestId('order-status')).toContainText('stuck')
    await screenshot(page, info.project.name, 'order-stuck')
  } finally {
    const reset = await request.patch('/api/settings', { data: { stuckThresholdsHours: before } })
    expect(reset.status(), await reset.text()).toBe(200)
  }
})
