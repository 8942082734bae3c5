import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installPolicyVersion } from './load-subscribers-bulk'
import {
  findRecentPortoutRequest,
  findSubscriberRecords,
  getActivePolicy,
  recordPortoutAnswer,
  recordPortoutRetry,
} from './portout-requests'
import { CLAIM_FALLBACK, CLAIM_STORED, newAnswerClaim, takeAnswerClaim } from './sql'
import { setSubscriberLock, upsertSubscribers } from './subscribers'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const actor = { id: 'op-1', email: 'op@example.com' }
const secret = 'secret-for-tests-0123456789abcdef'

// The responder's reads (raw prepared statements on SQLite, Prisma on PostgreSQL) must agree on both.
describe.each(testProviders())("the port-out responder's reads on %s", (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('reads the active policy, the records of just the asked numbers (locks included) and a recent identical request', async () => {
    const c = t.connections
    expect(await getActivePolicy(c)).toMatchObject({ version: 0, policy: { rules: [] } })
    const version = await installPolicyVersion(
      c,
      { rules: [{ id: 'pin', kind: 'pin_match', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true }] },
      'test',
    )
    expect((await getActivePolicy(c)).version).toBe(version)
    expect((await getActivePolicy(c)).policy.rules.map((r) => r.id)).toEqual(['pin'])

    // 150 records: more than one chunk of the IN list.
    const numbers = Array.from({ length: 150 }, (_, i) => `+1919556${String(i).padStart(4, '0')}`)
    await upsertSubscribers(
      c,
      actor,
      numbers.map((n, i) => ({
        telephoneNumber: n,
        accountNumber: `ACC-${i % 3}`,
        pin: i === 0 ? '0048' : undefined,
        status: i === 1 ? 'inactive' : 'active',
        tags: i === 2 ? ['vip'] : [],
      })),
      secret,
      'test',
    )
    const until = new Date('2030-01-02T03:04:05.678Z')
    await setSubscriberLock(c, actor, { e164: numbers[3] }, { locked: true, until, reason: 'fraud report' })
    await setSubscriberLock(c, actor, { e164: numbers[4] }, { locked: true, reason: 'no expiry' })

    const found = await findSubscriberRecords(c, [...numbers, '+12125550000'])
    expect(found.size).toBe(150)
    expect(found.get(numbers[0])).toMatchObject({ accountNumber: 'ACC-0', status: 'active', tags: [], lock: null })
    expect(found.get(numbers[0])!.pinHash).toMatch(/^[0-9a-f]{64}$/)
    expect(found.get(numbers[1])).toMatchObject({ status: 'inactive', pinHash: null })
    expect(found.get(numbers[2])!.tags).toEqual(['vip'])
    expect(found.get(numbers[3])!.lock).toEqual({ until, reason: 'fraud report' })
    expect(found.get(numbers[4])!.lock).toEqual({ until: null, reason: 'no expiry' })
    expect((await findSubscriberRecords(c, [])).size).toBe(0)

    const receivedAt = new Date()
    const requestKey = `key-${randomUUID()}`
    const delivery = {
      id: randomUUID(),
      endpoint: 'portout-validation' as const,
      source: 'test' as const,
      receivedAt,
      contentType: 'application/xml',
      headers: {},
      bodySha256: 'x',
      bodySize: 1,
      body: '<x/>',
      bodyEncoding: 'utf8' as const,
      bodyTruncated: false,
    }
    const decision = { portable: false, errors: [{ code: '7513' as const, description: 'PIN invalid' }], fired: [], monitored: [] }
    const id = await recordPortoutAnswer(c, delivery, {
      requestKey,
      pon: 'P',
      numbers: [numbers[0]],
      request: {},
      decision,
      responseXml: '<answer/>',
      policyVersion: version,
      latencyMs: 1,
      fallbackReason: null,
    })
    expect(await findRecentPortoutRequest(c, requestKey, new Date(receivedAt.getTime() - 60_000))).toEqual({
      id,
      responseXml: '<answer/>',
      portable: false,
    })
    expect(await findRecentPortoutRequest(c, requestKey, new Date(receivedAt.getTime() + 1))).toBeNull()
    expect(await findRecentPortoutRequest(c, 'another-key', new Date(0))).toBeNull()
  })

  // The deadline's fallback and the late store race for one claim: whoever takes it first is the answer, and a
  // store that lost commits nothing — so what is stored is always what was sent (answer-portout-request.ts).
  it('commits an answer only if it wins the answer claim, and stores nothing when the fallback won', async () => {
    const c = t.connections
    const make = () => ({
      id: randomUUID(),
      endpoint: 'portout-validation' as const,
      source: 'test' as const,
      receivedAt: new Date(),
      contentType: 'application/xml',
      headers: {},
      bodySha256: 'claim',
      bodySize: 1,
      body: '<x/>',
      bodyEncoding: 'utf8' as const,
      bodyTruncated: false,
    })
    const answer = (requestKey: string) => ({
      requestKey,
      pon: 'CLAIM',
      numbers: ['+19195550100'],
      request: {},
      decision: { portable: true, errors: [], fired: [], monitored: [] },
      responseXml: '<decided/>',
      policyVersion: null,
      latencyMs: 1,
      fallbackReason: null,
    })
    const lost = newAnswerClaim()
    expect(takeAnswerClaim(lost, CLAIM_FALLBACK)).toBe(true)
    const lostKey = `claim-${randomUUID()}`
    const lostDelivery = make()
    await expect(recordPortoutAnswer(c, lostDelivery, answer(lostKey), { claim: lost })).rejects.toThrow(/already given/)
    expect(await findRecentPortoutRequest(c, lostKey, new Date(0))).toBeNull()
    expect(await c.prisma.delivery.findUnique({ where: { id: lostDelivery.id } })).toBeNull()

    const won = newAnswerClaim()
    const wonKey = `claim-${randomUUID()}`
    const id = randomUUID()
    expect(await recordPortoutAnswer(c, make(), answer(wonKey), { id, claim: won })).toBe(id)
    expect(Atomics.load(won, 0)).toBe(CLAIM_STORED)
    expect(takeAnswerClaim(won, CLAIM_FALLBACK)).toBe(false)
    expect((await findRecentPortoutRequest(c, wonKey, new Date(0)))?.id).toBe(id)
    // The same store again (a second try of a kept answer) meets its own primary key.
    await expect(recordPortoutAnswer(c, make(), answer(wonKey), { id })).rejects.toMatchObject({})

    const retryClaim = newAnswerClaim()
    takeAnswerClaim(retryClaim, CLAIM_FALLBACK)
    await expect(recordPortoutRetry(c, make(), id, { claim: retryClaim })).rejects.toThrow(/already given/)
    expect((await c.prisma.portoutRequest.findUnique({ where: { id } }))?.attempts).toBe(1)
  })
})
