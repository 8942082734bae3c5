// Issues opened and resolved through the outbox, on both providers: a port-in entering EXCEPTION opens one issue,
// a duplicate or a late older update opens nothing, a job run twice counts once, leaving EXCEPTION resolves it
// and returning reopens it; people's actions; each opening and resolve enqueues one issue.alert job.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Connections } from './client'
import { actOnIssue, addIssueComment, applyIssueSignals, countActiveIssues, getIssue, listIssues } from './issues'
import { listJobs } from './jobs'
import { recordWebhookAuthFailure } from './webhook-auth-failures'
import { recordPortoutAnswer } from './portout-requests'
import { signalsForTransition } from '../alerts/issue-signals'
import { buildOrderNotificationXml } from '../bandwidth/build-notification-xml'
import type { IssueAlertPayload } from '../jobs/job-kinds'
import { drainJobs } from '../jobs/start-job-runner'
import { JOBS } from '../jobs/job-registry'
import { scanForIssues, scanStuckOrders } from '../server/scan-issues'
import { getAppSettings, updateAppSettings } from './settings'
import { ingest, makeDelivery, orderXml } from '../../test/support/deliveries'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

// Only what opens and clears issues: the alert jobs stay in the queue, so the test can read them.
const SIGNAL_JOBS = JOBS.filter((j) => ['notification.transition', 'notification.event', 'portout.decision'].includes(j.kind.name))
const drain = (c: Connections) => drainJobs(c, { definitions: SIGNAL_JOBS, schedules: [], deadline: Date.now() + 20_000 })

async function alertJobs(c: Connections, issueId: string) {
  return (await listJobs(c, { limit: 1000 }))
    .filter((j) => j.name === 'issue.alert' && (j.payload as IssueAlertPayload).issueId === issueId)
    .map((j) => (j.payload as IssueAlertPayload).event)
    .sort()
}

async function issueOf(c: Connections, kind: string, orderId: string) {
  const row = await c.prisma.issue.findUnique({ where: { kind_subjectKey: { kind, subjectKey: `order:${orderId}` } } })
  return row ? (await getIssue(c, row.id)).issue : null
}

