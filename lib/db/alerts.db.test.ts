// The alert pipeline end to end, on both providers, with real receivers: a port-in entering EXCEPTION opens one
// issue and reaches a real SMTP server, a Slack-shaped receiver and a signed-webhook receiver that verifies the
// signature; a duplicate sends nothing more; the order moving on resolves the issue and PagerDuty hears the resolve;
// returning within the quiet period is held back; a digest rule sends one daily summary; a channel that answers 500
// is retried, logged, and becomes a channel.failing issue; secrets are stored sealed. Acknowledging tells PagerDuty
// (acknowledge) and the channels whose rule asks for it; a digest rule's subscriber-tag filter holds for the digest.
import { randomUUID } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Connections } from './client'
import { listDeliveries, saveRule } from './alerts'
import { listJobs } from './jobs'
import { actOnIssue, listIssues } from './issues'
import { upsertSubscribers } from './subscribers'
import { drainJobs } from '../jobs/start-job-runner'
import { createChannel } from '../server/alert-channels'
import { sendDigests, sendTestAlert } from '../server/dispatch-issue-alert'
import { ingest, orderXml } from '../../test/support/deliveries'
import { startHttpReceiver, startSmtpReceiver } from '../../test/support/alert-receivers'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

process.env.PORTWATCH_ALLOW_PRIVATE_URLS = '1'
process.env.PORTWATCH_PIN_SECRET ??= 'alerts-db-test-secret-0123456789abcdef'

const admin = { id: 'admin', email: 'admin@e2e.test' }
/** Runs due jobs until none is left: a job's handler may enqueue the next (transition → issue.alert → alert.send). */
async function drain(c: Connections) {
  for (let round = 0; round < 10; round++) {
    await drainJobs(c, { schedules: [], deadline: Date.now() + 20_000 })
    const due = (await listJobs(c, { state: 'pending', limit: 100 })).filter((j) => new Date(j.runAt).getTime() <= Date.now())
    if (due.length === 0) return
  }
}

