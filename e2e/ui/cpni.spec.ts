// CPNI in a real Chromium: a viewer sees account, ZIP and name masked on every screen that shows them
// (lists, the detail page's raw XML, the deliveries log, the number page, the subscribers page), with no
// way to reveal; an operator reveals one request and one record, downloads the clear evidence, and an
// admin finds each reveal in the audit log.
import type { Page } from '@playwright/test'
import { buildPortoutValidationRequestXml } from '../../lib/bandwidth/build-portout-validation-request'
import { E2E_ADMIN, E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { emailFor, expect, PASSWORD, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { basicAuth } from '../support/webhooks'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

/** Neither the visible text nor the DOM (attributes, hidden nodes) holds any of `clear`. */
async function expectNoneOf(page: Page, clear: string[], where: string): Promise<void> {
  const text = await page.locator('body').innerText()
  const html = await page.content()
  expect(
    clear.filter((c) => text.includes(c) || html.includes(c)),
    where,
  ).toEqual([])
}

test('a viewer sees CPNI only masked; an operator reveals it, and the audit log shows each reveal', async ({
  page,
  browser,
  baseURL,
  request: admin,
  signInAs,
}, info) => {
  test.setTimeout(120_000)
  const project = info.project.name
  const suffix = String(Date.now()).slice(-4)
  const number = `907556${suffix}`
  const e164 = `+1${number}`
  const record = { accountNumber: `QZX-UI-${suffix}48813`, zipCode: '99655', subscriberName: `Ottoline Brackenridge ${suffix}` }
  const sent = { accountNumber: `QZX-UIS-${suffix}27744`, zipCode: '99677', subscriberName: '=HYPERLINK("http://evil.example/y","Open")' }
  const clear = [record.accountNumber, sent.accountNumber, '99655', '99677', 'Ottoline', 'Brackenridge', 'HYPERLINK', 'evil.example']

  const operator = await signInAs('operator')
  await signInAs('viewer') // creates viewer@e2e.test
  expect(
    (await operator.post('/api/subscribers', { data: { records: [{ telephoneNumber: number, pin: '2468', ...record }] } })).status(),
  ).toBe(200)
  const answered = await admin.post('/api/webhooks/bandwidth/portout-validation', {
    data: buildPortoutValidationRequestXml({ pon: `CPNI-UI-${suffix}`, pin: '2468', telephoneNumbers: [number], ...sent }),
    headers: {
      'Content-Type': 'application/xml',
      Authorization: basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password),
    },
  })
  expect(answered.status()).toBe(200)
  const requestId = answered.headers()['x-portwatch-portout-request']
  const { deliveryId } = await (await admin.get(`/api/portouts/${requestId}`)).json()

  // ── The viewer, screen by screen.
  await signInWithForm(page, emailFor('viewer'), PASSWORD)
  await page.goto('/portouts')
  const row = page.locator(`[data-testid="portout-row"][data-pon="CPNI-UI-${suffix}"]`)
  await expect(row).toContainText('••••7744')
  await expectNoneOf(page, clear, 'port-out list')

  await page.goto(`/portouts/${requestId}`)
  await expect(page.getByTestId('request-xml')).toContainText('<AccountNumber>••••7744</AccountNumber>')
  await expect(page.getByTestId('sent-fields')).toContainText('••••7744')
  await expect(page.getByTestId('response-xml')).toContainText('<Portable>true</Portable>')
  await expect(page.getByRole('button', { name: 'Reveal CPNI' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /with CPNI in clear/ })).toHaveCount(0)
  await page.getByLabel('Pretty-print (changes whitespace only)').first().uncheck() // the exact text, too
  await expect(page.getByTestId('request-xml')).toContainText('<AccountNumber>••••7744</AccountNumber>')
  await expectNoneOf(page, clear, 'port-out detail')
  await screenshot(page, project, 'portout-detail-viewer')

  await page.goto(`/numbers/${number}`)
  await expect(page.getByTestId('number-portout')).toHaveCount(1)
  await expectNoneOf(page, clear, 'number page')

  await page.goto('/deliveries')
  const delivery = page.locator(`[data-testid="delivery-row"][data-id="${deliveryId}"]`)
  await delivery.getByRole('button', { name: 'View body' }).click()
  await expect(page.getByTestId('delivery-body')).toContainText('••••7744')
  await expect(page.getByTestId('delivery-detail')).toContainText('masked')
  await expectNoneOf(page, clear, 'deliveries log')

  await page.goto(`/subscribers?q=${number}`)
  const subscriber = page.locator(`[data-testid="subscriber-row"][data-number="${e164}"]`)
  await expect(subscriber).toContainText('••••8813')
  await expect(subscriber).toContainText('••••55')
  await expect(subscriber.getByRole('button', { name: /^Reveal/ })).toHaveCount(0)
  await expectNoneOf(page, clear, 'subscribers page')
  await page.getByLabel('Search', { exact: true }).fill('Ottoline')
  await page.getByLabel('Search', { exact: true }).press('Enter')
  await expect(page.getByTestId('subscribers-summary')).toHaveText('0 records matching “Ottoline”')

  // ── The operator: masked by default, revealed on demand.
  const context = await browser.newContext({ baseURL, timezoneId: 'America/New_York', locale: 'en-US' })
  const op = await context.newPage()
  await signInWithForm(op, emailFor('operator'), PASSWORD)
  await op.goto(`/portouts/${requestId}`)
  await expect(op.getByTestId('request-xml')).toContainText('<AccountNumber>••••7744</AccountNumber>')
  await expectNoneOf(op, clear, 'port-out detail, operator, before the reveal')
  await op.getByRole('button', { name: 'Reveal CPNI' }).click()
  await expect(op.getByTestId('sent-fields')).toContainText(sent.accountNumber)
  await expect(op.getByTestId('sent-fields')).toContainText(sent.subscriberName)
  await expect(op.getByTestId('request-xml')).toContainText(`<AccountNumber>${sent.accountNumber}</AccountNumber>`)
  await expect(op.getByTestId('request-xml')).toContainText('<Pin>(withheld)</Pin>')
  await screenshot(op, project, 'portout-detail-revealed')
  await op.getByRole('button', { name: 'Hide CPNI' }).click()
  await expect(op.getByTestId('sent-fields')).not.toContainText(sent.accountNumber)

  const [download] = await Promise.all([
    op.waitForEvent('download'),
    op.getByRole('button', { name: 'Download with CPNI in clear (CSV)' }).click(),
  ])
  expect(download.suggestedFilename()).toBe(`portout-${requestId}-cpni.csv`)
  const csv = await streamToText(await download.createReadStream())
  expect(csv).toContain(`"${sent.accountNumber}"`)
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/y"",""Open"")"`) // neutralised, not a formula
  expect(csv).toContain(`"${record.subscriberName}"`)

  await op.goto(`/subscribers?q=${number}`)
  const opRow = op.locator(`[data-testid="subscriber-row"][data-number="${e164}"]`)
  await expect(opRow).toContainText('••••8813')
  await expect(opRow).toHaveAttribute('data-cpni', 'masked')
  await opRow.getByRole('button', { name: `Reveal ${e164}` }).click()
  await expect(opRow).toContainText(record.accountNumber)
  await expect(opRow).toContainText(record.subscriberName)
  await expect(opRow).toHaveAttribute('data-cpni', 'revealed')
  await opRow.getByRole('button', { name: `Hide ${e164}` }).click()
  await expect(opRow).not.toContainText(record.accountNumber)
  await context.close()

  // ── The admin reads the reveals in the audit log: who and what, never the values.
  const adminContext = await browser.newContext({ baseURL, timezoneId: 'America/New_York', locale: 'en-US' })
  const adminPage = await adminContext.newPage()
  await signInWithForm(adminPage, E2E_ADMIN.email, E2E_ADMIN.password)
  await adminPage.goto('/audit')
  await adminPage.getByLabel('Action starts with').fill('cpni.reveal')
  const reveals = adminPage.getByTestId('audit-entry').filter({ hasText: emailFor('operator') })
  await expect(reveals.filter({ hasText: `subscriber ${e164}` })).toHaveCount(1)
  await expect(reveals.filter({ hasText: `port-out request ${requestId}` })).toHaveCount(2) // the reveal and the clear export
  await expectNoneOf(adminPage, clear, 'audit log')
  await screenshot(adminPage, project, 'audit-cpni-reveals')
  await adminContext.close()
})

async function streamToText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}