describe.each(testProviders())('issues on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('opens one issue on EXCEPTION, none for a duplicate or an older update, resolves and reopens it', async () => {
    const c = t.connections
    const orderId = randomUUID()
    await ingest(c, orderXml({ orderId, status: 'SUBMITTED', lmd: '2026-05-01T10:00:00.000Z' }))
    const exception = orderXml({ orderId, status: 'EXCEPTION', lmd: '2026-05-02T10:00:00.000Z' })
    await ingest(c, exception)
    await ingest(c, exception) // a duplicate
    await ingest(c, orderXml({ orderId, status: 'PENDING_DOCUMENTS', lmd: '2026-04-30T10:00:00.000Z' })) // late, older
    await drain(c)
    const opened = (await issueOf(c, 'order.exception', orderId))!
    expect(opened).toMatchObject({ state: 'open', count: 1, severity: 'high', orderType: 'portins' })
    expect(await alertJobs(c, opened.id)).toEqual(['opened'])

    // The same transition applied again (a job run twice after a crash) changes nothing.
    const again = signalsForTransition({
      notificationId: 'x',
      orderId,
      orderType: 'portins',
      from: 'SUBMITTED',
      to: 'EXCEPTION',
      at: '2026-05-02T10:00:00.000Z',
    })
    await applyIssueSignals(c, again)
    expect(await applyIssueSignals(c, again)).toEqual([])

    await ingest(c, orderXml({ orderId, status: 'FOC', lmd: '2026-05-03T10:00:00.000Z' }))
    await drain(c)
    expect(await issueOf(c, 'order.exception', orderId)).toMatchObject({ state: 'resolved', resolvedBy: 'system' })

    await ingest(c, orderXml({ orderId, status: 'EXCEPTION', lmd: '2026-05-04T10:00:00.000Z' }))
    await drain(c)
    expect(await issueOf(c, 'order.exception', orderId)).toMatchObject({ state: 'open', count: 3 })
    expect(await alertJobs(c, opened.id)).toEqual(['opened', 'reopened', 'resolved'])
    const { events } = await getIssue(c, opened.id)
    expect(events.map((e) => e.event)).toEqual(['opened', 'seen', 'resolved', 'reopened'])
  })

  it('people acknowledge, comment, snooze, resolve (which is alerted) and reopen', async () => {
    const c = t.connections
    const orderId = randomUUID()
    await ingest(c, orderXml({ orderId, type: 'orders', status: 'BACKORDERED', lmd: '2026-05-01T10:00:00.000Z' }))
    await drain(c)
    const issue = (await issueOf(c, 'order.backordered', orderId))!
    const ada = { email: 'ada@e2e.test' }
    expect((await actOnIssue(c, ada, issue.id, { action: 'acknowledge' })).issue).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: ada.email,
    })
    await addIssueComment(c, ada, issue.id, 'Calling the carrier')
    const until = new Date(Date.now() + 3_600_000)
    expect((await actOnIssue(c, ada, issue.id, { action: 'snooze', until })).issue.state).toBe('snoozed')
    expect(await listIssues(c, { state: 'snoozed', limit: 100 })).toEqual([expect.objectContaining({ id: issue.id })])
    expect((await actOnIssue(c, ada, issue.id, { action: 'resolve' })).issue).toMatchObject({ state: 'resolved', resolvedBy: ada.email })
    await expect(actOnIssue(c, ada, issue.id, { action: 'acknowledge' })).rejects.toThrow(/reopen it first/)
    await expect(actOnIssue(c, ada, 'no-such-issue', { action: 'acknowledge' })).rejects.toThrow(/no such issue/)
    expect((await actOnIssue(c, ada, issue.id, { action: 'reopen' })).issue.state).toBe('open')
    const { events } = await getIssue(c, issue.id)
    expect(events.map((e) => `${e.event}:${e.actor}`)).toEqual([
      'opened:system',
      `acknowledged:${ada.email}`,
      `comment:${ada.email}`,
      `snoozed:${ada.email}`,
      `resolved:${ada.email}`,
      `reopened:${ada.email}`,
    ])
    // The acknowledge and the person's resolve are alerted (PagerDuty acknowledges, then resolves its incident).
    expect(await alertJobs(c, issue.id)).toEqual(['acknowledged', 'opened', 'resolved'])
    const counts = await countActiveIssues(c)
    expect(counts.byKind.find((k) => k.kind === 'order.backordered')?.count).toBeGreaterThanOrEqual(1)
  })

  it('the scan opens an auth-failure spike per address and username, and resolves it when it has passed', async () => {
    const c = t.connections
    const now = new Date()
    for (let i = 0; i < 10; i++) await recordWebhookAuthFailure(c, { address: '203.0.113.9', username: 'guess', at: now })
    await recordWebhookAuthFailure(c, { address: '203.0.113.10', username: 'bandwidth', at: now })
    await scanForIssues(c, now)
    const spikes = await listIssues(c, { kind: 'auth.failure_spike', limit: 10 })
    expect(spikes.map((s) => s.subjectLabel)).toEqual(['203.0.113.9 as "guess"'])
    await scanForIssues(c, new Date(now.getTime() + 20 * 60_000))
    expect(await listIssues(c, { kind: 'auth.failure_spike', limit: 10 })).toEqual([])
    expect(await listIssues(c, { kind: 'auth.failure_spike', state: 'resolved', limit: 10 })).toHaveLength(1)
  })

  it("opens a port-out burst for the account whose requests reach the hour's threshold (its own, within the hour), and the scan resolves it", async () => {
    const c = t.connections
    const now = new Date()
    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000)
    const burstAccount = `BAN-${randomUUID().slice(0, 8)}0452`
    const ask = (account: string, receivedAt: Date) =>
      recordPortoutAnswer(
        c,
        { ...makeDelivery('<PortOutValidationRequest/>', receivedAt), endpoint: 'portout-validation' },
        {
          requestKey: randomUUID(),
          pon: null,
          numbers: ['+19195550100'],
          request: { accountNumber: account, pinGiven: false },
          decision: { portable: true, errors: [], fired: [], monitored: [] },
          responseXml: '<PortOutValidationResponse><Portable>true</Portable></PortOutValidationResponse>',
          policyVersion: null,
          latencyMs: 1,
          fallbackReason: null,
        },
      )
    const bursts = async () => (await listIssues(c, { kind: 'portout.burst', limit: 10 })).map((i) => i.subjectLabel)

    // Three of the account's requests two hours ago, four in the hour, and others' requests: below the threshold of 5.
    for (const m of [130, 125, 121]) await ask(burstAccount, at(m))
    for (const m of [50, 40, 30, 20]) await ask(burstAccount, at(m))
    for (const m of [45, 35, 25, 15, 10, 5]) await ask(`OTHER-${m}-${randomUUID()}`, at(m))
    await drain(c)
    expect(await bursts()).toEqual([])

    const fifth = await ask(burstAccount, at(1))
    await drain(c)
    expect(await bursts()).toEqual(['account ••••0452'])
    // The index holds a digest, never the number.
    const row = await c.prisma.portoutRequest.findUniqueOrThrow({ where: { id: fifth }, select: { accountKey: true } })
    expect(row.accountKey).toMatch(/^[0-9a-f]{24}$/)

    // The scan agrees while the hour holds, and resolves the burst once it has passed.
    await scanForIssues(c, now)
    expect(await bursts()).toEqual(['account ••••0452'])
    await scanForIssues(c, new Date(now.getTime() + 61 * 60_000))
    expect(await bursts()).toEqual([])
  })

  it('the stuck scan pages through every stuck order: none past a page is missed or wrongly resolved', async () => {
    const c = t.connections
    const now = new Date()
    const ids: string[] = Array.from({ length: 8 }, () => randomUUID())
    for (const orderId of ids) await ingest(c, orderXml({ orderId, status: 'SUBMITTED' }), new Date(now.getTime() - 30 * 86_400_000))
    const stuckOf = async () =>
      (await listIssues(c, { kind: 'order.stuck', limit: 100 })).filter((i) => ids.includes(i.subjectKey.slice(6))).map((i) => i.subjectKey)
    // Pages of 3: the 8 orders span three pages.
    expect(await scanStuckOrders(c, now, {}, 3)).toMatchObject({ opened: 8 })
    expect((await stuckOf()).sort()).toEqual(ids.map((id) => `order:${id}`).sort())
    expect(await scanStuckOrders(c, now, {}, 3)).toEqual({ opened: 0, resolved: 0 })
    // News for the newest of them (the last page): its issue, and only it, resolves.
    await ingest(c, orderXml({ orderId: ids[7], status: 'COMPLETE' }), now)
    expect(await scanStuckOrders(c, new Date(now.getTime() + 1000), {}, 3)).toEqual({ opened: 0, resolved: 1 })
    expect((await stuckOf()).sort()).toEqual(
      ids
        .slice(0, 7)
        .map((id) => `order:${id}`)
        .sort(),
    )
  })

  // Last: it stores a notification in the future (the newest one, the quiet time's start).
  it('no notification for the quiet time counts only the business hours: a quiet weekend opens nothing', async () => {
    const c = t.connections
    const admin = { id: 'admin-1', email: 'admin@example.com' }
    await updateAppSettings(c, admin, {
      quietAlertMinutes: 120,
      quietHours: { zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
    })
    // Friday 4 January 2030, 17:30 in Berlin (UTC+1): the last notification.
    await ingest(c, orderXml({ orderId: randomUUID(), status: 'SUBMITTED' }), new Date('2030-01-04T16:30:00Z'))
    const quiet = () => listIssues(c, { kind: 'traffic.quiet', limit: 10 })
    // Saturday noon and Monday 07:59: 30 watched minutes so far. Every minute counted would be 18 and 62 hours.
    await scanForIssues(c, new Date('2030-01-05T11:00:00Z'))
    await scanForIssues(c, new Date('2030-01-07T06:59:00Z'))
    expect(await quiet()).toEqual([])
    // Monday 09:31: 30 + 91 minutes of business hours without a notification.
    await scanForIssues(c, new Date('2030-01-07T08:31:00Z'))
    const [issue] = await quiet()
    expect(issue).toMatchObject({ kind: 'traffic.quiet', state: 'open' })
    expect(issue.lastDetail).toContain('121 min counted Mon–Fri 08:00–18:00 Europe/Berlin')
    // All hours again (the default): the same silence on Saturday would have opened it.
    await updateAppSettings(c, admin, { quietHours: null })
    expect((await getAppSettings(c)).quietHours).toBeNull()
  })

  it('the FOC scan pages through every order in the window: none past a page is missed or resolved as cleared', async () => {
    const c = t.connections
    const now = new Date()
    const ids: string[] = Array.from({ length: 7 }, () => randomUUID())
    for (const orderId of ids)
      await ingest(
        c,
        buildOrderNotificationXml({
          orderType: 'portins',
          orderId,
          status: 'FOC',
          lastModifiedDate: new Date(now.getTime() - 3 * 3_600_000).toISOString(),
          actualFocDate: new Date(now.getTime() - 2 * 3_600_000).toISOString(),
        }),
        new Date(now.getTime() - 3 * 3_600_000),
      )
    const mine = async () =>
      (await listIssues(c, { limit: 500 })).filter((i) => i.kind.startsWith('foc.') && ids.includes(i.subjectKey.slice(6))).length
    // Pages of 3: the 7 orders span three pages; each gets its issue, and a second scan keeps them all open.
    await scanForIssues(c, now, { focPageSize: 3 })
    expect(await mine()).toBe(7)
    await scanForIssues(c, now, { focPageSize: 3 })
    expect(await mine()).toBe(7)
  })
})