describe.each(testProviders())('alerts on %s', (provider) => {
  let t: TestDatabase
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
  let http: Awaited<ReturnType<typeof startHttpReceiver>>
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    smtp = await startSmtpReceiver()
    http = await startHttpReceiver()
  })
  afterAll(async () => {
    await smtp?.close()
    await http?.close()
    await t?.drop()
  })

  it('EXCEPTION → one issue → email, Slack, signed webhook, PagerDuty; a duplicate sends nothing; moving on resolves it', async () => {
    const c = t.connections
    const email = await createChannel(c, admin, {
      type: 'email',
      name: 'ops mail',
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'portwatch@e2e.test',
      to: ['ops@e2e.test'],
    })
    const slack = await createChannel(c, admin, { type: 'slack', name: 'ops slack', webhookUrl: `${http.base}/slack/T000/B000/XXXX` })
    const hook = await createChannel(c, admin, { type: 'webhook', name: 'ops hook', url: `${http.base}/hook` })
    const pd = await createChannel(c, admin, {
      type: 'pagerduty',
      name: 'on call',
      routingKey: 'R0UTINGKEY1234',
      eventsUrl: `${http.base}/pagerduty`,
    })
    expect(hook.signingSecret).toMatch(/^whsec_/)
    // Sealed at rest: no secret in the stored row.
    const stored = JSON.stringify(await c.prisma.alertChannel.findMany())
    expect(stored).not.toContain('R0UTINGKEY1234')
    expect(stored).not.toContain('/slack/T000/B000/XXXX')
    await saveRule(c, admin, null, {
      name: 'port-in trouble',
      kinds: ['order.exception'],
      orderTypes: ['portins'],
      subscriberTags: [],
      minSeverity: 'info',
      quietMinutes: 30,
      digest: false,
      enabled: true,
      channelIds: [email.channel.id, slack.channel.id, hook.channel.id, pd.channel.id],
    })

    const orderId = randomUUID()
    await ingest(c, orderXml({ orderId, status: 'SUBMITTED', lmd: '2026-06-01T10:00:00.000Z' }))
    const exception = orderXml({ orderId, status: 'EXCEPTION', lmd: '2026-06-02T10:00:00.000Z' })
    await ingest(c, exception)
    await drain(c)
    await ingest(c, exception) // the duplicate
    await drain(c)

    const issues = (await listIssues(c, { kind: 'order.exception', limit: 10 })).filter((i) => i.subjectKey === `order:${orderId}`)
    expect(issues).toHaveLength(1)
    expect(smtp.mails).toHaveLength(1)
    expect(smtp.mails[0].to).toEqual(['ops@e2e.test'])
    expect(smtp.mails[0].raw).toContain('Order in EXCEPTION')
    expect(smtp.mails[0].raw).toContain(orderId)
    const slackPosts = http.requests.filter((r) => r.path.startsWith('/slack/'))
    expect(slackPosts).toHaveLength(1)
    expect(JSON.parse(slackPosts[0].body).text).toContain('Order in EXCEPTION')
    const hooks = http.requests.filter((r) => r.path === '/hook')
    expect(hooks).toHaveLength(1)
    const verified = new Webhook(hook.signingSecret!).verify(hooks[0].body, hooks[0].headers) as {
      type: string
      data: { issue: { id: string } }
    }
    expect(verified).toMatchObject({ type: 'issue.opened', data: { issue: { id: issues[0].id } } })
    const pdEvents = () => http.requests.filter((r) => r.path === '/pagerduty').map((r) => JSON.parse(r.body) as Record<string, unknown>)
    expect(pdEvents()).toEqual([
      expect.objectContaining({ event_action: 'trigger', routing_key: 'R0UTINGKEY1234', dedup_key: `portwatch-issue-${issues[0].id}` }),
    ])

    await ingest(c, orderXml({ orderId, status: 'FOC', lmd: '2026-06-03T10:00:00.000Z' }))
    await drain(c)
    expect((await listIssues(c, { kind: 'order.exception', state: 'resolved', limit: 10 })).map((i) => i.id)).toContain(issues[0].id)
    expect(pdEvents()[1]).toEqual({ event_action: 'resolve', routing_key: 'R0UTINGKEY1234', dedup_key: `portwatch-issue-${issues[0].id}` })
    expect(smtp.mails).toHaveLength(2)
    expect(smtp.mails[1].raw).toContain('Resolved')
    const log = await listDeliveries(c, pd.channel.id)
    expect(log.map((d) => [d.event, d.state, d.responseStatus])).toEqual([
      ['resolved', 'sent', 200],
      ['opened', 'sent', 200],
    ])

    // It returns within the rule's quiet period: the issue reopens, the alert is held back (and logged so).
    await ingest(c, orderXml({ orderId, status: 'EXCEPTION', lmd: '2026-06-04T10:00:00.000Z' }))
    await drain(c)
    expect((await listIssues(c, { kind: 'order.exception', limit: 10 })).map((i) => i.id)).toContain(issues[0].id)
    expect(smtp.mails).toHaveLength(2)
    expect((await listDeliveries(c, email.channel.id))[0]).toMatchObject({
      event: 'reopened',
      state: 'held',
      error: expect.stringMatching(/quiet period of 30 min/),
    })
  })

  it('a digest rule sends nothing at once and one daily summary of what it matched', async () => {
    const c = t.connections
    const slack = await createChannel(c, admin, { type: 'slack', name: 'digest slack', webhookUrl: `${http.base}/digest` })
    await saveRule(c, admin, null, {
      name: 'daily backorders',
      kinds: ['order.backordered'],
      orderTypes: [],
      subscriberTags: [],
      minSeverity: 'info',
      quietMinutes: 0,
      digest: true,
      enabled: true,
      channelIds: [slack.channel.id],
    })
    const orderId = randomUUID()
    await ingest(c, orderXml({ orderId, type: 'orders', status: 'BACKORDERED', lmd: '2026-06-05T10:00:00.000Z' }))
    await drain(c)
    expect(http.requests.filter((r) => r.path === '/digest')).toHaveLength(0)
    expect(await sendDigests(c, new Date(Date.now() + 60_000))).toBe('1 digests planned')
    await drain(c)
    const posts = http.requests.filter((r) => r.path === '/digest')
    expect(posts).toHaveLength(1)
    expect(JSON.parse(posts[0].body).text).toContain(`Order BACKORDERED — orders ${orderId}`)
  })

  it('a channel that answers 500 is retried, logged with the answer, and becomes a channel.failing issue', async () => {
    const c = t.connections
    http.answer('/broken', 500)
    const broken = await createChannel(c, admin, { type: 'slack', name: 'broken slack', webhookUrl: `${http.base}/broken` })
    const { deliveryId } = await sendTestAlert(c, broken.channel.id)
    // Three attempts: the first now, the retries after their backoff (2.7 s, then 7.4 s).
    const deadline = Date.now() + 40_000
    while (Date.now() < deadline) {
      await drain(c)
      if ((await c.prisma.alertChannel.findUnique({ where: { id: broken.channel.id } }))!.consecutiveFailures >= 3) break
      await new Promise((r) => setTimeout(r, 1_000))
    }
    const [d] = await listDeliveries(c, broken.channel.id)
    expect(d).toMatchObject({ id: deliveryId, event: 'test', responseStatus: 500, error: 'answered 500' })
    expect(d.attempts).toBeGreaterThanOrEqual(3)
    expect(http.requests.filter((r) => r.path === '/broken').length).toBeGreaterThanOrEqual(3)
    const failing = await listIssues(c, { kind: 'channel.failing', limit: 10 })
    expect(failing.map((i) => i.subjectLabel)).toEqual(['slack channel "broken slack"'])

    // It recovers: the next send succeeds and the issue resolves itself.
    http.answer('/broken', 200)
    await sendTestAlert(c, broken.channel.id)
    await drain(c)
    expect(await listIssues(c, { kind: 'channel.failing', limit: 10 })).toEqual([])
  }, 60_000)

  it('acknowledging tells PagerDuty (acknowledge) and the channels whose rule asks for it, not the others', async () => {
    const c = t.connections
    const pd = await createChannel(c, admin, {
      type: 'pagerduty',
      name: 'pd ack',
      routingKey: 'ACKROUTING99',
      eventsUrl: `${http.base}/pd-ack`,
    })
    const told = await createChannel(c, admin, { type: 'slack', name: 'ack slack', webhookUrl: `${http.base}/ack-yes` })
    const quiet = await createChannel(c, admin, { type: 'slack', name: 'no-ack slack', webhookUrl: `${http.base}/ack-no` })
    const rule = {
      kinds: ['order.failed'],
      orderTypes: [],
      subscriberTags: [],
      minSeverity: 'info',
      quietMinutes: 0,
      digest: false,
      enabled: true,
    }
    await saveRule(c, admin, null, { ...rule, name: 'failed, with updates', lifecycleUpdates: true, channelIds: [told.channel.id] })
    await saveRule(c, admin, null, { ...rule, name: 'failed, pages', channelIds: [pd.channel.id, quiet.channel.id] })
    const orderId = randomUUID()
    await ingest(c, orderXml({ orderId, type: 'e911s', status: 'FAILED', lmd: '2026-06-07T10:00:00.000Z' }))
    await drain(c)
    const [issue] = (await listIssues(c, { kind: 'order.failed', limit: 10 })).filter((i) => i.subjectKey === `order:${orderId}`)
    const at = (path: string) => http.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>)
    expect([at('/pd-ack').length, at('/ack-yes').length, at('/ack-no').length]).toEqual([1, 1, 1])

    await actOnIssue(c, { email: 'operator@e2e.test' }, issue.id, { action: 'acknowledge' })
    await drain(c)
    expect(at('/pd-ack')[1]).toEqual({ routing_key: 'ACKROUTING99', event_action: 'acknowledge', dedup_key: `portwatch-issue-${issue.id}` })
    expect(at('/ack-yes')).toHaveLength(2)
    expect(String(at('/ack-yes')[1].text)).toContain('Acknowledged: Order FAILED')
    expect(String(at('/ack-yes')[1].text)).toContain('Acknowledged by operator@e2e.test')
    expect(at('/ack-no')).toHaveLength(1)
  })

  it('a digest rule with a subscriber tag sums up only the issues about numbers with that tag', async () => {
    const c = t.connections
    const record = { accountNumber: 'ACCT-1', pin: '1234', zipCode: '27601', subscriberName: 'Tagged Co', status: 'active' as const }
    await upsertSubscribers(
      c,
      admin,
      [
        { ...record, telephoneNumber: '+19195550142', tags: ['vip'] },
        { ...record, telephoneNumber: '+19195550143', tags: ['standard'] },
      ],
      process.env.PORTWATCH_PIN_SECRET!,
      'api',
    )
    const slack = await createChannel(c, admin, { type: 'slack', name: 'vip digest', webhookUrl: `${http.base}/digest-vip` })
    await saveRule(c, admin, null, {
      name: 'vip partials, daily',
      kinds: ['order.partial'],
      orderTypes: [],
      subscriberTags: ['vip'],
      minSeverity: 'info',
      quietMinutes: 0,
      digest: true,
      enabled: true,
      channelIds: [slack.channel.id],
    })
    const vip = randomUUID()
    const other = randomUUID()
    await ingest(c, orderXml({ orderId: vip, type: 'orders', status: 'PARTIAL', tns: ['9195550142'], lmd: '2026-06-08T10:00:00.000Z' }))
    await ingest(c, orderXml({ orderId: other, type: 'orders', status: 'PARTIAL', tns: ['9195550143'], lmd: '2026-06-08T10:00:00.000Z' }))
    await drain(c)
    await sendDigests(c, new Date(Date.now() + 120_000))
    await drain(c)
    const posts = http.requests.filter((r) => r.path === '/digest-vip')
    expect(posts).toHaveLength(1)
    const text = String((JSON.parse(posts[0].body) as { text: string }).text)
    expect(text).toContain(vip)
    expect(text).not.toContain(other)
    expect(text).toContain('(vip partials, daily): 1 issues')
  })
})
