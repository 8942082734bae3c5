// A lock says whether it is effective under the active policy: in the lock's answer, on the subscriber
// rows and on the number page, on both providers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getNumberHistory } from './get-number'
import { installPolicyVersion } from './load-subscribers-bulk'
import { searchSubscribers, setSubscriberLock, upsertSubscribers } from './subscribers'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const actor = { id: 'op-1', email: 'op@example.com' }
const secret = 'secret-for-tests-0123456789abcdef'
const NUMBERS = ['+19195570001', '+19195570002', '+19195570003']
const lockRule = (scope: { type: 'all' } | { type: 'tag'; tag: string }) =>
  ({ id: 'lock', kind: 'locked_denied', params: { code: '7518' }, scope, mode: 'enforce', enabled: true }) as const

describe.each(testProviders())('port-out locks and the active policy on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    await upsertSubscribers(
      t.connections,
      actor,
      NUMBERS.map((n, i) => ({ telephoneNumber: n, accountNumber: 'ACC-L', status: 'active', tags: i === 0 ? ['vip'] : [] })),
      secret,
      'test',
    )
  })
  afterAll(async () => t?.drop())

  const effects = async () =>
    Object.fromEntries(
      (await searchSubscribers(t.connections, { q: 'ACC-L', limit: 10 }, { byCpni: true })).records.map((r) => [
        r.telephoneNumber,
        r.lockEffect,
      ]),
    )

  it('a lock without a locked_denied rule says it changes nothing, everywhere it is shown', async () => {
    const c = t.connections
    const locked = await setSubscriberLock(c, actor, { accountNumber: 'ACC-L' }, { locked: true, reason: 'SIM-swap attempt' })
    expect(locked).toEqual({
      count: 3,
      lockEffect: {
        policyVersion: 0,
        numbers: 3,
        effective: 0,
        reasons: ['there is no locked_denied rule, so port-outs are answered as if the number were not locked'],
        ruleWouldHelp: true,
      },
    })
    const search = await searchSubscribers(c, { q: 'ACC-L', limit: 10 }, { byCpni: true })
    expect(search.policyVersion).toBe(0)
    expect(search.records.map((r) => [r.lock?.reason, r.lockEffect])).toEqual(
      NUMBERS.map(() => ['SIM-swap attempt', expect.objectContaining({ effective: false, why: 'no_rule', ruleWouldHelp: true })]),
    )
    const page = await getNumberHistory(c, NUMBERS[0])
    expect(page.portoutLock).toMatchObject({
      hasRecord: true,
      policyVersion: 0,
      lock: { reason: 'SIM-swap attempt', until: null },
      lockEffect: { effective: false, why: 'no_rule' },
    })
  })

  it('a rule scoped to a tag makes only the tagged number’s lock effective; one for all numbers, every lock', async () => {
    const c = t.connections
    const v1 = await installPolicyVersion(c, { rules: [lockRule({ type: 'tag', tag: 'vip' })] }, 'test')
    expect(await effects()).toEqual({
      [NUMBERS[0]]: { effective: true, ruleId: 'lock', code: '7518', exception: null },
      [NUMBERS[1]]: expect.objectContaining({ effective: false, why: 'out_of_scope' }),
      [NUMBERS[2]]: expect.objectContaining({ effective: false, why: 'out_of_scope' }),
    })
    const relocked = await setSubscriberLock(c, actor, { accountNumber: 'ACC-L' }, { locked: true })
    expect(relocked.lockEffect).toMatchObject({ policyVersion: v1, numbers: 3, effective: 1, ruleWouldHelp: true })

    const v2 = await installPolicyVersion(c, { rules: [lockRule({ type: 'all' })] }, 'test')
    expect(Object.values(await effects()).map((e) => e?.effective)).toEqual([true, true, true])
    const one = await setSubscriberLock(c, actor, { e164: NUMBERS[1] }, { locked: true, reason: 'again' })
    expect(one.lockEffect).toEqual({ policyVersion: v2, numbers: 1, effective: 1, reasons: [], ruleWouldHelp: false })
    expect((await getNumberHistory(c, NUMBERS[1])).portoutLock).toMatchObject({
      policyVersion: v2,
      lockEffect: { effective: true, code: '7518' },
    })
  })

  it('unlocked, a record has no lock and no effect; a number without a record says so', async () => {
    const c = t.connections
    expect(await setSubscriberLock(c, actor, { accountNumber: 'ACC-L' }, { locked: false })).toEqual({ count: 3, lockEffect: null })
    expect(Object.values(await effects())).toEqual([null, null, null])
    expect((await getNumberHistory(c, NUMBERS[0])).portoutLock).toMatchObject({ hasRecord: true, lock: null, lockEffect: null })
    expect((await getNumberHistory(c, '+19195579999')).portoutLock).toMatchObject({ hasRecord: false, lock: null, lockEffect: null })
  })
})
