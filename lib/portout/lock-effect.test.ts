import { describe, expect, it } from 'vitest'
import { evaluatePortoutRequest, type SubscriberRecord } from './evaluate-portout-request'
import { lockEffect, summariseLockEffects } from './lock-effect'
import { policyOf as parsePolicy, rule } from '@/test/support/policy'

const NOW = new Date('2025-03-26T12:00:00Z')
const E164 = '+19195550301'

function locked(over: Partial<SubscriberRecord> = {}): SubscriberRecord {
  return {
    e164: E164,
    accountNumber: 'BAN-1',
    pinHash: null,
    zipCode: null,
    subscriberName: null,
    status: 'active',
    tags: ['vip'],
    lock: { until: null, reason: 'SIM-swap attempt' },
    ...over,
  }
}

const policyOf = (...rules: object[]) => parsePolicy(rules)
const lockRule = (over: Record<string, unknown> = {}) => rule('lock', 'locked_denied', { params: { code: '7518' }, ...over })
const unlock = (params: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  rule('let-through', 'unlock', { params: { numbers: [E164], until: '2025-04-01T00:00:00Z', ...params }, ...over })

describe('lockEffect', () => {
  it('a lock with no locked_denied rule is not effective, and a rule would help', () => {
    expect(lockEffect(policyOf(rule('p', 'pin_match')), locked(), NOW)).toEqual({
      effective: false,
      why: 'no_rule',
      reason: 'there is no locked_denied rule, so port-outs are answered as if the number were not locked',
      ruleWouldHelp: true,
    })
  })

  it('an enabled, enforced locked_denied rule for all numbers makes it effective, with its code', () => {
    expect(lockEffect(policyOf(lockRule()), locked(), NOW)).toEqual({ effective: true, ruleId: 'lock', code: '7518', exception: null })
  })

  it.each([
    ['rule_monitor', { mode: 'monitor' }, 'locked_denied rule “lock” is in monitor mode: it records the lock but does not deny'],
    ['rule_disabled', { enabled: false }, 'locked_denied rule “lock” is disabled'],
    ['out_of_scope', { scope: { type: 'tag', tag: 'pbx' } }, 'no locked_denied rule covers this number (“lock” covers tag “pbx”)'],
    [
      'out_of_scope',
      { scope: { type: 'accounts', accounts: ['BAN-2'] } },
      'no locked_denied rule covers this number (“lock” covers 1 listed account)',
    ],
  ] as const)('not effective (%s) when the only rule is %j', (why, over, reason) => {
    expect(lockEffect(policyOf(lockRule(over)), locked(), NOW)).toEqual({ effective: false, why, reason, ruleWouldHelp: true })
  })

  it('a rule scoped by tag or by account covers the records it names (accounts compared like account numbers)', () => {
    expect(lockEffect(policyOf(lockRule({ scope: { type: 'tag', tag: 'vip' } })), locked(), NOW).effective).toBe(true)
    expect(lockEffect(policyOf(lockRule({ scope: { type: 'accounts', accounts: ['ban 1'] } })), locked(), NOW).effective).toBe(true)
  })

  it('any one covering enforced rule is enough, wherever it sits', () => {
    const p = policyOf(lockRule({ id: 'off', enabled: false }), rule('p', 'pin_match'), lockRule({ id: 'on', params: { code: '7516' } }))
    expect(lockEffect(p, locked(), NOW)).toEqual({ effective: true, ruleId: 'on', code: '7516', exception: null })
  })

  it('an unlock without a PON lifts it until its time; one with a PON leaves it effective except for that PON', () => {
    expect(lockEffect(policyOf(lockRule(), unlock({})), locked(), NOW)).toEqual({
      effective: false,
      why: 'unlocked',
      reason: 'unlock rule “let-through” exempts this number until Apr 1, 2025, 00:00 UTC',
      ruleWouldHelp: false,
    })
    expect(lockEffect(policyOf(lockRule(), unlock({})), locked(), new Date('2025-04-01T00:00:00Z')).effective).toBe(true)
    expect(lockEffect(policyOf(lockRule(), unlock({}, { mode: 'monitor' })), locked(), NOW).effective).toBe(true)
    expect(lockEffect(policyOf(lockRule(), unlock({ pon: 'PON-7' })), locked(), NOW)).toEqual({
      effective: true,
      ruleId: 'lock',
      code: '7518',
      exception: 'except for PON PON-7 until Apr 1, 2025, 00:00 UTC (unlock rule “let-through”)',
    })
  })

  it('an expired lock, or none, is not effective whatever the policy (a rule would not help)', () => {
    const ended = locked({ lock: { until: new Date('2025-03-26T11:00:00Z'), reason: 'x' } })
    expect(lockEffect(policyOf(lockRule()), ended, NOW)).toEqual({
      effective: false,
      why: 'expired',
      reason: 'the lock ended at Mar 26, 2025, 11:00 UTC',
      ruleWouldHelp: false,
    })
    expect(lockEffect(policyOf(lockRule()), locked({ lock: null }), NOW)).toMatchObject({ effective: false, why: 'not_locked' })
    expect(lockEffect(policyOf(lockRule()), locked({ lock: { until: new Date('2025-03-27T00:00:00Z'), reason: '' } }), NOW).effective).toBe(
      true,
    )
  })

  // The claim on the screen must be what the responder does: for every combination, "effective" ⇔ a request
  // for the number (no PON) is denied by an enforced locked_denied rule.
  it('agrees with the engine on every combination of rule state, scope and unlock', () => {
    const scopes = [{ type: 'all' }, { type: 'tag', tag: 'vip' }, { type: 'tag', tag: 'pbx' }, { type: 'accounts', accounts: ['BAN-1'] }]
    const unlocks = [
      [],
      [unlock({})],
      [unlock({ pon: 'PON-7' })],
      [unlock({}, { enabled: false })],
      [unlock({ until: '2025-03-01T00:00:00Z' })],
    ]
    const locks = [locked(), locked({ lock: { until: new Date('2025-03-01T00:00:00Z'), reason: 'old' } })]
    let compared = 0
    for (const scope of scopes)
      for (const mode of ['enforce', 'monitor'])
        for (const enabled of [true, false])
          for (const extra of unlocks)
            for (const record of locks) {
              const p = policyOf(lockRule({ scope, mode, enabled }), ...extra)
              const decision = evaluatePortoutRequest({ telephoneNumbers: [E164], e164: [E164] }, new Map([[E164, record]]), p, {
                now: NOW,
              })
              const denied = decision.fired.some((f) => f.kind === 'locked_denied' && f.mode === 'enforce')
              expect(lockEffect(p, record, NOW).effective, JSON.stringify({ scope, mode, enabled, extra, lock: record.lock })).toBe(denied)
              compared++
            }
    expect(compared).toBe(160)
  })
})

describe('summariseLockEffects', () => {
  it('counts the numbers a lock protects and keeps each distinct reason once', () => {
    const p = policyOf(lockRule({ scope: { type: 'tag', tag: 'vip' } }))
    const effects = [locked(), locked({ tags: [] }), locked({ tags: ['pbx'] })].map((r) => lockEffect(p, r, NOW))
    expect(summariseLockEffects(effects)).toEqual({
      numbers: 3,
      effective: 1,
      reasons: ['no locked_denied rule covers this number (“lock” covers tag “vip”)'],
      ruleWouldHelp: true,
    })
  })
})
