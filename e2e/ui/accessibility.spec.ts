// Everyone can use it: axe-core finds nothing on any page, in the light and the dark theme (colour contrast
// included; no rule is switched off). The pages are read from app/(dashboard) and app/(auth), so a new page is
// checked without anyone adding it here; a dynamic page ([orderId], [tn]…) needs a seeded example below, or
// the first test fails. /setup is checked on an empty database in operators.spec.ts (here users exist).
import fs from 'node:fs'
import type { APIRequestContext } from '@playwright/test'
import path from 'node:path'
import { buildEventNotificationXml } from '../../lib/bandwidth/build-notification-xml'
import { expectAccessible } from '../support/axe'
import { askToPortOut, uniqueNumber } from '../support/portout'
import { expect, test } from '../support/test'
import { orderXml, postNotification } from '../support/webhooks'

const APP = path.resolve(import.meta.dirname, '../../app')

/** Every page under a route group, as a route pattern ("/orders/[orderId]"). */
function pagesUnder(group: string, dir = path.join(APP, group), prefix = ''): string[] {
  const here = fs.existsSync(path.join(dir, 'page.tsx')) ? [prefix || '/'] : []
  const below = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => pagesUnder(group, path.join(dir, d.name), `${prefix}/${d.name}`))
  return [...here, ...below]
}

const DASHBOARD = pagesUnder('(dashboard)')

/**
 * Something behind every detail page, and in every list: an order that went through EXCEPTION with a coded
 * message, an event, a refused delivery and a port-out request, all for one new number. Seeded by each test
 * that needs it (tests stay independent: one failing page does not hide the others).
 */
async function seedExamples(request: APIRequestContext): Promise<Record<string, string>> {
  const tn = uniqueNumber()
  const order = orderXml({ status: 'EXCEPTION', tns: [tn] })
  const coded = order.xml.replace('</Notification>', '<Message>5005: The telephone number is unavailable</Message></Notification>')
  expect((await postNotification(request, coded)).status()).toBe(200)
  expect((await postNotification(request, orderXml({ orderId: order.orderId, status: 'FOC', tns: [tn] }).xml)).status()).toBe(200)
  expect((await postNotification(request, buildEventNotificationXml({ eventType: 'MESSAGING_LOST', numbers: [tn] }))).status()).toBe(200)
  expect((await postNotification(request, '<Notification><Status>')).status()).toBe(400)
  await askToPortOut(request, { pon: 'PON-A11Y-1', telephoneNumbers: [tn], accountNumber: 'BAN-1234', zipCode: '27601' })
  const number = await (await request.get(`/api/numbers/${tn}`)).json()
  const events = await (await request.get(`/api/events?number=${tn}&kind=event`)).json()
  return {
    '/orders/[orderId]': `/orders/${encodeURIComponent(order.orderId)}`,
    '/numbers/[tn]': `/numbers/${tn}`,
    '/portouts/[requestId]': `/portouts/${encodeURIComponent(number.portoutRequests[0].id)}`,
    '/events/[notificationId]': `/events/${encodeURIComponent(events.notifications[0].id)}`,
  }
}

test('every dynamic page has an example, and the sign-in page passes axe', async ({ request, browser, baseURL }) => {
  const examples = await seedExamples(request)
  for (const p of DASHBOARD.filter((p) => p.includes('['))) expect(examples[p], `an example URL for ${p}`).toBeDefined()
  expect(pagesUnder('(auth)')).toEqual(expect.arrayContaining(['/login', '/setup']))

  // Signed out: the sign-in page, also with its error showing.
  const anonymous = await browser.newContext({ baseURL })
  const signedOut = await anonymous.newPage()
  await signedOut.goto('/login')
  await expect(signedOut.getByRole('button', { name: 'Sign in' })).toBeVisible()
  await expectAccessible(signedOut, '/login')
  await signedOut.getByLabel('Email').fill('nobody@e2e.test')
  await signedOut.getByLabel('Password').fill('not-the-password')
  await signedOut.getByRole('button', { name: 'Sign in' }).click()
  await expect(signedOut.getByRole('alert')).toBeVisible()
  await expectAccessible(signedOut, '/login with an error')
  await anonymous.close()
})

for (const route of DASHBOARD) {
  test(`${route} passes axe in both themes`, async ({ page, request }) => {
    const url = route === '/' || !route.includes('[') ? route : (await seedExamples(request))[route]
    if (route === '/') await seedExamples(request) // the overview's lists
    // The session of the e2e admin that the `request` fixture signed in (a form sign-in per page is slow: scrypt).
    await page.context().addCookies((await request.storageState()).cookies)
    await page.goto(url)
    await expect(page.locator('main h1').first(), url).toBeVisible()
    await page.waitForLoadState('networkidle')
    await expect(page.locator('[role="status"][aria-label^="Loading"]'), `${url} finished loading`).toHaveCount(0, { timeout: 20_000 })
    await expectAccessible(page, url)
  })
}
