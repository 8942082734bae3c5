// Port-out rules that say what operators mean, in a real Chromium:
// - an operator drafts "check the ZIP only when the request carries one", an admin approves it; a request
//   without a ZIP is then portable and one with a wrong ZIP is denied 7515;
// - a lock under a policy without a locked_denied rule says it changes nothing (lock result, subscriber row,
//   number page) and offers the rule; an admin proposes it from there, a second admin approves; the lock is
//   then effective everywhere and a port-out of the number is denied.
import type { APIRequestContext, Page } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import {
  activePolicy,
  askToPortOut,
  ensureSecondAdmin,
  resetPolicyIfNeeded,
  SECOND_ADMIN,
  signedInPage,
  uniqueNumber,
} from '../support/portout'
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

test('a lock with no locked_denied rule says it changes nothing and offers the rule; once approved the lock is effective and denies', async ({
  page,
  browser,
  baseURL,
  request,
  signInAs,
}, info) => {
  test.setTimeout(150_000)
  const project = info.project.name
  const suffix = String(Date.now()).slice(-6)
  const n = uniqueNumber()
  const e164 = `+1${n}`
  const operator = await signInAs('operator')
  expect((await activePolicy(request)).policy.rules, 'this test starts from the default policy').toEqual([])
  await addSubscriber(operator, n, `ACCT-LOCK-${suffix}`)

  try {
    // ── The operator locks the number: recorded, but "not effective", with the reason and the offer.
    await signInWithForm(page, emailFor('operator'), PASSWORD)
    await page.goto(`/subscribers?q=${encodeURIComponent(e164)}`)
    const row = page.locator(`[data-testid="subscriber-row"][data-number="${e164}"]`)
    await row.getByRole('button', { name: `Lock ${e164}` }).click()
    const lockForm = page.getByRole('form', { name: 'Lock or unlock' })
    await lockForm.getByLabel('Reason').fill('E2E: SIM-swap attempt reported')
    await lockForm.getByRole('button', { name: 'Lock number' }).click()
    await expect(lockForm.getByRole('status')).toHaveText(`Locked ${e164}.`)
    const result = lockForm.getByTestId('lock-result-effect')
    await expect(result).toHaveAttribute('data-effective', 'false')
    await expect(result).toContainText('not effective')
    await expect(result).toContainText('There is no locked_denied rule')
    await expect(result.getByRole('link', { name: 'Propose a locked_denied rule' })).toHaveAttribute(
      'href',
      '/portouts/approvals?propose=locked_denied',
    )
    const rowEffect = row.getByTestId('lock-effect')
    await expect(rowEffect).toHaveAttribute('data-effective', 'false')
    await expect(rowEffect).toContainText('not effective')
    await screenshot(page, project, 'subscribers-lock-not-effective')

    // The number page says the same; a viewer reads why but gets no offer.
    await page.goto(`/numbers/${encodeURIComponent(e164)}`)
    const numberLock = page.getByTestId('number-lock')
    await expect(numberLock).toContainText('E2E: SIM-swap attempt reported')
    await expect(numberLock.getByTestId('lock-effect')).toHaveAttribute('data-effective', 'false')
    await expect(numberLock.getByRole('link', { name: 'Propose a locked_denied rule' })).toBeVisible()
    await signInAs('viewer') // creates viewer@e2e.test
    const viewer = await signedInPage(browser, baseURL!, emailFor('viewer'), PASSWORD)
    await viewer.goto(`/numbers/${encodeURIComponent(e164)}`)
    await expect(viewer.getByTestId('number-lock').getByTestId('lock-effect')).toContainText('not effective')
    await expect(viewer.getByTestId('number-lock').getByRole('link', { name: 'Propose a locked_denied rule' })).toHaveCount(0)
    await expect(viewer.getByTestId('number-lock')).toContainText('An operator can propose a locked_denied rule')
    await viewer.context().close()

    // As the lock said: a port-out of the locked number is still allowed.
    expect(await askToPortOut(request, { pon: `LOCKED-ALLOWED-${suffix}`, telephoneNumbers: [n] })).toContain('<Portable>true</Portable>')

    // ── An admin follows the offer: the draft opens with an enforced locked_denied rule; a second admin approves.
    const adminPage = await signedInPage(browser, baseURL!, E2E_ADMIN.email, E2E_ADMIN.password)
    await adminPage.goto(`/numbers/${encodeURIComponent(e164)}`)
    await adminPage.getByTestId('number-lock').getByRole('link', { name: 'Propose a locked_denied rule' }).click()
    await expect(adminPage).toHaveURL(/\/portouts\/approvals\?propose=locked_denied$/)
    const draftRule = adminPage.getByRole('group', { name: /^Rule 1: locked_denied/ })
    await expect(draftRule.getByLabel('Mode')).toHaveValue('enforce')
    await expect(draftRule.getByLabel('Scope')).toHaveValue('all')
    await expect(draftRule.getByLabel('Answer locked numbers with')).toHaveValue('7518')
    const summary = `Deny port-outs of locked numbers (${suffix})`
    await expect(adminPage.getByLabel('Summary')).toHaveValue('Deny port-outs of locked numbers')
    await adminPage.getByLabel('Summary').fill(summary)
    await expect(adminPage.getByTestId('draft-diff').locator('[data-change="added"]')).toContainText(
      'locked_denied (answers 7518) · 7518 · all numbers · enforce',
    )
    await screenshot(adminPage, project, 'approvals-lock-rule-offer')
    await adminPage.getByRole('button', { name: 'Submit for approval' }).click()
    const pending = adminPage.getByTestId('pending-proposal').filter({ hasText: summary })
    await expect(pending).toContainText('You proposed this change')
    await adminPage.context().close()

    await ensureSecondAdmin(request)
    const secondPage = await signedInPage(browser, baseURL!, SECOND_ADMIN.email, SECOND_ADMIN.password)
    await approveInQueue(secondPage, request, summary)
    await secondPage.context().close()

    // ── Now the lock is effective on the subscriber row and the number page, and the port-out is denied.
    await page.goto(`/subscribers?q=${encodeURIComponent(e164)}`)
    await expect(row.getByTestId('lock-effect')).toHaveAttribute('data-effective', 'true')
    await expect(row.getByTestId('lock-effect')).toContainText('Port-outs are denied with 7518')
    await expect(row.getByRole('link', { name: 'Propose a locked_denied rule' })).toHaveCount(0)
    await screenshot(page, project, 'subscribers-lock-effective')
    await page.goto(`/numbers/${encodeURIComponent(e164)}`)
    await expect(page.getByTestId('number-lock').getByTestId('lock-effect')).toHaveAttribute('data-effective', 'true')

    const denied = await askToPortOut(request, { pon: `LOCKED-DENIED-${suffix}`, telephoneNumbers: [n] })
    expect(denied).toContain('<Portable>false</Portable>')
    expect(denied).toContain('<Code>7518</Code>')

    // Locking again answers "effective" straight away.
    await page.goto(`/subscribers?q=${encodeURIComponent(e164)}`)
    await row.getByRole('button', { name: `Unlock ${e164}` }).click()
    await lockForm.getByLabel('Lock', { exact: true }).check()
    await lockForm.getByRole('button', { name: 'Lock number' }).click()
    await expect(lockForm.getByTestId('lock-result-effect')).toHaveAttribute('data-effective', 'true')
    await expect(lockForm.getByTestId('lock-result-effect')).toContainText('are denied under policy')
  } finally {
    await operator.post('/api/subscribers/lock', { data: { telephoneNumber: e164, locked: false } })
    await resetPolicyIfNeeded(request, operator)
  }
})
