// Issue 16's proof on both providers: a port-in enters EXCEPTION → one issue opens → an email reaches a real SMTP
// server, a signed webhook reaches a receiver that verifies the signature, a Slack-shaped post and a PagerDuty
// trigger arrive; a duplicate of the notification opens nothing new; the operator acknowledges in Chromium; the order
// moves on → the issue resolves itself and PagerDuty gets the resolve. The acknowledge reaches PagerDuty (acknowledge)
// and, as the rule asks for lifecycle updates, Slack, the webhook and the mail. A channel that answers 500 is retried
// and then shown as failing (on /alerts and as an issue on /attention). An admin sets the quiet-time business hours.
import { randomUUID } from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import { Webhook } from 'standardwebhooks'
import { startHttpReceiver, startSmtpReceiver } from '../../test/support/alert-receivers'
import type { IssuesResponse } from '../../app/api/issues/route'
import type { AlertsResponse } from '../../app/api/alerts/route'
import { emailFor, expect, PASSWORD, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'
import { orderXml, postNotification } from '../support/webhooks'
import { E2E_ADMIN } from '../../playwright.config'

async function issuesFor(request: APIRequestContext, kind: string, state = 'active') {
  const res = await request.get(`/api/issues?kind=${kind}&state=${state}`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as IssuesResponse).issues
}

test.describe('issues and alerts', () => {
  test('EXCEPTION opens one issue, alerts every channel, the operator acknowledges, moving on resolves it', async ({
    request,
    signInAs,
    browser,
    baseURL,
  }, info) => {
    test.setTimeout(120_000)
    const smtp = await startSmtpReceiver()
    const http = await startHttpReceiver()
    const created: string[] = []
    const rules: string[] = []
    try {
      const add = async (data: Record<string, unknown>) => {
        const res = await request.post('/api/alerts/channels', { data })
        expect(res.status(), await res.text()).toBe(201)
        const body = (await res.json()) as { channel: { id: string }; signingSecret?: string }
        created.push(body.channel.id)
        return body
      }
      const email = await add({
        type: 'email',
        name: 'ops mail',
        host: '127.0.0.1',
        port: smtp.port,
        from: 'portwatch@e2e.test',
        to: ['ops@e2e.test'],
      })
      const slack = await add({ type: 'slack', name: 'ops slack', webhookUrl: `${http.base}/slack/T1/B1/secret` })
      const hook = await add({ type: 'webhook', name: 'ops hook', url: `${http.base}/hook` })
      const pd = await add({ type: 'pagerduty', name: 'on call', routingKey: 'E2EROUTINGKEY', eventsUrl: `${http.base}/pagerduty` })
      // Nothing secret comes back.
      const listed = JSON.stringify(await (await request.get('/api/alerts')).json())
      expect(listed).not.toContain('E2EROUTINGKEY')
      expect(listed).not.toContain('/slack/T1/B1/secret')
      const rule = await request.post('/api/alerts/rules', {
        data: {
          name: 'port-in exceptions',
          kinds: ['order.exception'],
          orderTypes: ['portins'],
          lifecycleUpdates: true,
          channelIds: [email.channel.id, slack.channel.id, hook.channel.id, pd.channel.id],
        },
      })
      expect(rule.status(), await rule.text()).toBe(201)
      rules.push(((await rule.json()) as { rule: { id: string } }).rule.id)

      const { orderId } = orderXml()
      expect(
        (await postNotification(request, orderXml({ orderId, status: 'SUBMITTED', lmd: '2026-07-01T10:00:00.000Z' }).xml)).status(),
      ).toBe(200)
      const exception = orderXml({ orderId, status: 'EXCEPTION', lmd: '2026-07-02T10:00:00.000Z', tns: ['+19195550142'] }).xml
      expect((await postNotification(request, exception)).status()).toBe(200)
      expect((await postNotification(request, exception)).status()).toBe(200) // the duplicate

      const mine = async (state = 'active') =>
        (await issuesFor(request, 'order.exception', state)).filter((i) => i.subjectKey === `order:${orderId}`)
      await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBe(1)
      const [issue] = await mine()
      await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(1)
      expect(smtp.mails[0].raw).toContain('Order in EXCEPTION')
      const arrived = (path: string) => http.requests.filter((r) => r.path === path || r.path.startsWith(`${path}/`))
      await expect.poll(() => arrived('/slack').length, { timeout: 20_000 }).toBe(1)
      await expect.poll(() => arrived('/hook').length, { timeout: 20_000 }).toBe(1)
      await expect.poll(() => arrived('/pagerduty').length, { timeout: 20_000 }).toBe(1)
      expect(JSON.parse(arrived('/slack')[0].body).text).toContain(orderId)
      const signed = arrived('/hook')[0]
      expect(new Webhook(hook.signingSecret!).verify(signed.body, signed.headers)).toMatchObject({
        type: 'issue.opened',
        data: { issue: { id: issue.id } },
      })
      expect(JSON.parse(arrived('/pagerduty')[0].body)).toMatchObject({
        event_action: 'trigger',
        routing_key: 'E2EROUTINGKEY',
        dedup_key: `portwatch-issue-${issue.id}`,
      })

      // The operator, in Chromium: the count in the header, open issues by kind on the overview, the issue on /attention, Acknowledge.
      await signInAs('operator')
      const context = await browser.newContext({ baseURL })
      const page = await context.newPage()
      await signInWithForm(page, emailFor('operator'), PASSWORD)
      await expect(page.getByTestId('issue-count')).toBeVisible()
      await page.goto('/')
      await expect(page.getByTestId('open-issues-by-kind')).toContainText('Order in EXCEPTION')
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /Attention/ })
        .click()
      await expect(page.getByRole('heading', { name: 'Attention', level: 1 })).toBeVisible()
      const row = page.locator(`[data-issue-id="${issue.id}"]`)
      await expect(row).toContainText('Order in EXCEPTION')
      await row.getByRole('button', { name: 'Acknowledge' }).click()
      await expect(row.getByTestId('issue-state')).toHaveText('acknowledged')
      await expect(row).toContainText(`by ${emailFor('operator')}`)
      await screenshot(page, info.project.name, 'attention-acknowledged')
      await context.close()
      // PagerDuty acknowledges its incident (nobody else is paged); the rule asks for lifecycle updates, so Slack,
      // the webhook and the mail hear who has it.
      await expect.poll(() => arrived('/pagerduty').length, { timeout: 20_000 }).toBe(2)
      expect(JSON.parse(arrived('/pagerduty')[1].body)).toEqual({
        event_action: 'acknowledge',
        routing_key: 'E2EROUTINGKEY',
        dedup_key: `portwatch-issue-${issue.id}`,
      })
      await expect.poll(() => arrived('/slack').length, { timeout: 20_000 }).toBe(2)
      expect(JSON.parse(arrived('/slack')[1].body).text).toContain(`Acknowledged by ${emailFor('operator')}`)
      await expect.poll(() => arrived('/hook').length, { timeout: 20_000 }).toBe(2)
      expect(new Webhook(hook.signingSecret!).verify(arrived('/hook')[1].body, arrived('/hook')[1].headers)).toMatchObject({
        type: 'issue.acknowledged',
      })
      await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(2)

      // The order moves on: the issue resolves itself, PagerDuty hears the resolve, the mail says so.
      expect((await postNotification(request, orderXml({ orderId, status: 'FOC', lmd: '2026-07-03T10:00:00.000Z' }).xml)).status()).toBe(
        200,
      )
      await expect.poll(async () => (await mine('resolved')).length, { timeout: 20_000 }).toBe(1)
      await expect.poll(() => arrived('/pagerduty').length, { timeout: 20_000 }).toBe(3)
      expect(JSON.parse(arrived('/pagerduty')[2].body)).toEqual({
        event_action: 'resolve',
        routing_key: 'E2EROUTINGKEY',
        dedup_key: `portwatch-issue-${issue.id}`,
      })
      await expect.poll(() => smtp.mails.length, { timeout: 20_000 }).toBe(3)
      // The duplicate opened nothing: one issue, one opening alert per channel (then the acknowledge and the resolve).
      expect(await mine('resolved')).toEqual([expect.objectContaining({ id: issue.id, count: 1 })])
      await expect.poll(() => arrived('/slack').length, { timeout: 20_000 }).toBe(3)
      await expect.poll(() => arrived('/hook').length, { timeout: 20_000 }).toBe(3)
    } finally {
      for (const id of rules) await request.delete(`/api/alerts/rules/${id}`)
      for (const id of created) await request.delete(`/api/alerts/channels/${id}`)
      await smtp.close()
      await http.close()
    }
  })

  test('a channel that answers 500 is retried, then shown as failing on /alerts and as an issue', async ({
    request,
    browser,
    baseURL,
  }, info) => {
    test.setTimeout(120_000)
    const http = await startHttpReceiver()
    http.answer('/broken', 500)
    let channelId: string | undefined
    try {
      const res = await request.post('/api/alerts/channels', {
        data: { type: 'slack', name: `broken ${randomUUID().slice(0, 6)}`, webhookUrl: `${http.base}/broken` },
      })
      expect(res.status()).toBe(201)
      channelId = ((await res.json()) as { channel: { id: string } }).channel.id
      const context = await browser.newContext({ baseURL })
      const page = await context.newPage()
      await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
      await page.goto('/alerts')
      const row = page.getByTestId('channel-row').filter({ has: page.getByText(/^broken /) })
      await row.getByRole('button', { name: 'Send a test alert' }).click()
      await expect(page.getByRole('status').or(page.getByText(/is on its way/))).toBeVisible()
      // Three attempts (the first at once, then after 2.7 s and 7.4 s of backoff) make it failing.
      await expect(row.getByTestId('channel-state')).toContainText('failing', { timeout: 45_000 })
      expect(http.requests.filter((r) => r.path === '/broken').length).toBeGreaterThanOrEqual(3)
      await row.getByRole('button', { name: 'Delivery log' }).click()
      await expect(row.getByTestId('delivery-log-row').first()).toContainText('answered 500')
      const channels = ((await (await request.get('/api/alerts')).json()) as AlertsResponse).channels
      expect(channels.find((c) => c.id === channelId)).toMatchObject({ failing: true })
      await screenshot(page, info.project.name, 'alerts-channel-failing')
      await page.goto('/attention')
      await expect(page.getByTestId('issue-row').filter({ hasText: 'Alert channel keeps failing' }).first()).toBeVisible()
      await context.close()
    } finally {
      if (channelId) await request.delete(`/api/alerts/channels/${channelId}`)
      await http.close()
    }
  })

  test('an admin makes only business hours count towards the quiet time, on /alerts', async ({ page, request }, info) => {
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await page.goto('/alerts')
    const card = page.getByRole('region', { name: 'Quiet time' })
    const form = card.getByRole('form', { name: 'Quiet-time hours' })
    await expect(form.getByLabel('Every hour counts')).toBeChecked()
    try {
      await form.getByLabel('Only business hours count').check()
      await form.getByLabel('Time zone').fill('Mars/Olympus')
      await form.getByRole('button', { name: 'Save quiet-time hours' }).click()
      await expect(card.getByRole('alert')).toContainText('not a time zone')
      await form.getByLabel('Time zone').fill('Europe/Berlin')
      await form.getByLabel('From').fill('07:30')
      await form.getByLabel('Fri').uncheck()
      await form.getByRole('button', { name: 'Save quiet-time hours' }).click()
      await expect(card.getByRole('status')).toHaveText('Quiet-time hours saved.')
      const saved = (await (await request.get('/api/settings')).json()) as { settings: { quietHours: unknown } }
      expect(saved.settings.quietHours).toEqual({ zone: 'Europe/Berlin', days: [1, 2, 3, 4], start: '07:30', end: '18:00' })
      await screenshot(page, info.project.name, 'alerts-quiet-hours')
    } finally {
      expect((await request.patch('/api/settings', { data: { quietHours: null } })).status()).toBe(200)
    }
  })
})
