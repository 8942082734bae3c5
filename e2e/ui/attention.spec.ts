// "What needs me, and why", on one screen, in a real Chromium: the overview's Needs attention rows say why
// (the coded message) and "see all" lands on exactly those orders; a FOC date due or missed is an alarm on
// the overview, in the orders table and on the order page; port-outs (denied, fallback, proposals, locks)
// have their place beside orders; the status filter finds orders that were ever in a status.
import { randomUUID } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { buildOrderNotificationXml, type OrderNotificationFields } from '../../lib/bandwidth/build-notification-xml'
import { E2E_ADMIN } from '../../playwright.config'
import { activePolicy, askToPortOut, signInSecondAdmin, uniqueNumber } from '../support/portout'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { postNotification } from '../support/webhooks'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

const HOUR = 3_600_000
const DAY = 24 * HOUR
const unique = () => randomUUID().slice(0, 8)

async function post(request: APIRequestContext, f: Omit<OrderNotificationFields, 'orderType'> & { orderType?: string }) {
  const res = await postNotification(request, buildOrderNotificationXml({ orderType: 'portins', ...f }))
  expect(res.status(), await res.text()).toBe(200)
}

/** Every row of the orders list, clicking "Load more" until the last page. */
async function allOrderIds(page: Page): Promise<string[]> {
  await expect(page.getByTestId('orders-summary')).toContainText('shown')
  while (await page.getByRole('button', { name: 'Load more orders' }).isVisible()) {
    const before = await page.getByTestId('order-row').count()
    await page.getByRole('button', { name: 'Load more orders' }).click()
    await expect.poll(() => page.getByTestId('order-row').count()).toBeGreaterThan(before)
  }
  return page.getByTestId('order-row').locator('th a').allTextContents()
}

async function count(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).first().textContent())!.replace(/,/g, ''))
}

test('Needs attention says why, and “see all” lands on exactly those orders', async ({ page, request }, info) => {
  const batch = unique()
  const ids = Array.from({ length: 22 }, (_, i) => `e2e-att-${batch}-${String(i).padStart(2, '0')}`)
  const t0 = Date.now() - HOUR
  for (const [i, orderId] of ids.entries()) {
    await post(request, { orderId, status: 'SUBMITTED', lastModifiedDate: new Date(t0 + i * 1000).toISOString() })
    await post(request, {
      orderId,
      status: 'EXCEPTION',
      message: '5005: The telephone number is unavailable',
      lastModifiedDate: new Date(t0 + i * 1000 + 500).toISOString(),
    })
  }
  // A note after the exception carries no status: the reason is still the EXCEPTION's message.
  await post(request, { orderId: ids[21], note: 'Customer called back', lastModifiedDate: new Date(t0 + 30_000).toISOString() })

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/')
  const total = await count(page, 'count-attention')
  expect(total).toBeGreaterThanOrEqual(22)
  const rows = page.getByTestId('attention-order')
  await expect(rows).toHaveCount(20)
  const newest = page.locator(`[data-testid="attention-order"][data-order-id="${ids[21]}"]`)
  await expect(newest.getByTestId('attention-reason')).toHaveText('5005The telephone number is unavailable')
  await expect(newest.getByTestId('attention-reason').locator('code')).toHaveText('5005')
  await screenshot(page, info.project.name, 'overview-attention')

  await page.getByTestId('attention-see-all').click()
  await expect(page).toHaveURL(/\/orders\?attention=true$/)
  await expect(page.getByTestId('orders-preset')).toContainText('Needs attention')
  const listed = await allOrderIds(page)
  expect(listed).toHaveLength(total)
  for (const id of ids) expect(listed).toContain(id)
})

