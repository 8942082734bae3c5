// One click between related things, in a real Chromium: an event in the feed opens its own page with its payload
// and a link to its delivery (and the delivery to the order); a number's page shows its subscriber record (CPNI
// masked) and lock, with Lock/Unlock for operators and neither for viewers; its copy is true for every combination.
import { randomUUID } from 'node:crypto'
import { buildEventNotificationXml, buildOrderNotificationXml } from '../../lib/bandwidth/build-notification-xml'
import { E2E_ADMIN } from '../../playwright.config'
import { askToPortOut, signedInPage, uniqueNumber } from '../support/portout'
import { emailFor, expect, PASSWORD, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { postNotification } from '../support/webhooks'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

const unique = () => randomUUID().slice(0, 8)

test('an order step in the feed opens its page: payload, delivery, and the delivery’s order', async ({ page, request }, info) => {
  const orderId = `e2e-event-${unique()}`
  const tn = uniqueNumber()
  const xml = buildOrderNotificationXml({ orderId, orderType: 'portins', status: 'EXCEPTION', message: '7513: PIN Invalid', numbers: [tn] })
  expect((await postNotification(request, xml)).status()).toBe(200)
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)

  await page.goto(`/events?number=${tn}`)
  const row = page.getByTestId('event-row')
  await expect(row).toHaveCount(1)
  await row.getByTestId('event-open').click()
  await expect(page).toHaveURL(/\/events\/[\w-]+$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('portins order step: EXCEPTION')
  await expect(page.getByTestId('event-detail')).toContainText('7513')
  // The payload is the delivery's body as received (pretty-printed), with the times labelled by zone.
  await expect(page.getByTestId('event-payload')).toContainText(`<OrderId>${orderId}</OrderId>`)
  await expect(page.getByTestId('event-payload')).toContainText('<Status>EXCEPTION</Status>')
  await expect(page.getByTestId('event-detail').locator('time').first()).toHaveText(
    /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2} E[SD]T$/,
  )
  await screenshot(page, info.project.name, 'event-detail')
  await page.setViewportSize({ width: 390, height: 844 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await screenshot(page, info.project.name, 'phone-event-detail')
  await page.setViewportSize({ width: 1280, height: 800 })

  await page.getByTestId('event-delivery-link').click()
  await expect(page).toHaveURL(/\/deliveries\?q=/)
  const delivery = page.getByTestId('delivery-row')
  await expect(delivery).toHaveCount(1)
  await delivery.getByRole('link', { name: `Order ${orderId}` }).click()
  await expect(page).toHaveURL(`/orders/${orderId}`)
})

test('an event (not an order step) opens its page too, and says it has no order', async ({ page, request }) => {
  const tn = uniqueNumber()
  expect((await postNotification(request, buildEventNotificationXml({ eventType: 'MESSAGING_LOST', numbers: [tn] }))).status()).toBe(200)
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto(`/events?number=${tn}`)
  await page.getByTestId('event-row').getByTestId('event-open').click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Event MESSAGING_LOST')
  await expect(page.getByTestId('event-payload')).toContainText('<EventType>MESSAGING_LOST</EventType>')
  await expect(page.getByRole('link', { name: 'Open its order' })).toHaveCount(0)
  await page.goto('/events/no-such-notification')
  await expect(page.getByRole('heading', { name: 'No such notification' })).toBeVisible()
})

test('a number’s subscriber record and lock: operators lock and unlock, viewers see it masked and no buttons', async ({
  page,
  request,
  browser,
  baseURL,
  signInAs,
}, info) => {
  const tn = uniqueNumber()
  const e164 = `+1${tn}`
  const saved = await request.post('/api/subscribers', {
    data: {
      records: [{ telephoneNumber: tn, accountNumber: 'BAN-77310452', pin: '4821', zipCode: '27601', subscriberName: 'Oak City Dental' }],
    },
  })
  expect(saved.status(), await saved.text()).toBe(200)
  const orderId = `e2e-number-${unique()}`
  for (const status of ['SUBMITTED', 'FOC'])
    expect(
      (await postNotification(request, buildOrderNotificationXml({ orderId, orderType: 'portins', status, numbers: [tn] }))).status(),
    ).toBe(200)

  await signInAs('operator')
  const operator = await signedInPage(browser, baseURL!, emailFor('operator'), PASSWORD)
  await operator.goto(`/numbers/${tn}`)
  const record = operator.getByTestId('number-record')
  await expect(record.getByTestId('record-account')).toHaveText('••••0452')
  await expect(record).toContainText('on file')
  await expect(record).not.toContainText('77310452')
  const lock = operator.getByTestId('number-lock')
  await expect(lock).toHaveAttribute('data-locked', 'false')
  await lock.getByLabel('Reason (optional)').fill('E2E: SIM-swap attempt')
  await lock.getByRole('button', { name: 'Lock against port-out' }).click()
  await expect(lock).toHaveAttribute('data-locked', 'true')
  await expect(lock).toContainText('E2E: SIM-swap attempt')
  await expect(lock.getByTestId('lock-effect')).toBeVisible()
  await screenshot(operator, info.project.name, 'number-record-locked')
  await operator.setViewportSize({ width: 390, height: 844 })
  expect(await operator.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await screenshot(operator, info.project.name, 'phone-number-record')

  // A viewer reads the same record and lock, masked, with no buttons.
  await signInAs('viewer')
  const viewer = await signedInPage(browser, baseURL!, emailFor('viewer'), PASSWORD)
  await viewer.goto(`/numbers/${encodeURIComponent(e164)}`)
  await expect(viewer.getByTestId('record-account')).toHaveText('••••0452')
  await expect(viewer.getByTestId('number-lock')).toHaveAttribute('data-locked', 'true')
  await expect(viewer.getByRole('button', { name: /Lock against port-out|Unlock/ })).toHaveCount(0)
  await viewer.context().close()

  await operator.setViewportSize({ width: 1280, height: 800 })
  await lock.getByRole('button', { name: 'Unlock' }).click()
  await expect(lock).toHaveAttribute('data-locked', 'false')
  await expect(lock).toContainText('Not locked')
  await operator.context().close()
  void page
})

test('a number’s copy is true for every combination of what mentioned it', async ({ page, request }) => {
  const eventsOnly = uniqueNumber()
  const eventsAndPortouts = uniqueNumber()
  const nothing = uniqueNumber()
  for (const tn of [eventsOnly, eventsAndPortouts])
    expect((await postNotification(request, buildEventNotificationXml({ eventType: 'MESSAGING_LOST', numbers: [tn] }))).status()).toBe(200)
  await askToPortOut(request, { pon: `E2E-COPY-${unique()}`, telephoneNumbers: [eventsAndPortouts] })
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)

  await page.goto(`/numbers/${eventsOnly}`)
  await expect(page.getByTestId('number-no-orders')).toHaveText('No order mentioned this number: only events did.')
  await page.goto(`/numbers/${eventsAndPortouts}`)
  await expect(page.getByTestId('number-no-orders')).toHaveText('No order mentioned this number: only events and port-out requests did.')
  await page.goto(`/numbers/${nothing}`)
  await expect(page.getByText(`Nothing about +1${nothing} has arrived yet`)).toBeVisible()
  await expect(page.getByTestId('number-record')).toContainText('No subscriber record')
})
