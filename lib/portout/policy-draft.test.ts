import { describe, expect, it } from 'vitest'
import {
  addDraftRule,
  describeIssue,
  fromDraft,
  moveDraftRule,
  removeDraftRule,
  toDraft,
  updateDraftRule,
  withLockedDeniedRule,
  type Draft,
} from './policy-draft'
import { DEFAULT_POLICY, policySchema } from './portout-policy'
import { RULE_KINDS } from './rule-kinds'
import { policyOf, rule } from '@/test/support/policy'

const NOW = new Date('2025-03-26T12:00:00Z')
const back = (d: Draft) => policySchema.parse(fromDraft(d))

describe('the draft model', () => {
  it('a policy with every kind, scope and option comes back unchanged from its draft', () => {
    const policy = policyOf(
      [
        rule('a', 'pin_required', { scope: { type: 'tag', tag: 'vip' } }),
        rule('b', 'pin_match', { params: { whenAbsent: 'pass' }, mode: 'monitor' }),
        rule('c', 'account_required', { enabled: false }),
        rule('d', 'account_match', { scope: { type: 'accounts', accounts: ['BAN-1', 'BAN-2'] } }),
        rule('e', 'zip_required'),
        rule('f', 'zip_match', { params: { whenAbsent: 'pass' } }),
        rule('g', 'name_match'),
        rule('h', 'number_known'),
        rule('i', 'number_active'),
        rule('j', 'max_numbers', { params: { max: 7 } }),
        rule('k', 'locked_denied', { params: { code: '7516' } }),
        rule('l', 'unlock', { params: { numbers: ['+19195550301', '+19195550302'], pon: 'P-1', until: '2025-04-01T00:00:00.000Z' } }),
      ],
      { fallback: { portable: false, code: '7516', description: 'Not ours' }, reveal: { zipCode: true } },
    )
    expect(policy.rules.map((r) => r.kind)).toEqual(RULE_KINDS)
    expect(back(toDraft(policy))).toEqual(policy)
    expect(back(toDraft(DEFAULT_POLICY))).toEqual(DEFAULT_POLICY)
  })

  it('a new rule gets the kind’s default options, an id not yet taken, monitor mode and a fresh key', () => {
    let d = toDraft(policyOf([rule('zip-match', 'zip_match')]))
    d = addDraftRule(d, 'zip_match', NOW)
    d = addDraftRule(d, 'zip_match', NOW)
    d = addDraftRule(d, 'max_numbers', NOW)
    expect(d.rules.map((r) => [r.key, r.id, r.mode])).toEqual([
      [1, 'zip-match', 'enforce'],
      [2, 'zip-match-2', 'monitor'],
      [3, 'zip-match-3', 'monitor'],
      [4, 'max-numbers', 'monitor'],
    ])
    expect(
      back(d)
        .rules.slice(1)
        .map((r) => r.params),
    ).toEqual([{ whenAbsent: 'fail' }, { whenAbsent: 'fail' }, { max: 10 }])
  })

  it('a new unlock lasts a day from now and needs numbers before it is valid', () => {
    const d = addDraftRule(toDraft(DEFAULT_POLICY), 'unlock', NOW)
    expect(d.rules[0].params).toEqual({ numbers: '', pon: '', until: '2025-03-27T12:00:00.000Z' })
    const r = policySchema.safeParse(fromDraft(d))
    expect(r.success).toBe(false)
    expect(describeIssue(d, r.error!.issues[0])).toBe('Rule 1 (unlock), Numbers to exempt: Too small: expected array to have >=1 items')
    const filled = updateDraftRule(d, d.rules[0].key, { params: { ...d.rules[0].params, numbers: '(919) 555-0301; 919.555.0302' } })
    expect(back(filled).rules[0].params).toEqual({ numbers: ['+19195550301', '+19195550302'], until: '2025-03-27T12:00:00.000Z' })
  })

  it('edits: the option "check the ZIP only when the request carries one", scope, move and remove', () => {
    let d = toDraft(policyOf([rule('pin', 'pin_match'), rule('zip', 'zip_match')]))
    const zip = d.rules[1]
    d = updateDraftRule(d, zip.key, { params: { whenAbsent: 'pass' }, scopeType: 'accounts', accounts: 'BAN-1, BAN-2' })
    expect(back(d).rules[1]).toMatchObject({ params: { whenAbsent: 'pass' }, scope: { type: 'accounts', accounts: ['BAN-1', 'BAN-2'] } })
    d = moveDraftRule(d, 1, -1)
    expect(d.rules.map((r) => r.id)).toEqual(['zip', 'pin'])
    expect(moveDraftRule(d, 0, -1)).toBe(d)
    expect(moveDraftRule(d, 1, 1)).toBe(d)
    d = removeDraftRule(d, zip.key)
    expect(d.rules.map((r) => r.id)).toEqual(['pin'])
  })

  it('describes a schema issue by the rule and the input the operator can find', () => {
    const d = addDraftRule(toDraft(DEFAULT_POLICY), 'max_numbers', NOW)
    const bad = updateDraftRule(d, d.rules[0].key, { params: { max: '0' } })
    const r = policySchema.safeParse(fromDraft(bad))
    expect(describeIssue(bad, r.error!.issues[0])).toBe(
      'Rule 1 (max-numbers), Maximum numbers per request: Too small: expected number to be >=1',
    )
    const noTag = updateDraftRule(d, d.rules[0].key, { scopeType: 'tag', tag: ' ' })
    expect(describeIssue(noTag, policySchema.safeParse(fromDraft(noTag)).error!.issues[0])).toMatch(/^Rule 1 \(max-numbers\), scope\.tag: /)
    expect(describeIssue(d, { path: ['fallback', 'description'], message: 'Too big' })).toBe('fallback.description: Too big')
  })
})

describe('withLockedDeniedRule (the offer of a lock that changes nothing)', () => {
  it('adds an enforced locked_denied rule for all numbers, and a summary', () => {
    const d = withLockedDeniedRule(toDraft(policyOf([rule('pin', 'pin_match')])), NOW)
    expect(d.summary).toBe('Deny port-outs of locked numbers')
    expect(back(d).rules[1]).toEqual({
      id: 'locked-denied',
      kind: 'locked_denied',
      params: { code: '7518' },
      scope: { type: 'all' },
      mode: 'enforce',
      enabled: true,
    })
  })

  it('switches on an existing locked_denied rule for all numbers instead of adding a second', () => {
    const d = withLockedDeniedRule(
      toDraft(policyOf([rule('lock', 'locked_denied', { params: { code: '7516' }, mode: 'monitor', enabled: false })])),
      NOW,
    )
    expect(back(d).rules).toEqual([
      { id: 'lock', kind: 'locked_denied', params: { code: '7516' }, scope: { type: 'all' }, mode: 'enforce', enabled: true },
    ])
  })

  it('adds one for all numbers when the existing rule covers only a tag, and keeps a summary already typed', () => {
    const start = {
      ...toDraft(policyOf([rule('vip-lock', 'locked_denied', { params: { code: '7518' }, scope: { type: 'tag', tag: 'vip' } })])),
      summary: 'Mine',
    }
    const d = withLockedDeniedRule(start, NOW)
    expect(d.summary).toBe('Mine')
    expect(back(d).rules.map((r) => [r.id, r.scope.type, r.mode])).toEqual([
      ['vip-lock', 'tag', 'enforce'],
      ['locked-denied', 'all', 'enforce'],
    ])
  })
})
