// Forwarding end to end on both providers, against a receiver that verifies Standard Webhooks signatures: outbox →
// event → delivery → signed send; a receiver that fails for a while gets everything once it recovers, in order per
// order, each webhook-id stable; attempts are logged; a destination whose schedule runs out with no success is
// disabled and raises an issue, holds what comes meanwhile and sends it when enabled; replay of a range and secret
// rotation. The retry schedule is shrunk (PORTWATCH_FORWARDING_RETRY_SCHEDULE).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Connections } from './client'
import { listForwardAttempts, listForwardDeliveries, purgeForwardAttempts } from './forwarding'
import { listIssues } from './issues'
import { listJobs } from './jobs'
import { drainJobs } from '../jobs/start-job-runner'
import { changeDestination, createDestination, listDestinations, replayRange, rotateDestinationSecret } from '../server/forwarding'
import { ingest, orderXml } from '../../test/support/deliveries'
import { startForwardingReceiver } from '../../test/support/forwarding-receiver'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

process.env.PORTWATCH_ALLOW_PRIVATE_URLS = '1'
process.env.PORTWATCH_PIN_SECRET ??= 'forwarding-db-test-secret-0123456789abcdef'
process.env.PORTWATCH_FORWARDING_RETRY_SCHEDULE = '0,50ms,50ms,50ms'

const admin = { id: 'admin', email: 'admin@e2e.test' }
const ALL = ['order.status_changed', 'order.note_added', 'event.received', 'portout.decided'] as const

/** Runs jobs until `done` holds (retries are due a few tens of ms later) or 20 s pass. */
async function drainUntil(c: Connections, done: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    await drainJobs(c, { schedules: [], deadline: Date.now() + 5_000 })
    if (await done()) return
    await new Promise((r) => setTimeout(r, 30))
  }
  throw new Error(
    `not done within 20 s: ${JSON.stringify((await listJobs(c, { limit: 5 })).map((j) => [j.name, j.state, j.lastError, j.runAt]))}`,
  )
}

