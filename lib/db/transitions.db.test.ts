// The one door's answer and its outbox entries, on both providers: a status change is a transition (from → to)
// with exactly one notification.transition job written in the same transaction; a duplicate, a note only, a late
// older update and a repeat of the current status are none and write none; a seed writes history, not news;
// an event notification writes its own notification.event entry.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeConnections, openConnections, type Connections } from './client'
import { getOrderWithTimeline } from './get-order'
import { listJobs } from './jobs'
import type { TransitionPayload } from '../jobs/job-kinds'
import { ingestNotification } from '../server/ingest-notification'
import { ingest, makeDelivery, orderXml } from '../../test/support/deliveries'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

async function outboxOf(c: Connections, orderId: string): Promise<TransitionPayload[]> {
  const jobs = await listJobs(c, { limit: 1000 })
  return jobs
    .filter((j) => j.name === 'notification.transition' && (j.payload as TransitionPayload).orderId === orderId)
    .map((j) => j.payload as TransitionPayload)
    .sort((a, b) => a.at.localeCompare(b.at))
}

describe.each(testProviders())('transitions and outbox entries on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('reports each status change with one outbox entry, and none for a duplicate, a note, an older update or the same status', async () => {
    const c = t.connections
    const orderId = randomUUID()
    const submitted = await ingest(c, orderXml({ orderId, status: 'SUBMITTED', lmd: '2025-05-01T10:00:00.000Z' }))
    expect(submitted).toMatchObject({ outcome: 'accepted', transition: { orderId, orderType: 'portins', from: null, to: 'SUBMITTED' } })

    const foc = await ingest(c, orderXml({ orderId, status: 'FOC', lmd: '2025-05-02T10:00:00.000Z' }))
    expect(foc.transition).toEqual({ orderId, orderType: 'portins', from: 'SUBMITTED', to: 'FOC' })

    const duplicate = await ingest(c, orderXml({ orderId, status: 'FOC', lmd: '2025-05-02T10:00:00.000Z' }))
    expect(duplicate).toMatchObject({ outcome: 'duplicate', notificationId: foc.notificationId, transition: null })

    const note = await ingest(c, orderXml({ orderId, note: 'Customer asked for a morning cut-over', lmd: '2025-05-02T11:00:00.000Z' }))
    expect(note).toMatchObject({ outcome: 'accepted', transition: null })

    const late = await ingest(c, orderXml({ orderId, status: 'PENDING_DOCUMENTS', lmd: '2025-04-30T09:00:00.000Z' }))
    expect(late).toMatchObject({ outcome: 'accepted', transition: null })

    const sameStatus = await ingest(c, orderXml({ orderId, status: 'FOC', note: 'FOC confirmed again', lmd: '2025-05-02T12:00:00.000Z' }))
    expect(sameStatus).toMatchObject({ outcome: 'accepted', transition: null })

    const complete = await ingest(c, orderXml({ orderId, status: 'COMPLETE', lmd: '2025-05-03T10:00:00.000Z' }))
    expect(complete.transition).toEqual({ orderId, orderType: 'portins', from: 'FOC', to: 'COMPLETE' })

    expect((await getOrderWithTimeline(c, orderId)).order.status).toBe('COMPLETE')
    expect(await outboxOf(c, orderId)).toEqual([
      {
        notificationId: submitted.notificationId,
        orderId,
        orderType: 'portins',
        from: null,
        to: 'SUBMITTED',
        at: '2025-05-01T10:00:00.000Z',
        source: 'test',
      },
      {
        notificationId: foc.notificationId,
        orderId,
        orderType: 'portins',
        from: 'SUBMITTED',
        to: 'FOC',
        at: '2025-05-02T10:00:00.000Z',
        source: 'test',
      },
      {
        notificationId: complete.notificationId,
        orderId,
        orderType: 'portins',
        from: 'FOC',
        to: 'COMPLETE',
        at: '2025-05-03T10:00:00.000Z',
        source: 'test',
      },
    ])
  })

  it('writes no transition for an event, and no outbox entry for a refused body or a seeded notification; an event writes its own', async () => {
    const c = t.connections
    const orderId = randomUUID()
    const before = (await listJobs(c, { limit: 1000 })).length
    const refused = await ingestNotification(c, { delivery: makeDelivery('<Notification/>'), xml: '<Notification/>' })
    expect(refused).toMatchObject({ outcome: 'rejected', problem: { status: 400 } })
    const xml = orderXml({ orderId, status: 'EXCEPTION', lmd: '2025-06-01T10:00:00.000Z' })
    const seeded = await ingestNotification(c, { delivery: { ...makeDelivery(xml), source: 'seed' }, xml })
    expect(seeded).toMatchObject({ outcome: 'accepted', transition: { from: null, to: 'EXCEPTION' } })
    const event = `<?xml version="1.0"?><Notification><EventType>MESSAGING_LOST</EventType><CompletedTelephoneNumbers><TelephoneNumber>9195550199</TelephoneNumber></CompletedTelephoneNumbers></Notification>`
    expect(await ingest(c, event)).toMatchObject({ outcome: 'accepted', transition: null })
    // The event's own entry (notification.event: MESSAGING_LOST opens an issue per number), and nothing else.
    const jobs = await listJobs(c, { limit: 1000 })
    expect(jobs.length).toBe(before + 1)
    expect(jobs.filter((j) => j.name === 'notification.event').map((j) => j.payload)).toEqual([
      expect.objectContaining({ eventType: 'MESSAGING_LOST', numbers: ['9195550199'] }),
    ])
  })

  it('chains concurrent transitions of one order from two instances: every "from" is the status it replaced', async () => {
    const other = openConnections(t.url)
    try {
      const orderId = randomUUID()
      const statuses = ['PENDING_DOCUMENTS', 'SUBMITTED', 'EXCEPTION', 'REQUESTED_SUPP', 'SUBMITTED_AGAIN', 'FOC', 'COMPLETE']
      // All at once, in a shuffled order: some arrive after a newer one (no transition), the rest must chain.
      const order = statuses
        .map((s, i) => ({ s, lmd: new Date(Date.UTC(2025, 6, 1, 10 + i)).toISOString() }))
        .sort(() => Math.random() - 0.5)
      const results = await Promise.all(
        order.map((o, i) => ingest(i % 2 ? other : t.connections, orderXml({ orderId, status: o.s, lmd: o.lmd }))),
      )
      const transitions = results.flatMap((r) => (r.transition ? [r.transition] : []))
      const outbox = await outboxOf(t.connections, orderId)
      expect(outbox.map((o) => [o.from, o.to]).sort()).toEqual(transitions.map((x) => [x.from, x.to]).sort())
      // Follow the chain from the first status: it must use every transition once and end at the newest status.
      const byFrom = new Map(outbox.map((o) => [o.from, o]))
      expect(byFrom.size).toBe(outbox.length) // no two transitions replaced the same status
      let at: string | null = null
      for (let i = 0; i < outbox.length; i++) at = byFrom.get(at)!.to
      expect(at).toBe('COMPLETE')
      expect((await getOrderWithTimeline(t.connections, orderId)).order.status).toBe('COMPLETE')
    } finally {
      await closeConnections(other)
    }
  })
})
