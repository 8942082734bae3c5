import { describe, expect, it } from 'vitest'
import {
  describeFallback,
  describeParams,
  describeReveal,
  describeRule,
  describeRuleSentence,
  describeScope,
  ruleCodes,
} from './describe-policy'
import { policySchema, type Rule } from './portout-policy'
import { formatDateTime } from '../format/format-date-time'

const UTC = { formatInstant: (iso: string) => formatDateTime(iso) }
const ruleOf = (over: Record<string, unknown>): Rule =>
  policySchema.parse({ rules: [{ id: 'r1', scope: { type: 'all' }, mode: 'enforce', enabled: true, ...over }] }).rules[0]

describe('describeRule', () => {
  it.each([
    [{ kind: 'pin_required' }, 'pin_required · 7512 · all numbers · enforce'],
    [{ kind: 'pin_match' }, 'pin_match (a missing PIN answers 7512) · 7513 · all numbers · enforce'],
    [
      { kind: 'zip_match', params: { whenAbsent: 'pass' } },
      'zip_match (only when the request carries a ZIP code) · 7515 · all numbers · enforce',
    ],
    [
      { kind: 'account_match', scope: { type: 'accounts', accounts: ['BAN-1', 'BAN-2'] } },
      'account_match (a missing account number answers 7510) · 7511 · accounts BAN-1, BAN-2 · enforce',
    ],
    [
      { kind: 'name_match', mode: 'monitor', enabled: false },
      'name_match (a missing subscriber name answers 7519) · 7519 · all numbers · monitor · disabled',
    ],
    [{ kind: 'max_numbers', params: { max: 5 }, scope: { type: 'tag', tag: 'pbx' } }, 'max_numbers (max 5) · 7517 · tag “pbx” · enforce'],
    [{ kind: 'locked_denied', params: { code: '7516' } }, 'locked_denied (answers 7516) · 7516 · all numbers · enforce'],
    [
      { kind: 'unlock', params: { numbers: ['+19195550301'], pon: 'P-1', until: '2025-04-01T00:00:00Z' } },
      'unlock (+19195550301, PON P-1, until Apr 1, 2025, 00:00 UTC) · no code · all numbers · enforce',
    ],
  ])('%j → %s', (over, text) => {
    expect(describeRule(ruleOf(over), UTC)).toBe(text)
  })
})

describe('ruleCodes, describeParams and the sentence', () => {
  it('a *_match rule answers its "missing" code only when an absent field fails it', () => {
    expect(ruleCodes(ruleOf({ kind: 'zip_match' }))).toEqual(['7515', '7514'])
    expect(ruleCodes(ruleOf({ kind: 'zip_match', params: { whenAbsent: 'pass' } }))).toEqual(['7515'])
    expect(ruleCodes(ruleOf({ kind: 'name_match' }))).toEqual(['7519'])
    expect(ruleCodes(ruleOf({ kind: 'unlock', params: { numbers: ['+19195550301'], until: '2025-04-01T00:00:00Z' } }))).toEqual([])
  })

  it('says in a sentence what the rule does, options included', () => {
    expect(describeRuleSentence(ruleOf({ kind: 'zip_match' }), UTC)).toBe(
      'The ZIP code must match the record; a request without one is denied with 7514',
    )
    expect(describeRuleSentence(ruleOf({ kind: 'zip_match', params: { whenAbsent: 'pass' } }), UTC)).toBe(
      'The ZIP code must match the record, checked only when the request carries one',
    )
    expect(describeRuleSentence(ruleOf({ kind: 'max_numbers', params: { max: 1 } }), UTC)).toBe('At most 1 number per request')
    expect(describeRuleSentence(ruleOf({ kind: 'locked_denied', params: { code: '7518' } }), UTC)).toBe(
      'Numbers locked by an operator are denied with 7518',
    )
    expect(describeParams(ruleOf({ kind: 'number_known' }), UTC)).toBe('')
  })
})

describe('scope, fallback and reveal', () => {
  it('in words', () => {
    expect(describeScope({ type: 'all' })).toBe('all numbers')
    expect(describeScope({ type: 'tag', tag: 'vip' })).toBe('tag “vip”')
    expect(describeFallback({ portable: true })).toBe('Allow the port-out')
    expect(describeFallback({ portable: false, code: '7598', description: 'Invalid request' })).toBe('Deny with 7598 “Invalid request”')
    expect(describeReveal({ telephoneNumbers: true, accountNumber: false, zipCode: true, subscriberName: false })).toBe(
      'telephone numbers, ZIP code (never the PIN)',
    )
    expect(describeReveal({ telephoneNumbers: true, accountNumber: true, zipCode: true, subscriberName: true })).toBe(
      'telephone numbers, account number, ZIP code, subscriber name (never the PIN)',
    )
    expect(describeReveal({ telephoneNumbers: false, accountNumber: false, zipCode: false, subscriberName: false })).toBe('nothing')
  })
})
