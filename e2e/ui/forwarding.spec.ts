// Issue 17's forwarding proof on both providers, through the real webhook route and the production build: a local
// receiver verifies every Standard Webhooks signature, answers 500 for a while and recovers; nothing is lost, nothing is
// duplicated beyond what webhook-id lets it drop, each order's events arrive in order, and a replay of a time range
// sends those events again with their webhook-ids. Then an admin walks /forwarding in Chromium: add a destination
// (the secret shown once), read its attempt log, rotate the secret, disable and enable, replay a range.
import { randomUUID } from 'node:crypto'
import type { ForwardingResponse } from '../../app/api/forwarding/route'
import { startForwardingReceiver } from '../../test/support/forwarding-receiver'
import { E2E_ADMIN } from '../../playwright.config'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { orderXml, postNotification } from '../support/webhooks'

const STATUSES = ['SUBMITTED', 'PENDING_DOCUMENTS', 'FOC', 'COMPLETE']

test.describe('forwarding', () => {
  test('a receiver that fails for a while gets every event once, in order per order; a replayed range comes again', async ({ request }) => {
    test.setTimeout(120_000)
    const receiver = await startForwardingReceiver()
    let id: string | undefined
    try {
      const created = await request.post('/api/forwarding/destinations', {
        data: {
          name: `billing ${randomUUID().slice(0, 6)}`,
          url: `${receiver.base}/billing`,
          eventTypes: ['order.status_changed'],
          orderTypes: ['portins'],
        },
      })
      expect(created.status(), await created.text()).toBe(201)
      const body = (await created.json()) as { destination: { id: string }; signingSecret: string }
      id = body.destination.id
      receiver.trust(body.signingSecret)
      const listed = JSON.stringify(await (await request.get('/api/forwarding')).json())
      expect(listed).not.toContain(body.signingSecret.slice(6, 30))

      receiver.failFor(6)
      const orders = [orderXml().orderId, orderXml().orderId]
      const day = 10 + Math.floor(Math.random() * 15)
      for (const [i, status] of STATUSES.entries())
        for (const [k, orderId] of orders.entries())
          expect(
            (await postNotification(request, orderXml({ orderId, status, lmd: `2026-03-${day}T1${i}:0${k}:00.000Z` }).xml)).status(),
          ).toBe(200)
      const mine = () => receiver.accepted.filter((m) => orders.includes((m.body.data.order as { id: string }).id))
      await expect.poll(() => mine().length, { timeout: 60_000 }).toBe(8)
      for (const orderId of orders)
        expect(
          mine()
            .filter((m) => (m.body.data.order as { id: string }).id === orderId)
            .map((m) => m.body.data.to),
        ).toEqual(STATUSES)
      // Every 500 was retried with the same webhook-id, and nothing arrived twice in a way webhook-id cannot drop.
      const failed = receiver.requests.filter((r) => r.status === 500)
      expect(failed.length).toBe(6)
      for (const f of failed) expect(mine().map((m) => m.webhookId)).toContain(f.webhookId)
      expect(new Set(mine().map((m) => m.webhookId)).size).toBe(8)

      // Replay of the range holding FOC and COMPLETE of both orders: four again, same webhook-ids, dropped by the receiver.
      const before = receiver.requests.length
      const replay = await request.post(`/api/forwarding/destinations/${id}/replay`, {
        data: { from: `2026-03-${day}T12:00:00.000Z`, to: `2026-03-${day}T14:00:00.000Z` },
      })
      expect(replay.status(), await replay.text()).toBe(200)
      expect(await replay.json()).toEqual({ matched: 4, replayed: 4, added: 0 })
      await expect.poll(() => receiver.requests.length - before, { timeout: 30_000 }).toBe(4)
      const again = receiver.requests.slice(before)
      expect(again.every((r) => r.status === 200)).toBe(true)
      expect(new Set(again.map((r) => r.webhookId))).toEqual(
        new Set(
          mine()
            .filter((m) => ['FOC', 'COMPLETE'].includes(String(m.body.data.to)))
            .map((m) => m.webhookId),
        ),
      )
      expect(mine().length).toBe(8)
    } finally {
      if (id) await request.delete(`/api/forwarding/destinations/${id}`)
      await receiver.close()
    }
  })

  test('an admin manages a destination on /forwarding in Chromium', async ({ request, browser, baseURL }, info) => {
    test.setTimeout(120_000)
    const receiver = await startForwardingReceiver()
    const name = `crm ${randomUUID().slice(0, 6)}`
    const context = await browser.newContext({ baseURL })
    try {
      const page = await context.newPage()
      await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
      await page.goto('/settings')
      await page.getByRole('link', { name: 'Forwarding destinations' }).click()
      await expect(page.getByRole('heading', { name: 'Forwarding', level: 1 })).toBeVisible()
      const form = page.getByRole('form', { name: 'Add a destination' })
      await form.getByLabel('Name').fill(name)
      await form.getByLabel('URL').fill(`${receiver.base}/crm`)
      await form.getByLabel('Order types').fill('portins')
      await form.getByRole('button', { name: 'Add destination' }).click()
      const secret = (await page.getByTestId('signing-secret').textContent())!.trim()
      expect(secret).toMatch(/^whsec_/)
      receiver.trust(secret)
      const row = page.getByTestId('destination-row').filter({ hasText: name })
      await expect(row.getByTestId('destination-state')).toHaveText(/enabled/)

      const { orderId } = orderXml()
      expect((await postNotification(request, orderXml({ orderId, status: 'FOC', lmd: '2026-04-01T10:00:00.000Z' }).xml)).status()).toBe(
        200,
      )
      await expect
        .poll(() => receiver.accepted.filter((m) => (m.body.data.order as { id: string } | undefined)?.id === orderId).length, {
          timeout: 30_000,
        })
        .toBe(1)
      await row.getByRole('button', { name: 'Attempt log' }).click()
      await expect(row.getByTestId('forward-delivery-row').first()).toContainText('delivered')
      await expect(row.getByTestId('forward-attempt-row').first()).toContainText('answered 200')

      // Rotation: the receiver, still on the old secret, keeps verifying while both sign.
      await row.getByRole('button', { name: 'Rotate secret' }).click()
      await expect(row).toContainText('signing with two secrets')
      const rotated = (await page.getByTestId('signing-secret').textContent())!.trim()
      expect(rotated).not.toBe(secret)
      await row.getByRole('button', { name: 'Send again' }).first().click()
      await expect.poll(() => receiver.requests.filter((r) => r.path === '/crm').length, { timeout: 30_000 }).toBe(2)
      expect(receiver.requests.at(-1)).toMatchObject({ status: 200, signatures: 2 })
      await row.getByRole('button', { name: 'Finish rotation' }).click()
      await expect(row).not.toContainText('signing with two secrets')

      await row.getByRole('button', { name: 'Disable' }).click()
      await expect(row.getByTestId('destination-state')).toContainText('disabled')
      await row.getByRole('button', { name: 'Enable' }).click()
      await expect(row.getByTestId('destination-state')).toHaveText(/enabled/)

      receiver.trust(rotated)
      await row.getByRole('button', { name: 'Replay a time range' }).click()
      const replay = row.getByRole('form', { name: 'Replay a time range' })
      await replay.getByLabel('From').fill('2026-03-31T00:00')
      await replay.getByLabel('To').fill('2026-04-02T23:00')
      await replay.getByRole('button', { name: 'Replay' }).click()
      await expect(page.getByText(/Replaying 1 events/)).toBeVisible()
      await expect.poll(() => receiver.requests.filter((r) => r.path === '/crm').length, { timeout: 30_000 }).toBe(3)
      expect(receiver.requests.at(-1)).toMatchObject({ status: 200, signatures: 1 })
      await screenshot(page, info.project.name, 'forwarding')

      const listed = (await (await request.get('/api/forwarding')).json()) as ForwardingResponse
      const d = listed.destinations.find((x) => x.name === name)!
      expect(d).toMatchObject({ enabled: true, rotating: false, deliveries: { delivered: 1 } })
      expect((await request.get('/api/forwarding/schema')).status()).toBe(200)
      await request.delete(`/api/forwarding/destinations/${d.id}`)
    } finally {
      await context.close()
      await receiver.close()
    }
  })
})
