import { describe, expect, it } from 'vitest'
import { diffPolicies } from './diff-policies'
import { DEFAULT_POLICY, policySchema, type Policy } from './portout-policy'
import { policyOf, rule } from '@/test/support/policy'

const UTC = { formatInstant: (iso: string) => iso }
const diff = (a: Policy, b: Policy) => diffPolicies(a, b, UTC)

describe('diffPolicies', () => {
  const active = policyOf([rule('pin', 'pin_match'), rule('zip', 'zip_match'), rule('max', 'max_numbers', { params: { max: 10 } })])

  it('says nothing for the same policy', () => {
    expect(diff(active, active)).toEqual([])
    expect(diff(DEFAULT_POLICY, policySchema.parse({}))).toEqual([])
  })

  it('a policy stored before whenAbsent existed is no change from the same policy drafted today', () => {
    const stored = policySchema.parse(
      JSON.parse('{"rules":[{"id":"zip","kind":"zip_match","params":{},"scope":{"type":"all"},"mode":"enforce","enabled":true}]}'),
    )
    const drafted = policyOf([rule('zip', 'zip_match', { params: { whenAbsent: 'fail' } })])
    expect(diff(stored, drafted)).toEqual([])
  })

  it('lists a removed rule, then an added one with its position', () => {
    const next = policyOf([rule('pin', 'pin_match'), rule('zip', 'zip_match'), rule('known', 'number_known')])
    expect(diff(active, next)).toEqual([
      { change: 'removed', text: 'max: max_numbers (max 10) · 7517 · all numbers · enforce' },
      { change: 'added', text: '#3 known: number_known · 7516 · all numbers · enforce' },
    ])
  })

  it('names what changed in a kept rule: options, scope, mode, enabled', () => {
    const next = policyOf([
      rule('pin', 'pin_match', { mode: 'monitor', enabled: false }),
      rule('zip', 'zip_match', { params: { whenAbsent: 'pass' }, scope: { type: 'tag', tag: 'vip' } }),
      rule('max', 'max_numbers', { params: { max: 20 } }),
    ])
    expect(diff(active, next)).toEqual([
      { change: 'changed', text: 'pin: mode enforce → monitor; disabled' },
      {
        change: 'changed',
        text: 'zip: a missing ZIP code answers 7514 → only when the request carries a ZIP code; scope all numbers → tag “vip”',
      },
      { change: 'changed', text: 'max: max 10 → max 20' },
    ])
  })

  it('a kind changed under the same id says so, with both kinds’ options', () => {
    const next = policyOf([rule('pin', 'pin_required'), rule('zip', 'zip_match'), rule('max', 'max_numbers', { params: { max: 10 } })])
    expect(diff(active, next)).toEqual([
      { change: 'changed', text: 'pin: kind pin_match → pin_required; a missing PIN answers 7512 → no options' },
    ])
  })

  it('reports a new order of the rules both keep once, and not for added or removed rules', () => {
    const next = policyOf([rule('max', 'max_numbers', { params: { max: 10 } }), rule('pin', 'pin_match'), rule('zip', 'zip_match')])
    expect(diff(active, next)).toEqual([{ change: 'moved', text: 'order: pin → zip → max becomes max → pin → zip' }])
    const withNewFirst = policyOf([rule('new', 'number_active'), ...active.rules])
    expect(diff(active, withNewFirst).map((l) => l.change)).toEqual(['added'])
  })

  it('fallback and reveal changes are settings', () => {
    const next = policyOf(active.rules, { fallback: { portable: true }, reveal: { zipCode: true } })
    expect(diff(active, next)).toEqual([
      { change: 'setting', text: 'fallback: Deny with 7598 “Invalid request” → Allow the port-out' },
      { change: 'setting', text: 'AcceptableValues: telephone numbers (never the PIN) → telephone numbers, ZIP code (never the PIN)' },
    ])
  })

  it('does not count the order in which a rule’s keys were written as a change', () => {
    const reordered = { ...active, rules: active.rules.map((r) => Object.fromEntries(Object.entries(r).reverse()) as typeof r) }
    expect(diff(active, reordered)).toEqual([])
  })
})
