// The four-eyes queue as two admins use it, in a real Chromium: a draft is backtested while it is edited (the
// headline split into newly denied, newly allowed and codes changed); its proposer sees Approve and Reject disabled
// with the reason, is refused (and audited) when trying anyway, and withdraws it (audited); proposed again, the other
// admin approves it. At 1280 and 390 px.
import type { APIRequestContext } from '@playwright/test'
import { E2E_ADMIN } from '../../playwright.config'
import {
  activePolicy,
  askToPortOut,
  resetPolicyIfNeeded,
  SECOND_ADMIN,
  signedInPage,
  signInSecondAdmin,
  uniqueNumber,
} from '../support/portout'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test.use({ timezoneId: 'America/New_York', locale: 'en-US' })

test('a draft is backtested before it is submitted; the proposer withdraws, cannot approve, and the other admin approves', async ({
  page,
  browser,
  baseURL,
  request,
  playwright,
}, info) => {
  test.setTimeout(150_000)
  const project = info.project.name
  const suffix = String(Date.now()).slice(-6)
  const pon = `FOUR-EYES-${suffix}`
  expect((await activePolicy(request)).policy.rules, 'this test starts from the default policy').toEqual([])
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } })
  const second = await signInSecondAdmin(request, anonymous)
  // Allowed under the default policy; a rule of at most one number per request would deny it.
  expect(await askToPortOut(request, { pon, pin: '1234', telephoneNumbers: [uniqueNumber(), uniqueNumber()] })).toContain(
    '<Portable>true</Portable>',
  )

  try {
    await page.setViewportSize({ width: 1280, height: 900 })
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await page.goto('/portouts/approvals')
    await page.getByRole('button', { name: 'Propose a change' }).click()
    await page.getByLabel('New rule').selectOption('max_numbers')
    await page.getByRole('button', { name: 'Add rule' }).click()
    const rule = page.getByRole('group', { name: /^Rule 1: max_numbers/ })
    await rule.getByLabel('Maximum numbers per request').fill('1')

    // Monitor mode changes not this request's answer: the draft's backtest says so before anything is submitted.
    // (Earlier tests' requests, answered under their own policies and records, may change: only ours is known.)
    const draftBacktest = page.getByTestId('draft-backtest')
    const mine = draftBacktest.locator(`[data-testid="backtest-change"][data-pon="${pon}"]`)
    await expect(draftBacktest.getByTestId('backtest-summary')).toContainText(/Would change \d+ of [1-9]\d* answers?/)
    await expect(mine).toHaveCount(0)
    await rule.getByLabel('Mode').selectOption('enforce')
    await expect(draftBacktest.getByTestId('backtest-summary')).toContainText(/Would change [1-9]\d* of [1-9]\d* answers?/)
    await expect(draftBacktest.getByTestId('backtest-newly-denied')).toHaveText(/^[1-9]\d* newly denied$/)
    await expect(draftBacktest.getByTestId('backtest-newly-allowed')).toHaveText(/^\d+ newly allowed$/)
    await expect(draftBacktest.getByTestId('backtest-codes-changed')).toHaveText(/^\d+ codes changed$/)
    await expect(mine).toHaveAttribute('data-kind', 'newly-denied')
    await expect(mine).toContainText('newly denied')
    await expect(mine.getByTestId('backtest-proposed')).toContainText('7517')
    await page.getByLabel('Summary').fill(`At most one number per request (${suffix})`)
    await screenshot(page, project, 'approvals-draft-backtest')
    await page.getByRole('button', { name: 'Submit for approval' }).click()

    // The proposer's own proposal: Approve and Reject disabled, with the reason; the server refuses anyway, audited.
    const pending = page.getByTestId('pending-proposal').filter({ hasText: `(${suffix})` })
    await expect(pending).toBeVisible()
    const firstId = (await pending.getAttribute('data-proposal-id'))!
    await expect(pending.getByRole('button', { name: 'Approve' })).toBeDisabled()
    await expect(pending.getByRole('button', { name: 'Reject' })).toBeDisabled()
    await expect(pending.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription(/another admin has to approve or reject it/)
    await expect(pending.getByTestId('backtest').getByTestId('backtest-newly-denied')).toHaveText(/^[1-9]\d* newly denied$/)
    const refused = await request.post(`/api/policy/proposals/${firstId}`, {
      data: { decision: 'approve', comment: 'my own' },
      failOnStatusCode: false,
    })
    expect(refused.status()).toBe(403)
    const refusals = await (await request.get('/api/audit?action=policy.approve.refused')).json()
    expect(refusals.entries.find((e: { target: string }) => e.target === firstId)).toMatchObject({ actorEmail: E2E_ADMIN.email })
    // Nobody else may withdraw it (refused and audited) …
    expect((await second.post(`/api/policy/proposals/${firstId}/withdraw`, { failOnStatusCode: false })).status()).toBe(403)
    const withdrawRefusals = await (await request.get('/api/audit?action=policy.withdraw.refused')).json()
    expect(withdrawRefusals.entries.find((e: { target: string }) => e.target === firstId)).toMatchObject({ actorEmail: SECOND_ADMIN.email })
    await screenshot(page, project, 'approvals-own-proposal')

    // … but its proposer may.
    await pending.getByRole('button', { name: 'Withdraw' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Withdrew' })).toBeVisible()
    await expect(pending).toHaveCount(0)
    await expect(
      page.locator(`[data-testid="decided-proposal"][data-status="withdrawn"]`).filter({ hasText: `(${suffix})` }),
    ).toContainText('withdrawn by the proposer')
    const withdrawn = await (await request.get('/api/audit?action=policy.withdraw')).json()
    expect(
      withdrawn.entries.find((e: { action: string; target: string }) => e.action === 'policy.withdraw' && e.target === firstId),
    ).toBeTruthy()

    // Proposed again; the other admin sees the same split headline and approves it.
    const { proposal } = await (
      await request.post('/api/policy/proposals', {
        data: { summary: `Again: at most one number (${suffix})`, policy: await draftPolicy(request, 1) },
      })
    ).json()
    const adminPage = await signedInPage(browser, baseURL!, SECOND_ADMIN.email, SECOND_ADMIN.password)
    await adminPage.goto('/portouts/approvals')
    const toDecide = adminPage.locator(`[data-testid="pending-proposal"][data-proposal-id="${proposal.id}"]`)
    await expect(toDecide.getByTestId('backtest-newly-denied')).toHaveText(/^[1-9]\d* newly denied$/)
    await expect(toDecide.getByRole('button', { name: 'Withdraw' })).toHaveCount(0)
    await toDecide.getByLabel('Comment').fill('One number per request, as agreed')
    await toDecide.getByRole('button', { name: 'Approve' }).click()
    await expect(adminPage.getByRole('status').filter({ hasText: /v\d+ is now the active policy/ })).toBeVisible()
    expect((await activePolicy(request)).policy.rules).toHaveLength(1)
    await adminPage.close()

    // At 390 px the queue, the draft's backtest and the history fit the screen.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/portouts/approvals')
    await page.getByRole('button', { name: 'Propose a change' }).click()
    await expect(page.getByTestId('draft-backtest').getByTestId('backtest-summary')).toContainText('Would change')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, project, 'approvals-draft-backtest-390')
  } finally {
    // Back to no rules: proposed by one admin, approved by the other.
    await resetPolicyIfNeeded(request, second)
    await anonymous.dispose()
  }
})

/** The active policy plus an enforced max_numbers rule. */
async function draftPolicy(request: APIRequestContext, max: number) {
  const active = await activePolicy(request)
  return {
    ...active.policy,
    rules: [{ id: 'one-number', kind: 'max_numbers', mode: 'enforce', enabled: true, scope: { type: 'all' }, params: { max } }],
  }
}