test('a FOC date due or missed is an alarm on the overview, in the orders table and on the order page', async ({ page, request }, info) => {
  const batch = unique()
  const [missed, tomorrow, later, done] = ['missed', 'tomorrow', 'later', 'done'].map((k) => `e2e-foc-${k}-${batch}`)
  const now = Date.now()
  const startOfUtcToday = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate())
  const lmd = new Date(now - HOUR).toISOString()
  await post(request, {
    orderId: missed,
    status: 'FOC',
    lastModifiedDate: lmd,
    actualFocDate: new Date(now - 5 * DAY - HOUR).toISOString(),
  })
  await post(request, {
    orderId: tomorrow,
    status: 'FOC',
    lastModifiedDate: lmd,
    actualFocDate: new Date(startOfUtcToday + DAY + 12 * HOUR).toISOString(),
  })
  await post(request, { orderId: later, status: 'FOC', lastModifiedDate: lmd, actualFocDate: new Date(now + 5 * DAY).toISOString() })
  await post(request, { orderId: done, status: 'FOC', lastModifiedDate: lmd, actualFocDate: new Date(now - 3 * DAY).toISOString() })
  await post(request, { orderId: done, status: 'COMPLETE', lastModifiedDate: new Date(now - HOUR / 2).toISOString() })

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/')
  const focRows = page.getByTestId('foc-order')
  await expect(focRows.filter({ hasText: missed.slice(0, 8) }).first()).toBeVisible()
  const focTotal = await count(page, 'count-foc')
  expect(focTotal).toBeGreaterThanOrEqual(2)
  const missedRow = page.getByTestId('foc-order').filter({ has: page.getByRole('link', { name: `Order ${missed}` }) })
  await expect(missedRow.getByTestId('foc-alarm')).toHaveText(/FOC missed 5 d ago/)
  await expect(missedRow.getByTestId('foc-alarm')).toHaveAttribute('data-level', 'passed')
  const tomorrowRow = page.getByTestId('foc-order').filter({ has: page.getByRole('link', { name: `Order ${tomorrow}` }) })
  await expect(tomorrowRow.getByTestId('foc-alarm')).toHaveText(/FOC due tomorrow/)
  await expect(page.getByRole('link', { name: `Order ${later}` }).and(page.locator('[data-testid="foc-order"] a'))).toHaveCount(0)
  await expect(page.getByRole('link', { name: `Order ${done}` }).and(page.locator('[data-testid="foc-order"] a'))).toHaveCount(0)

  await page.getByTestId('foc-see-all').click()
  await expect(page).toHaveURL(/\/orders\?foc=due$/)
  const listed = await allOrderIds(page)
  expect(listed).toHaveLength(focTotal)
  expect(listed).toEqual(expect.arrayContaining([missed, tomorrow]))
  expect(listed).not.toContain(later)
  expect(listed).not.toContain(done)
  const row = page.getByTestId('order-row').filter({ has: page.getByRole('link', { name: missed, exact: true }) })
  await expect(row.getByTestId('foc-alarm')).toHaveText(/FOC missed 5 d ago/)

  await page.goto(`/orders/${missed}`)
  await expect(page.getByTestId('foc-countdown')).toContainText('FOC missed 5 d ago')
  await expect(page.getByTestId('foc-countdown')).toContainText('still FOC')
  await screenshot(page, info.project.name, 'order-foc-missed')
  await page.goto(`/orders/${later}`)
  await expect(page.getByTestId('foc-countdown')).toHaveText(/^FOC in 4 d 23 h|^FOC in 5 d$/)
  await expect(page.getByTestId('foc-alarm')).toHaveCount(0)
})

test('the status filter finds orders that were ever in a status, and lists the chosen type’s states', async ({ page, request }) => {
  const batch = unique()
  const [recovered, stillIn] = [`e2e-ever-recovered-${batch}`, `e2e-ever-still-${batch}`]
  const t0 = Date.now() - 2 * HOUR
  await post(request, {
    orderId: recovered,
    status: 'EXCEPTION',
    message: '7513: PIN Invalid',
    lastModifiedDate: new Date(t0).toISOString(),
  })
  await post(request, { orderId: recovered, status: 'SUBMITTED', lastModifiedDate: new Date(t0 + HOUR).toISOString() })
  await post(request, { orderId: stillIn, status: 'EXCEPTION', lastModifiedDate: new Date(t0).toISOString() })

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto(`/orders?q=${recovered}`)
  await expect(page.getByTestId('order-row')).toHaveCount(1)

  await page.goto('/orders?type=portins&status=EXCEPTION')
  let listed = await allOrderIds(page)
  expect(listed).toContain(stillIn)
  expect(listed).not.toContain(recovered)

  await page.getByLabel('ever in status').check()
  await expect(page).toHaveURL(/ever=true/)
  await expect.poll(async () => (await allOrderIds(page)).includes(recovered)).toBe(true)
  listed = await allOrderIds(page)
  expect(listed).toContain(stillIn)
  await page.getByLabel('now in status').check()
  await expect.poll(async () => (await allOrderIds(page)).includes(recovered)).toBe(false)

  // The status list follows the type: a port-in's states, then a new-number order's.
  const status = page.getByRole('combobox', { name: /^Status/ })
  await expect(status.locator('option', { hasText: 'FOC' })).toHaveCount(1)
  await expect(status.locator('option', { hasText: 'BACKORDERED' })).toHaveCount(0)
  await page.getByLabel('Type', { exact: true }).fill('orders')
  await expect(page).toHaveURL(/type=orders/)
  await expect(status.locator('option', { hasText: 'BACKORDERED' })).toHaveCount(1)
  await expect(status.locator('option', { hasText: /^FOC$/ })).toHaveCount(0)
})

