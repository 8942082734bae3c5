// Port-out rules that say what operators mean, in a real Chromium: an operator drafts "check the ZIP only
// when the request carries one", an admin approves it; a request without a ZIP is then portable and one
// with a wrong ZIP is denied 7515.
import type { APIRequestContext, Page } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import { activePolicy, askToPortOut, resetPolicyIfNeeded, signedInPage, uniqueNumber } from '../support/portout'
import { emailFor, expect, PASSWORD, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

async function addSubscriber(operator: APIRequestContext, number: string, account: string): Promise<void> {
  const res = await operator.post('/api/subscribers', {
    data: { records: [{ telephoneNumber: number, accountNumber: account, zipCode: '27609', subscriberName: 'Oak City Dental LLC' }] },
  })
  expect(res.status(), await res.text()).toBe(200)
}

/** An admin (not the proposer) approves the pending proposal with this summary, in the queue. */
async function approveInQueue(adminPage: Page, request: APIRequestContext, summary: string): Promise<void> {
  await adminPage.goto('/portouts/approvals')
  const pending = adminPage.getByTestId('pending-proposal').filter({ hasText: summary })
  await pending.getByLabel('Comment').fill('e2e: checked')
  await pending.getByRole('button', { name: 'Approve' }).click()
  await expect(adminPage.getByRole('status').filter({ hasText: /v\d+ is now the active policy/ })).toBeVisible()
  const { version } = await activePolicy(request)
  await expect(adminPage.getByRole('heading', { name: `Active policy: v${version}` })).toBeVisible()
}

test('an operator drafts "check the ZIP only when the request carries one"; after approval no ZIP is portable, a wrong ZIP is 7515', async ({
  page,
  browser,
  baseURL,
  request,
  signInAs,
}, info) => {
  test.setTimeout(120_000)
  const suffix = String(Date.now()).slice(-6)
  const n = uniqueNumber()
  const summary = `Check the ZIP only when given (${suffix})`
  const operator = await signInAs('operator')
  expect((await activePolicy(request)).policy.rules, 'this test starts from the default policy').toEqual([])
  await addSubscriber(operator, n, `ACCT-ZIP-${suffix}`)

  try {
    await signInWithForm(page, emailFor('operator'), PASSWORD)
    await page.goto('/portouts/approvals')
    await page.getByRole('button', { name: 'Propose a change' }).click()
    await page.getByLabel('New rule').selectOption('zip_match')
    await page.getByRole('button', { name: 'Add rule' }).click()
    const rule = page.getByRole('group', { name: /^Rule 1: zip_match/ })
    await expect(rule).toContainText('(7515, 7514)') // by default a missing ZIP is denied, as before the option existed
    await rule.getByLabel('Mode').selectOption('enforce')
    const absent = rule.getByLabel('When the request has no ZIP code')
    await expect(absent).toHaveValue('fail')
    await absent.selectOption({ label: 'Pass: check the ZIP code only when the request carries one' })
    await expect(rule).toContainText('(7515)')
    await page.getByLabel('Summary').fill(summary)
    await expect(page.getByTestId('draft-diff').locator('[data-change="added"]')).toContainText(
      'zip_match (only when the request carries a ZIP code) · 7515 · all numbers · enforce',
    )
    await screenshot(page, info.project.name, 'approvals-zip-when-given')
    await page.getByRole('button', { name: 'Submit for approval' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Another admin must approve it' })).toBeVisible()

    const adminPage = await signedInPage(browser, baseURL!, E2E_ADMIN.email, E2E_ADMIN.password)
    await approveInQueue(adminPage, request, summary)
    const active = adminPage.getByTestId('active-policy').locator('[data-testid="policy-rule"][data-kind="zip_match"]')
    await expect(active).toContainText('only when the request carries a ZIP code')
    await expect(active.getByTestId('rule-sentence')).toContainText(
      'The ZIP code must match the record, checked only when the request carries one',
    )
    await adminPage.context().close()

    const noZip = await askToPortOut(request, { pon: `NOZIP-${suffix}`, telephoneNumbers: [n] })
    expect(noZip).toContain('<Portable>true</Portable>')
    const wrongZip = await askToPortOut(request, { pon: `BADZIP-${suffix}`, zipCode: '10001', telephoneNumbers: [n] })
    expect(wrongZip).toContain('<Portable>false</Portable>')
    expect(wrongZip).toContain('<Code>7515</Code>')
    expect(wrongZip).not.toContain('<Code>7514</Code>')
    const rightZip = await askToPortOut(request, { pon: `OKZIP-${suffix}`, zipCode: '27609-1234', telephoneNumbers: [n] })
    expect(rightZip).toContain('<Portable>true</Portable>')
  } finally {
    await resetPolicyIfNeeded(request, operator)
  }
})
