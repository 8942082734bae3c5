import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installPolicyVersion } from './load-subscribers-bulk'
import { findRecentPortoutRequest, findSubscriberRecords, getActivePolicy, recordPortoutAnswer } from './portout-requests'
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
})
