// The outbox after the 200, against the production build: a status transition received by the webhook is run by
// the server's in-process job runner (which opens its issue) and shows in GET /api/jobs; the cron route refuses without its secret.
import { E2E_CRON_SECRET } from '../../playwright.config'
import { expect, test } from '../support/test'
import { orderXml, postNotification } from '../support/webhooks'
import type { JobQueueResponse } from '../../app/api/jobs/route'

test('a transition is acknowledged first and run afterwards by the in-process runner, with its attempt recorded', async ({ request }) => {
  const { orderId, xml } = orderXml({ status: 'EXCEPTION', lmd: '2026-11-30T10:00:00.000Z' })
  const res = await postNotification(request, xml)
  expect(res.status()).toBe(200)
  await expect
    .poll(
      async () => {
        const queue = (await (await request.get('/api/jobs')).json()) as JobQueueResponse
        return queue.recentAttempts.find((a) => a.jobName === 'notification.transition' && a.detail?.includes(orderId))
      },
      { timeout: 20_000 },
    )
    .toMatchObject({
      outcome: 'succeeded',
      attempt: 1,
      detail: `portins ${orderId}: (first status) → EXCEPTION (webhook); order.exception opened; forwarded nowhere`,
    })
})

test('the cron route refuses without its bearer secret, in one line, and drains with it', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL })
  try {
    for (const [authorization, reason] of [
      [undefined, 'Authorization: Bearer <CRON_SECRET> required'],
      [`Bearer ${E2E_CRON_SECRET}-wrong`, 'wrong cron secret'],
      [`Basic ${Buffer.from(`x:${E2E_CRON_SECRET}`).toString('base64')}`, 'Authorization: Bearer <CRON_SECRET> required'],
    ] as const) {
      const res = await anonymous.get('/api/cron/jobs', {
        headers: authorization ? { Authorization: authorization } : {},
        failOnStatusCode: false,
      })
      expect(res.status()).toBe(401)
      expect(await res.json()).toEqual({ error: 'unauthorized', message: reason })
    }
    const ok = await anonymous.get('/api/cron/jobs', { headers: { Authorization: `Bearer ${E2E_CRON_SECRET}` } })
    expect(ok.status()).toBe(200)
    expect(await ok.json()).toMatchObject({
      scheduled: expect.any(Array),
      released: expect.any(Array),
      attempts: { succeeded: expect.any(Number), failed: 0 },
    })
  } finally {
    await anonymous.dispose()
  }
})