test('port-outs have their place on the overview: denied, fallback answers, proposals waiting, locks', async ({
  page,
  request,
  playwright,
  baseURL,
}, info) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/')
  await expect(page.getByTestId('portout-denied')).toBeVisible()
  const before = {
    denied: await count(page, 'portout-denied'),
    fallback: await count(page, 'portout-fallback'),
    proposals: await count(page, 'portout-proposals'),
    locks: await count(page, 'portout-locks'),
  }

  // An unreadable request: the fallback answers it (Portable=false 7598 by default).
  const pon = `E2E-BROKEN-${unique()}`
  await askToPortOut(request, `<PortOutValidationRequest><PON>${pon}</PON><TelephoneNumbers><TelephoneNumber>9195550123`)
  const number = uniqueNumber()
  const added = await request.post('/api/subscribers', {
    data: { records: [{ telephoneNumber: number, accountNumber: `ACC-${unique()}` }] },
  })
  expect(added.status(), await added.text()).toBe(200)
  const locked = await request.post('/api/subscribers/lock', {
    data: { telephoneNumber: number, locked: true, reason: 'E2E: SIM-swap report' },
  })
  expect(locked.status(), await locked.text()).toBe(200)
  const summary = `E2E overview proposal ${unique()}`
  const proposed = await request.post('/api/policy/proposals', { data: { summary, policy: (await activePolicy(request)).policy } })
  expect(proposed.status(), await proposed.text()).toBe(201)
  const { proposal } = (await proposed.json()) as { proposal: { id: string } }

  try {
    await expect(page.getByTestId('portout-proposals')).toHaveText(String(before.proposals + 1), { timeout: 15_000 })
    await expect(page.getByTestId('portout-denied')).toHaveText(String(before.denied + 1))
    await expect(page.getByTestId('portout-fallback')).toHaveText(String(before.fallback + 1))
    await expect(page.getByTestId('portout-locks')).toHaveText(String(before.locks + 1))
    await expect(page.getByTestId('portout-proposal-row').filter({ hasText: summary })).toBeVisible()
    await expect(page.getByTestId('portout-lock-row').filter({ hasText: `+1${number}` })).toContainText('SIM-swap report')
    const broken = page.getByTestId('portout-attention-row').filter({ hasText: 'fallback' }).first()
    await expect(broken).toContainText('7598')
    await screenshot(page, info.project.name, 'overview-portouts')

    // The counts are links to the log filtered to the same requests.
    await page.getByTestId('portout-fallback').click()
    await expect(page).toHaveURL(/\/portouts\?fallback=true&from=/)
    await expect(page.getByTestId('portouts-preset')).toContainText('Answered by the fallback')
    await expect(page.getByTestId('portouts-summary')).toContainText('shown')
    const shown = Number((await page.getByTestId('portouts-summary').textContent())!.match(/^(\d+)/)![1])
    expect(shown).toBe(before.fallback + 1)
  } finally {
    const second = await signInSecondAdmin(
      request,
      await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } }),
    )
    await second.post(`/api/policy/proposals/${proposal.id}`, { data: { decision: 'reject', comment: 'e2e: only for the overview' } })
    await second.dispose()
    await request.post('/api/subscribers/lock', { data: { telephoneNumber: number, locked: false } })
  }
})
