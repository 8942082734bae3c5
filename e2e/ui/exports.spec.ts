// Exports in a real Chromium: the orders list filtered through its URL downloads exactly its rows as CSV, and
// the audit log's export follows the filter typed on the page.
import fs from 'node:fs'
import { E2E_ADMIN } from '../../playwright.config'
import { uniqueNumber } from '../support/portout'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { orderXml, postNotification } from '../support/webhooks'

test('an operator downloads the filtered orders as CSV, and the audit export follows the typed filter', async ({ page, request }, info) => {
  const tn = uniqueNumber()
  const ids: string[] = []
  for (const status of ['SUBMITTED', 'EXCEPTION']) {
    const o = orderXml({ status, tns: [tn] })
    ids.push(o.orderId)
    expect((await postNotification(request, o.xml)).status()).toBe(200)
  }
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
  await page.goto(`/orders?q=${tn}`)
  await expect(page.getByRole('link', { name: 'Export these orders as CSV' })).toBeVisible()
  await screenshot(page, info.project.name, 'orders-export-links')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export these orders as CSV' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^portwatch-orders-\d{4}-\d{2}-\d{2}\.csv$/)
  const lines = fs
    .readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\r\n')
  expect(lines[0]).toMatch(/^"orderId","orderType",/)
  expect(
    lines
      .slice(1)
      .map((l) => l.split(',')[0].replace(/"/g, ''))
      .sort(),
  ).toEqual([...ids].sort())

  await page.goto('/audit')
  await page.getByLabel('Action starts with').fill('export.')
  const ndjson = page.getByRole('link', { name: 'Export these entries as NDJSON' })
  await expect(ndjson).toHaveAttribute('href', '/api/exports/audit?format=ndjson&action=export.')
  const [audit] = await Promise.all([page.waitForEvent('download'), ndjson.click()])
  const entries = fs
    .readFileSync((await audit.path())!, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { action: string; after: { filter: { q?: string } } })
  expect(entries.every((e) => e.action.startsWith('export.'))).toBe(true)
  expect(entries.some((e) => e.after.filter.q === tn)).toBe(true)
})
