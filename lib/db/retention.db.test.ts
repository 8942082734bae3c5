// Retention on both providers: a purge removes exactly what is older than each class's period (bodies emptied,
// port-out CPNI gone from the request, the raw body and the response), in batches, idempotently, and records
// what it removed; the preview counts the same rows; erasing one number's CPNI removes its record and purges
// its requests only. What stays: checksums, notifications, decisions, codes.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPortoutValidationRequestXml } from '../bandwidth/build-portout-validation-request'
import { buildPortoutValidationResponse } from '../bandwidth/build-portout-validation-response'
import { parsePortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import { redactPortoutPin } from '../bandwidth/redact-portout-pin'
import { evaluatePortoutRequest, hashPortoutPin } from '../portout/evaluate-portout-request'
import { policySchema } from '../portout/portout-policy'
import { listAudit } from './audit'
import { getDelivery } from './list-deliveries'
import { getPortoutRequest } from './list-portout-requests'
import { findSubscriberRecords, recordPortoutAnswer } from './portout-requests'
import { eraseNumberCpni, previewPurge, retentionCutoffs, runRetention } from './retention'
import { searchSubscribers, upsertSubscribers } from './subscribers'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'
import { ingest, makeDelivery, orderXml } from '../../test/support/deliveries'

const DAY = 86_400_000
const secret = 'secret-for-tests-0123456789abcdef'
const admin = { id: 'admin-1', email: 'admin@example.com' }
const now = new Date()
const ago = (days: number) => new Date(now.getTime() - days * DAY)

describe.each(testProviders())('retention on %s', (provider) => {
  let t: TestDatabase
  const deliveries: { id: string; days: number }[] = []
  const requests: { id: string; days: number; number: string }[] = []

  async function portout(number: string, days: number, account: string) {
    const c = t.connections
    const xml = buildPortoutValidationRequestXml({
      pon: `RET-${days}`,
      pin: '1234',
      telephoneNumbers: [number.slice(2)],
      accountNumber: account,
      zipCode: '99577',
      subscriberName: 'Ottoline Brackenridge',
    })
    const parsed = parsePortoutValidationRequest(xml)
    if (!parsed.ok) throw new Error(parsed.error.reason)
    const { pin, ...request } = parsed.value
    const pinHash = hashPortoutPin(pin!, secret)
    const policy = policySchema.parse({
      rules: [{ id: 'acct', kind: 'account_match', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true }],
      reveal: { accountNumber: true, zipCode: true, subscriberName: true },
    })
    const decision = evaluatePortoutRequest({ ...request, pinHash }, await findSubscriberRecords(c, [number]), policy, { now })
    const body = redactPortoutPin(xml)
    const delivery = { ...makeDelivery(body, ago(days)), endpoint: 'portout-validation' as const }
    const id = await recordPortoutAnswer(c, delivery, {
      requestKey: randomUUID(),
      pon: `RET-${days}`,
      numbers: [number],
      request: { ...request, pinGiven: true, pinHash },
      decision,
      responseXml: buildPortoutValidationResponse(decision),
      policyVersion: null,
      latencyMs: 2,
      fallbackReason: null,
    })
    requests.push({ id, days, number })
  }

  beforeAll(async () => {
    t = await createTestDatabase(provider)
    const c = t.connections
    // The subscriber records of the requests' numbers, with an account the requests do not match (a denial that reveals it).
    await upsertSubscribers(
      c,
      admin,
      ['+19075550171', '+19075550172', '+19075550173'].map((n) => ({
        telephoneNumber: n,
        accountNumber: 'REC-ACCT-55501',
        pin: '4321',
        zipCode: '99501',
        subscriberName: 'Ottoline Brackenridge',
        status: 'active' as const,
        tags: [],
      })),
      secret,
      'api',
    )
    for (const days of [200, 120, 100, 95, 30, 1]) {
      const stored = await ingest(c, orderXml({ orderId: randomUUID(), status: 'SUBMITTED', tns: ['9195550100'] }), ago(days))
      deliveries.push({ id: stored.deliveryId, days })
    }
    await portout('+19075550171', 200, 'SENT-ACCT-900001')
    await portout('+19075550172', 181, 'SENT-ACCT-900002')
    await portout('+19075550173', 10, 'SENT-ACCT-900003')
  })
  afterAll(async () => t?.drop())

  it('previews, then purges exactly what is past its period, in batches, and records it', async () => {
    const c = t.connections
    const days = { deliveryBodies: 90, portoutCpni: 180 }
    const cutoffs = retentionCutoffs(days, now)
    // 4 notification bodies older than 90 days, and the bodies of the 2 port-out requests older than 180 days;
    // the young request's body (10 days) stays.
    expect(await previewPurge(c, cutoffs)).toEqual({ deliveryBodies: 6, portoutCpni: 2, timelines: 0, bandwidthCalls: 0 })

    const first = await runRetention(c, days, { trigger: 'test', now, batch: 2 })
    expect(first).toEqual({ purged: { deliveryBodies: 4, portoutCpni: 2, timelines: 0, bandwidthCalls: 0 }, done: true })
    expect(await previewPurge(c, cutoffs)).toEqual({ deliveryBodies: 0, portoutCpni: 0, timelines: 0, bandwidthCalls: 0 })
    expect(await runRetention(c, days, { trigger: 'test', now, batch: 2 })).toEqual({
      purged: { deliveryBodies: 0, portoutCpni: 0, timelines: 0, bandwidthCalls: 0 },
      done: true,
    })

    for (const d of deliveries) {
      const shown = await getDelivery(c, d.id)
      expect([d.days, shown.body === '', shown.bodyPurgedAt !== null], `${d.days} days`).toEqual([d.days, d.days > 90, d.days > 90])
      expect(shown.bodySha256).toMatch(/^[0-9a-f]{64}$/)
      expect(shown.notificationId).not.toBeNull()
    }
    for (const r of requests) {
      const shown = await getPortoutRequest(c, r.id)
      const row = (await c.prisma.portoutRequest.findUnique({ where: { id: r.id } }))!
      const delivery = (await c.prisma.delivery.findUnique({ where: { id: row.deliveryId } }))!
      const gone = r.days > 180
      expect([r.days, shown.cpniPurgedAt !== null, delivery.body === ''], `${r.days} days`).toEqual([r.days, gone, gone])
      expect(row.request.includes('SENT-ACCT'), `${r.days} days`).toBe(!gone)
      expect(row.responseXml.includes('REC-ACCT-55501'), `${r.days} days`).toBe(!gone)
      if (gone) expect(row.responseXml).toContain('(purged)')
      // The evidence of the decision stays.
      expect(shown.portable).toBe(false)
      expect(shown.errorCodes.length).toBeGreaterThan(0)
    }
    const { entries } = await listAudit(c, { action: 'retention.purge', limit: 10 })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actorEmail: null, target: 'test', after: { deliveryBodies: 4, portoutCpni: 2, done: true } })
  })

  it('a period of null keeps a class forever; a time budget stops a run part-way and the next goes on', async () => {
    const c = t.connections
    const y = await ingest(c, orderXml({ orderId: randomUUID(), status: 'SUBMITTED' }), ago(400))
    expect(await runRetention(c, { deliveryBodies: null, portoutCpni: null }, { trigger: 'test', now })).toEqual({
      purged: { deliveryBodies: 0, portoutCpni: 0, timelines: 0, bandwidthCalls: 0 },
      done: true,
    })
    expect((await getDelivery(c, y.deliveryId)).body).not.toBe('')
    const stopped = await runRetention(c, { deliveryBodies: 90 }, { trigger: 'test', now, budgetMs: -1 })
    expect(stopped).toEqual({ purged: { deliveryBodies: 0, portoutCpni: 0, timelines: 0, bandwidthCalls: 0 }, done: false })
    expect((await runRetention(c, { deliveryBodies: 90 }, { trigger: 'test', now })).purged.deliveryBodies).toBe(1)
  })

  it('deletes Bandwidth API calls past their period, in batches; keeps the younger ones', async () => {
    const c = t.connections
    const at = [200, 95, 91, 30, 1].map(ago)
    await c.prisma.bandwidthCall.createMany({
      data: at.map((a, i) => ({
        id: `call-${i}`,
        at: a,
        method: 'GET',
        path: '/accounts/1/subscriptions',
        status: 200,
        latencyMs: 5,
        trigger: 'test',
        ok: true,
      })),
    })
    const days = { bandwidthCalls: 90 }
    expect((await previewPurge(c, retentionCutoffs(days, now))).bandwidthCalls).toBe(3)
    expect((await runRetention(c, days, { trigger: 'test', now, batch: 2 })).purged.bandwidthCalls).toBe(3)
    expect((await c.prisma.bandwidthCall.findMany({ orderBy: { at: 'asc' } })).map((r) => r.id)).toEqual(['call-3', 'call-4'])
    const [last] = (await listAudit(c, { action: 'retention.purge', limit: 1 })).entries
    expect(last.after).toMatchObject({ bandwidthCalls: 3 })
  })

  it("erases one number's CPNI: its record goes, its requests are purged, the others' stay; audited without values", async () => {
    const c = t.connections
    const young = requests.find((r) => r.days === 10)!
    expect(await eraseNumberCpni(c, admin, young.number)).toEqual({ subscriberRecords: 1, portoutRequests: 1 })
    expect((await searchSubscribers(c, { q: young.number, limit: 10 }, { byCpni: true })).records).toEqual([])
    expect((await searchSubscribers(c, { limit: 10 }, { byCpni: true })).records.map((r) => r.telephoneNumber)).toEqual([
      '+19075550171',
      '+19075550172',
    ])
    const row = (await c.prisma.portoutRequest.findUnique({ where: { id: young.id } }))!
    expect(row.cpniPurgedAt).not.toBeNull()
    expect(row.request).not.toContain('SENT-ACCT-900003')
    expect(row.responseXml).not.toContain('REC-ACCT-55501')
    const { entries } = await listAudit(c, { action: 'cpni.erase', limit: 10 })
    expect(entries).toEqual([
      expect.objectContaining({ actorEmail: admin.email, target: young.number, after: { subscriberRecords: 1, portoutRequests: 1 } }),
    ])
    expect(JSON.stringify(entries)).not.toMatch(/SENT-ACCT|REC-ACCT|Ottoline|99501/)
  })
})
