// Port-out protection in a real Chromium: an operator imports subscriber records from CSV (a bad row is
// caught first), edits and locks records, proposes a PIN rule and reads its backtest but cannot approve it;
// an admin approves it; a wrong PIN is then denied with 7513 and explained on the log, the detail page and
// the number page; the policy is put back to no rules (an admin cannot decide their own proposal).
import { E2E_ADMIN } from '../../playwright.config'
import { activePolicy, askToPortOut, resetPolicyIfNeeded, signedInPage, signInSecondAdmin, uniqueNumber } from '../support/portout'
import { emailFor, expect, PASSWORD, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

const CSV_HEADER = 'telephone_number,account_number,pin,zip_code,subscriber_name,status,tags'

const povXml = (o: { pon: string; pin: string; account?: string; numbers: string[] }) => ({
  pon: o.pon,
  pin: o.pin,
  accountNumber: o.account,
  telephoneNumbers: o.numbers,
})

test('operator imports subscribers and proposes a PIN rule, an admin approves it, and a wrong PIN is denied with 7513', async ({
  page,
  browser,
  baseURL,
  request,
  signInAs,
}, info) => {
  test.setTimeout(180_000)
  const project = info.project.name
  const suffix = String(Date.now()).slice(-6)
  const [n1, n2] = [uniqueNumber(), uniqueNumber()]
  const account = `ACCT-UI-${suffix}`
  const summary = `Require a matching PIN (${suffix})`
  const operator = await signInAs('operator') // creates operator@e2e.test
  expect((await activePolicy(request)).policy.rules, 'this test starts from the default policy').toEqual([])

  try {
    await signInWithForm(page, emailFor('operator'), PASSWORD)

    // ── Subscribers: a file with a bad row is refused with the line, column and reason; fixed, it imports.
    await page.goto('/subscribers')
    await expect(page.getByRole('heading', { level: 1, name: 'Subscribers' })).toBeVisible()
    const goodRow1 = `${n1},${account},0048,27609,Oak City Dental LLC,active,business|e2e`
    const badCsv = [CSV_HEADER, goodRow1, `${n2},${account},48x,27609,Oak City Dental LLC,active,business`].join('\n')
    await page.getByLabel('CSV file').setInputFiles({ name: 'subscribers.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv) })
    await expect(page.getByLabel('CSV text')).toHaveValue(badCsv)
    await page.getByRole('button', { name: 'Check', exact: true }).click()
    const problems = page.getByTestId('import-error')
    await expect(problems).toHaveCount(1)
    await expect(problems.first().getByRole('rowheader')).toHaveText('3')
    await expect(problems.first()).toContainText('pin')
    await expect(problems.first()).toContainText('PIN must be 4 to 10 digits')
    await expect(page.getByRole('button', { name: /^Import \d+ record/ })).toHaveCount(0)
    await screenshot(page, project, 'subscribers-import-errors')

    const goodCsv = [CSV_HEADER, goodRow1, `${n2},${account},0048,27609,Oak City Dental LLC,active,business`].join('\r\n')
    await page.getByLabel('CSV text').fill(goodCsv)
    await expect(page.getByTestId('import-preview')).toHaveCount(0) // the old check no longer applies
    await page.getByRole('button', { name: 'Check', exact: true }).click()
    await expect(page.getByTestId('import-row')).toHaveCount(2)
    await expect(page.getByTestId('import-error')).toHaveCount(0)
    await page.getByRole('button', { name: 'Import 2 records' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Imported 2 records: 2 new, 0 updated.' })).toBeVisible()

    // Found by the number in another format; the PIN is "on file", never shown.
    await page.getByLabel('Search', { exact: true }).fill(`(${n1.slice(0, 3)}) ${n1.slice(3, 6)}-${n1.slice(6)}`)
    await page.getByLabel('Search', { exact: true }).press('Enter')
    await expect(page).toHaveURL(/\/subscribers\?q=/)
    const record = page.locator(`[data-testid="subscriber-row"][data-number="+1${n1}"]`)
    await expect(record).toBeVisible()
    await expect(record.getByTestId('has-pin')).toHaveText('on file')
    await expect(record).toContainText(`••••${account.slice(-4)}`) // CPNI masked until revealed
    await expect(record).not.toContainText(account)
    await expect(page.locator('main')).not.toContainText('0048')
    await page.getByLabel('Search', { exact: true }).fill(account)
    await page.getByLabel('Search', { exact: true }).press('Enter')
    await expect(page.getByTestId('subscriber-row')).toHaveCount(2)

    // Edit one record: the PIN field is write-only, left empty it keeps the PIN on file.
    const second = page.locator(`[data-testid="subscriber-row"][data-number="+1${n2}"]`)
    await second.getByRole('button', { name: `Edit +1${n2}` }).click()
    const editForm = page.getByRole('form', { name: `Edit +1${n2}` })
    await expect(editForm.getByLabel('PIN')).toHaveValue('')
    await expect(editForm.getByLabel('ZIP code')).toHaveValue('27609')
    await editForm.getByLabel('ZIP code').fill('27610')
    await editForm.getByLabel('Tags').fill('business, vip')
    await editForm.getByRole('button', { name: 'Save record' }).click()
    await expect(page.getByRole('status').filter({ hasText: `Saved +1${n2}.` })).toBeVisible()
    await expect(second).toContainText('••••10') // saved, and masked again
    await expect(second).toContainText('vip')
    await expect(second.getByTestId('has-pin')).toHaveText('on file')

    // Lock the whole account from a row (revealed first, so the account is known), with a reason; then unlock it again.
    await record.getByRole('button', { name: `Reveal +1${n1}` }).click()
    await expect(record).toContainText(account)
    await record.getByRole('button', { name: `Lock +1${n1}` }).click()
    const lockForm = page.getByRole('form', { name: 'Lock or unlock' })
    await expect(lockForm.getByLabel('Telephone number')).toHaveValue(`+1${n1}`)
    await lockForm.getByLabel('Every number of an account').check()
    await expect(lockForm.getByLabel('Account number')).toHaveValue(account)
    await lockForm.getByLabel('Reason').fill('E2E: customer reported a SIM-swap attempt')
    await lockForm.getByRole('button', { name: 'Lock account' }).click()
    await expect(lockForm.getByRole('status')).toHaveText(`Locked account ${account} (2 numbers).`)
    await expect(page.getByTestId('lock').filter({ hasText: 'locked' })).toHaveCount(2)
    await expect(record.getByTestId('lock')).toContainText('SIM-swap attempt')
    await screenshot(page, project, 'subscribers')
    await record.getByRole('button', { name: `Unlock +1${n1}` }).click()
    await expect(lockForm.getByLabel('Unlock', { exact: true })).toBeChecked()
    await lockForm.getByLabel('Every number of an account').check()
    await lockForm.getByRole('button', { name: 'Unlock account' }).click()
    await expect(lockForm.getByRole('status')).toHaveText(`Unlocked account ${account} (2 numbers).`)
    await expect(page.getByTestId('lock').filter({ hasText: 'locked' })).toHaveCount(0)

    // A request under the default policy (no rules): allowed, although its PIN is wrong. The backtest will find it.
    const before = await askToPortOut(request, povXml({ pon: `BEFORE-${suffix}`, pin: '1234', numbers: [n1] }))
    expect(before).toContain('<Portable>true</Portable>')

    // ── The operator proposes pin_match (enforce, all numbers) by editing a copy of the active policy.
    await page.goto('/portouts/approvals')
    await expect(page.getByTestId('active-policy').getByTestId('no-rules')).toBeVisible()
    await page.getByRole('button', { name: 'Propose a change' }).click()
    await page.getByLabel('New rule').selectOption('pin_match')
    await page.getByRole('button', { name: 'Add rule' }).click()
    const draftRule = page.getByRole('group', { name: /^Rule 1: pin_match/ })
    await expect(draftRule.getByLabel('Mode')).toHaveValue('monitor') // new rules start harmless
    await draftRule.getByLabel('Mode').selectOption('enforce')
    await expect(draftRule.getByLabel('Scope')).toHaveValue('all')
    await expect(draftRule.getByLabel('Enabled')).toBeChecked()
    await page.getByLabel('Summary').fill(summary)
    await expect(page.getByTestId('draft-diff').locator('[data-change="added"]')).toContainText(
      'pin_match (a missing PIN answers 7512) · 7513 · all numbers · enforce',
    )
    await screenshot(page, project, 'approvals-propose')
    await page.getByRole('button', { name: 'Submit for approval' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Another admin must approve it' })).toBeVisible()

    // Its diff and its backtest are on the queue before anyone decides.
    const pending = page.getByTestId('pending-proposal').filter({ hasText: summary })
    await expect(pending).toBeVisible()
    const proposalId = await pending.getAttribute('data-proposal-id')
    expect(proposalId).toBeTruthy()
    await expect(pending.getByTestId('proposal-diff').locator('[data-change]')).toHaveCount(1)
    await expect(pending.getByTestId('proposal-diff').locator('[data-change="added"]')).toContainText('pin_match')
    await expect(pending.getByTestId('backtest-summary')).toContainText(/Would change [1-9]\d* of [1-9]\d* answers?/)
    const changed = pending.locator(`[data-testid="backtest-change"][data-pon="BEFORE-${suffix}"]`)
    await expect(changed).toContainText('Portable: yes')
    await expect(changed.getByTestId('backtest-proposed')).toContainText('Portable: no')
    await expect(changed.getByTestId('backtest-proposed')).toContainText('7513')

    // The operator is no admin: no decision buttons, and the server refuses anyway.
    await expect(pending.getByRole('button', { name: 'Approve' })).toHaveCount(0)
    await expect(pending.getByRole('button', { name: 'Reject' })).toHaveCount(0)
    const refused = await operator.post(`/api/policy/proposals/${proposalId}`, {
      data: { decision: 'approve', comment: 'my own' },
      failOnStatusCode: false,
    })
    expect(refused.status()).toBe(403)
    await screenshot(page, project, 'approvals-pending')

    // ── The admin approves it; the comment is required.
    const adminPage = await signedInPage(browser, baseURL!, E2E_ADMIN.email, E2E_ADMIN.password)
    await adminPage.goto('/portouts/approvals')
    const toDecide = adminPage.locator(`[data-testid="pending-proposal"][data-proposal-id="${proposalId}"]`)
    await expect(toDecide.getByTestId('backtest-summary')).toContainText('Would change')
    await toDecide.getByRole('button', { name: 'Approve' }).click()
    expect(await toDecide.getByLabel('Comment').evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(true)
    await expect(toDecide).toBeVisible() // still pending
    await screenshot(adminPage, project, 'approvals-admin')
    await toDecide.getByLabel('Comment').fill('Checked with the fraud team')
    await toDecide.getByRole('button', { name: 'Approve' }).click()
    await expect(adminPage.getByRole('status').filter({ hasText: /v\d+ is now the active policy/ })).toBeVisible()
    await expect(toDecide).toHaveCount(0)
    const version = (await activePolicy(request)).version
    await expect(adminPage.getByRole('heading', { name: `Active policy: v${version}` })).toBeVisible()
    await expect(adminPage.getByTestId('active-policy').locator('[data-testid="policy-rule"][data-kind="pin_match"]')).toContainText(
      'enforce',
    )
    const decided = adminPage.getByTestId('decided-proposal').filter({ hasText: summary })
    await expect(decided).toContainText(`approved → v${version}`)
    await expect(decided).toContainText(E2E_ADMIN.email)
    await expect(decided).toContainText('Checked with the fraud team')

    // ── Bandwidth asks again with a wrong PIN: denied with 7513 (the PIN never echoed).
    const wrongPon = `WRONG-${suffix}`
    const denied = await askToPortOut(request, povXml({ pon: wrongPon, pin: '1234', account, numbers: [n1, n2] }))
    expect(denied).toContain('<Portable>false</Portable>')
    expect(denied).toContain('<Code>7513</Code>')

    // The log: filtered to denials through the URL, with the answer, the rule, the policy version.
    await page.goto('/portouts?portable=false')
    await expect(page.getByLabel('Answer')).toHaveValue('false')
    const row = page.locator(`[data-testid="portout-row"][data-pon="${wrongPon}"]`)
    await expect(row.getByTestId('portout-answer')).toContainText('Portable: no')
    await expect(row.getByTestId('portout-answer')).toContainText(/7513\s*PIN invalid/)
    await expect(row.getByTestId('fired-rules').locator('[data-mode="enforce"]')).toContainText('pin_match')
    await expect(row).toContainText(`v${version}`)
    await expect(row).toContainText(`••••${account.slice(-4)}`) // CPNI: the account's last characters only
    await expect(row).not.toContainText(account)
    await expect(row.getByRole('link', { name: `+1${n2}` })).toHaveAttribute('href', `/numbers/${encodeURIComponent(`+1${n2}`)}`)
    await expect(page.locator(`[data-testid="portout-row"][data-pon="BEFORE-${suffix}"]`)).toHaveCount(0)
    await page.getByLabel('Answer').selectOption('true')
    await expect(page).toHaveURL(/\/portouts\?portable=true$/)
    await expect(page.locator(`[data-testid="portout-row"][data-pon="BEFORE-${suffix}"]`)).toBeVisible()
    await expect(page.locator(`[data-testid="portout-row"][data-pon="${wrongPon}"]`)).toHaveCount(0)
    await page.getByLabel('Answer').selectOption('')
    await expect(page).toHaveURL(/\/portouts$/)
    await expect(row).toBeVisible()
    await screenshot(page, project, 'portouts')

    // The detail: raw request, the exact answer pretty-printed, the rule with its reason, evidence downloads.
    await row.getByRole('link', { name: new RegExp(`details of ${wrongPon}`) }).click()
    await expect(page).toHaveURL(/\/portouts\/[0-9a-f-]{36}$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(wrongPon)
    await expect(page.getByTestId('response-xml')).toContainText('<Portable>false</Portable>')
    await expect(page.getByTestId('response-xml')).toContainText('<Code>7513</Code>')
    await expect(page.getByTestId('response-xml')).toContainText(`<PON>${wrongPon}</PON>`)
    await expect(page.getByTestId('request-xml')).toContainText(`<PON>${wrongPon}</PON>`)
    await expect(page.getByTestId('request-xml')).toContainText(`<TelephoneNumber>${n2}</TelephoneNumber>`)
    const firedRule = page.getByTestId('fired-rule')
    await expect(firedRule).toHaveCount(1)
    await expect(firedRule).toHaveAttribute('data-mode', 'enforce')
    await expect(firedRule).toContainText('pin_match')
    await expect(firedRule).toContainText('7513')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download evidence (JSON)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^portout-.+\.json$/)
    const evidence = JSON.stringify(JSON.parse(await streamToText(await download.createReadStream())))
    expect(evidence).toContain(wrongPon)
    expect(evidence).toContain('7513')
    const csvHref = await page.getByRole('link', { name: 'Download evidence (CSV)' }).getAttribute('href')
    const csv = await page.request.get(csvHref!)
    expect(csv.status()).toBe(200)
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="portout-.+\.csv"$/)
    expect(await csv.text()).toContain(wrongPon)
    await screenshot(page, project, 'portout-detail')

    // The number page tells the same story: both requests for n1, the denial with its code and policy version.
    await page
      .getByRole('link', { name: `+1${n1}` })
      .first()
      .click()
    await expect(page).toHaveURL(new RegExp(`/numbers/(%2B|\\+)1${n1}$`))
    await expect(page.getByTestId('number-e164')).toHaveText(`+1${n1}`)
    const onNumberPage = page.getByTestId('number-portout')
    await expect(onNumberPage).toHaveCount(2)
    await expect(onNumberPage.filter({ hasText: wrongPon })).toContainText('denied 7513')
    await expect(onNumberPage.filter({ hasText: wrongPon })).toContainText(`v${version}`)
    await expect(onNumberPage.filter({ hasText: `BEFORE-${suffix}` })).toContainText('allowed')

    // ── Back to no rules: the admin proposes it, cannot approve their own proposal (the server says why), a second admin does.
    await adminPage.goto('/portouts/approvals')
    await adminPage.getByRole('button', { name: 'Propose a change' }).click()
    await adminPage.getByRole('button', { name: 'Delete rule 1' }).click()
    await adminPage.getByLabel('Summary').fill(`Back to no rules (${suffix})`)
    await expect(adminPage.getByTestId('draft-diff').locator('[data-change="removed"]')).toContainText('pin_match')
    await adminPage.getByRole('button', { name: 'Submit for approval' }).click()
    const reset = adminPage.getByTestId('pending-proposal').filter({ hasText: `Back to no rules (${suffix})` })
    await expect(reset).toContainText('You proposed this change')
    // The proposer's Approve and Reject are disabled, with the reason; the server refuses anyway, and audits the refusal.
    for (const name of ['Approve', 'Reject']) {
      await expect(reset.getByRole('button', { name })).toBeDisabled()
      await expect(reset.getByRole('button', { name })).toHaveAccessibleDescription(/another admin has to approve or reject it/)
    }
    const ownId = await reset.getAttribute('data-proposal-id')
    const own = await request.post(`/api/policy/proposals/${ownId}`, {
      data: { decision: 'approve', comment: 'my own' },
      failOnStatusCode: false,
    })
    expect(own.status()).toBe(403)
    expect(await own.text()).toContain('you proposed this change: another admin must decide it')
    const audit = (await (await request.get('/api/audit?action=policy.approve.refused')).json()) as { entries: { target: string | null }[] }
    expect(audit.entries.map((e) => e.target)).toContain(ownId)
    const secondAdmin = await signInSecondAdmin(request, await signInAs('anonymous'))
    const resetId = await reset.getAttribute('data-proposal-id')
    expect(
      (
        await secondAdmin.post(`/api/policy/proposals/${resetId}`, { data: { decision: 'approve', comment: 'e2e: back to the default' } })
      ).status(),
    ).toBe(200)
    await adminPage.reload()
    await expect(adminPage.getByTestId('active-policy').getByTestId('no-rules')).toBeVisible()
    await adminPage.context().close()
  } finally {
    await resetPolicyIfNeeded(request, operator)
  }
  expect((await activePolicy(request)).policy.rules).toEqual([])
})

async function streamToText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))
  return Buffer.concat(chunks).toString('utf8')
}
