// Retention and erasure in a real Chromium: an admin sets the periods on Settings, sees what a purge would remove
// and queues one; on a number's page an admin erases its CPNI after a confirmation, and the port-out request's
// page says its CPNI was removed; a viewer is offered neither.
import { randomUUID } from 'node:crypto'
import { E2E_ADMIN } from '../../playwright.config'
import { askToPortOut, uniqueNumber } from '../support/portout'
import { expect, PASSWORD, emailFor, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test('an admin sets retention periods and queues a purge; erases a number’s CPNI from its page', async ({
  page,
  request,
  signInAs,
}, info) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto('/settings')
  const card = page.getByRole('region', { name: 'Retention' })
  const bodies = card.getByLabel('Raw delivery bodies (days)')
  await expect(bodies).toHaveValue('90')
  await expect(card.getByLabel('Port-out requests’ CPNI (days)')).toHaveValue('180')
  await expect(card.getByTestId('would-purge-bodies')).toHaveText('0')
  await expect(card.getByLabel('Order timelines and events (days)')).toHaveValue('')
  await expect(card.getByLabel('Bandwidth API call log (days)')).toHaveValue('90')
  await expect(card.getByTestId('would-purge-timelines')).toHaveText('0')
  await bodies.fill('30')
  await card.getByRole('button', { name: 'Save periods' }).click()
  await expect(card.getByRole('status')).toHaveText('Retention periods saved. The hourly purge applies them.')
  expect((await (await request.get('/api/settings/retention')).json()).retentionDays).toEqual({
    deliveryBodies: 30,
    portoutCpni: 180,
    timelines: null,
    bandwidthCalls: 90,
  })
  page.once('dialog', (d) => void d.accept())
  await card.getByRole('button', { name: 'Purge now' }).click()
  await expect(card.getByRole('status')).toContainText('Purge queued')
  await screenshot(page, info.project.name, 'settings-retention')
  await bodies.fill('90')
  await card.getByRole('button', { name: 'Save periods' }).click()
  await expect(card.getByRole('status')).toHaveText('Retention periods saved. The hourly purge applies them.')

  // A subscriber with a port-out request on file asks to be forgotten.
  const tn = uniqueNumber()
  const account = `ERASE-${randomUUID().slice(0, 8)}`
  const operator = await signInAs('operator')
  const records = [{ telephoneNumber: tn, accountNumber: account, pin: '1234', zipCode: '27601', subscriberName: 'Forget Me LLC' }]
  expect((await operator.post('/api/subscribers', { data: { records } })).status()).toBe(200)
  await askToPortOut(request, {
    pon: `PON-${randomUUID().slice(0, 8)}`,
    telephoneNumbers: [tn],
    accountNumber: account,
    zipCode: '27601',
    pin: '1234',
  })
  const requestId = ((await (await request.get(`/api/numbers/${tn}`)).json()) as { portoutRequests: { id: string }[] }).portoutRequests[0]
    .id

  await page.goto(`/numbers/${tn}`)
  const erase = page.getByRole('region', { name: 'Erase CPNI' })
  page.once('dialog', (d) => {
    expect(d.message()).toContain('cannot be undone')
    void d.dismiss()
  })
  await erase.getByRole('button', { name: 'Erase this number’s CPNI' }).click()
  expect((await (await request.get(`/api/subscribers?q=${tn}`)).json()).records).toHaveLength(1) // dismissed: nothing erased
  page.once('dialog', (d) => void d.accept())
  await erase.getByRole('button', { name: 'Erase this number’s CPNI' }).click()
  await expect(erase.getByRole('status')).toHaveText('Erased: 1 subscriber record, CPNI of 1 port-out request.')
  expect((await (await request.get(`/api/subscribers?q=${tn}`)).json()).records).toEqual([])

  await page.goto(`/portouts/${requestId}`)
  await expect(page.getByTestId('cpni-purged')).toContainText('was removed on')
  const revealed = await request.post(`/api/portouts/${requestId}/reveal`)
  expect(JSON.stringify(await revealed.json())).not.toContain(account)

  // A viewer is offered neither the erasure nor the settings.
  await signInAs('viewer')
  const viewerPage = await page.context().browser()!.newPage()
  await signInWithForm(viewerPage, emailFor('viewer'), PASSWORD)
  await viewerPage.goto(`/numbers/${tn}`)
  await expect(viewerPage.getByTestId('number-e164')).toBeVisible()
  await expect(viewerPage.getByRole('region', { name: 'Erase CPNI' })).toHaveCount(0)
  await viewerPage.close()
})