describe.each(testProviders())('forwarding on %s', (provider) => {
  let t: TestDatabase
  let receiver: Awaited<ReturnType<typeof startForwardingReceiver>>
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    receiver = await startForwardingReceiver()
  })
  afterAll(async () => {
    await receiver?.close()
    await t?.drop()
  })

  it('a receiver failing for a while gets every event once it recovers, in order per order, signed', async () => {
    const c = t.connections
    const { destination, signingSecret } = await createDestination(c, admin, {
      name: 'billing',
      url: `${receiver.base}/billing`,
      eventTypes: ['order.status_changed', 'order.note_added'],
      orderTypes: ['portins'],
      statuses: [],
      includeRaw: true,
    })
    receiver.trust(signingSecret)
    // Nothing secret in what the page reads.
    expect(JSON.stringify(await listDestinations(c))).not.toContain(signingSecret.slice(6, 30))
    receiver.failFor(5)
    const statuses = ['SUBMITTED', 'PENDING_DOCUMENTS', 'FOC', 'COMPLETE']
    for (const [i, status] of statuses.entries()) {
      await ingest(c, orderXml({ orderId: 'fwd-a', status, lmd: `2026-07-0${i + 1}T10:00:00.000Z` }))
      await ingest(c, orderXml({ orderId: 'fwd-b', status, lmd: `2026-07-0${i + 1}T11:00:00.000Z` }))
    }
    await ingest(c, orderXml({ orderId: 'fwd-a', note: 'customer called', lmd: '2026-07-05T10:00:00.000Z' }))
    // Filtered out: another order type.
    await ingest(c, orderXml({ orderId: 'fwd-c', type: 'orders', status: 'COMPLETE' }))
    await drainUntil(c, () => receiver.accepted.length === 9)

    const of = (orderId: string) =>
      receiver.accepted.filter((m) => (m.body.data.order as { id: string }).id === orderId).map((m) => m.body.data.to ?? m.body.type)
    expect(of('fwd-a')).toEqual([...statuses, 'order.note_added'])
    expect(of('fwd-b')).toEqual(statuses)
    expect(receiver.accepted.some((m) => (m.body.data.order as { id: string }).id === 'fwd-c')).toBe(false)
    // Failed requests were retried with the same webhook-id; each delivery's id is its webhook-id.
    const failed = receiver.requests.filter((r) => r.status === 500)
    expect(failed.length).toBe(5)
    for (const f of failed) expect(receiver.accepted.map((m) => m.webhookId)).toContain(f.webhookId)
    const first = receiver.accepted[0].body
    expect(first).toMatchObject({ type: 'order.status_changed', version: 1, raw: { body: expect.stringContaining('<OrderId>fwd-') } })

    const deliveries = await listForwardDeliveries(c, destination.id)
    expect(deliveries.map((d) => d.state)).toEqual(Array(9).fill('delivered'))
    expect(new Set(deliveries.map((d) => d.id))).toEqual(new Set(receiver.accepted.map((m) => m.webhookId)))
    const attempts = await listForwardAttempts(c, { destinationId: destination.id })
    expect(attempts.length).toBe(14)
    expect(attempts.filter((a) => !a.ok)).toEqual(
      Array(5).fill(expect.objectContaining({ status: 500, responseBody: 'receiver down for maintenance', latencyMs: expect.any(Number) })),
    )
    expect((await listDestinations(c)).find((d) => d.id === destination.id)).toMatchObject({
      enabled: true,
      failingSince: null,
      deliveries: { delivered: 9, pending: 0 },
    })

    // Replay of a range: the events of 2026-07-02 .. 07-04 (both orders) are sent again with the same webhook-ids.
    const before = receiver.requests.length
    const replay = await replayRange(c, destination.id, { from: '2026-07-02T00:00:00.000Z', to: '2026-07-04T00:00:00.000Z', types: [] })
    expect(replay).toEqual({ matched: 4, replayed: 4, added: 0 })
    await drainUntil(c, () => receiver.requests.length === before + 4)
    expect(receiver.dropped()).toBe(4)
    const replayedIds = receiver.requests.slice(before).map((r) => r.webhookId)
    expect(new Set(replayedIds).size).toBe(4)
    for (const id of replayedIds) expect(deliveries.map((d) => d.id)).toContain(id)

    // Rotation: both secrets sign; a receiver on the old one and one on the new one both verify.
    const rotated = await rotateDestinationSecret(c, admin, destination.id, false)
    expect(rotated.destination.rotating).toBe(true)
    await ingest(c, orderXml({ orderId: 'fwd-a', status: 'CANCELLED', lmd: '2026-07-06T10:00:00.000Z' }))
    await drainUntil(c, () => receiver.accepted.length === 10)
    receiver.trust(rotated.signingSecret!)
    await ingest(c, orderXml({ orderId: 'fwd-a', status: 'EXCEPTION', lmd: '2026-07-07T10:00:00.000Z' }))
    await drainUntil(c, () => receiver.accepted.length === 11)
    expect(receiver.requests.at(-1)).toMatchObject({ status: 200, signatures: 2 })
    await rotateDestinationSecret(c, admin, destination.id, true)
    await changeDestination(c, admin, destination.id, { enabled: false })
  })

  it('a destination whose schedule runs out with no success is disabled, raises an issue, holds, and sends when enabled', async () => {
    const c = t.connections
    const { destination, signingSecret } = await createDestination(c, admin, {
      name: 'crm',
      url: `${receiver.base}/crm`,
      eventTypes: [...ALL],
      orderTypes: [],
      statuses: ['EXCEPTION', 'FOC'],
      includeRaw: false,
    })
    receiver.trust(signingSecret)
    receiver.down(true)
    await ingest(c, orderXml({ orderId: 'fwd-d', status: 'SUBMITTED', lmd: '2026-08-01T10:00:00.000Z' })) // filtered out
    await ingest(c, orderXml({ orderId: 'fwd-d', status: 'EXCEPTION', lmd: '2026-08-02T10:00:00.000Z' }))
    await ingest(c, orderXml({ orderId: 'fwd-d', status: 'FOC', lmd: '2026-08-03T10:00:00.000Z' }))
    const mine = async () => (await listDestinations(c)).find((d) => d.id === destination.id)!
    await drainUntil(c, async () => !(await mine()).enabled)
    expect(await mine()).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/every attempt/),
      deliveries: { failed: 1, held: 1 },
    })
    // The later event of the same order waited: never sent while the first was failing.
    const deliveries = await listForwardDeliveries(c, destination.id)
    const held = deliveries.find((d) => d.state === 'held')!
    expect(receiver.requests.filter((r) => r.webhookId === held.id)).toEqual([])
    expect((await listForwardAttempts(c, { destinationId: destination.id })).length).toBe(4)
    const issues = await listIssues(c, { kind: 'forwarding.disabled', state: 'active', limit: 10 })
    expect(issues.map((i) => i.subjectKey)).toContain(`destination:${destination.id}`)

    receiver.down(false)
    await changeDestination(c, admin, destination.id, { enabled: true })
    await drainUntil(c, () => receiver.accepted.some((m) => m.webhookId === held.id))
    expect(await listIssues(c, { kind: 'forwarding.disabled', state: 'active', limit: 10 })).toEqual([])
    // The given-up one comes back with a replay of its range.
    const failed = deliveries.find((d) => d.state === 'failed')!
    await replayRange(c, destination.id, { from: '2026-08-02T00:00:00.000Z', to: '2026-08-03T00:00:00.000Z', types: [] })
    await drainUntil(c, () => receiver.accepted.some((m) => m.webhookId === failed.id))
    const order = receiver.accepted.filter((m) => [held.id, failed.id].includes(m.webhookId)).map((m) => m.body.data.to)
    expect(order).toEqual(['FOC', 'EXCEPTION'])
  })

  it('purges attempts older than their retention period', async () => {
    const c = t.connections
    const total = await c.prisma.forwardAttempt.count()
    expect(total).toBeGreaterThan(0)
    expect(await purgeForwardAttempts(c, new Date(Date.now() - 60_000), 500)).toBe(0)
    expect(await purgeForwardAttempts(c, new Date(Date.now() + 60_000), 5)).toBe(5)
    expect(await c.prisma.forwardAttempt.count()).toBe(total - 5)
  })
})
