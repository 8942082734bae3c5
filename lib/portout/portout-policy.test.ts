import { describe, expect, it } from 'vitest'
import { CODE_DESCRIPTIONS, DEFAULT_POLICY, RECOGNISED_CODES, RULE_KINDS, policySchema } from './portout-policy'

const rule = (over: Record<string, unknown>) => ({ id: 'r1', scope: { type: 'all' }, mode: 'enforce', enabled: true, ...over })

describe('RECOGNISED_CODES', () => {
  it('are exactly 7510–7519 and 7598', () => {
    expect([...RECOGNISED_CODES]).toEqual(['7510', '7511', '7512', '7513', '7514', '7515', '7516', '7517', '7518', '7519', '7598'])
  })

  it('each has a fixed, short, carrier-safe description', () => {
    expect(Object.keys(CODE_DESCRIPTIONS).sort()).toEqual([...RECOGNISED_CODES].sort())
    expect(CODE_DESCRIPTIONS['7513']).toBe('PIN invalid')
    expect(CODE_DESCRIPTIONS['7598']).toBe('Invalid request')
    for (const description of Object.values(CODE_DESCRIPTIONS)) {
      expect(description.length).toBeLessThanOrEqual(80)
      expect(description).not.toMatch(/\d|[:<>&]/) // no numbers, values or markup
    }
  })
})

describe('DEFAULT_POLICY', () => {
  it('has no rules, denies unparseable requests with 7598 and reveals only the numbers', () => {
    expect(DEFAULT_POLICY).toEqual({
      rules: [],
      fallback: { portable: false, code: '7598', description: 'Invalid request' },
      reveal: { telephoneNumbers: true, accountNumber: false, zipCode: false, subscriberName: false },
    })
  })
})

describe('policySchema', () => {
  it('accepts every kind with its params, and defaults params of the kinds that have none', () => {
    const parsed = policySchema.parse({
      rules: [
        rule({ id: 'a', kind: 'pin_required' }),
        rule({ id: 'b', kind: 'pin_match', params: {} }),
        rule({ id: 'c', kind: 'account_required', scope: { type: 'tag', tag: 'vip' } }),
        rule({ id: 'd', kind: 'account_match', scope: { type: 'accounts', accounts: ['BAN-1'] } }),
        rule({ id: 'e', kind: 'zip_required', mode: 'monitor' }),
        rule({ id: 'f', kind: 'zip_match', enabled: false }),
        rule({ id: 'g', kind: 'name_match' }),
        rule({ id: 'h', kind: 'number_known' }),
        rule({ id: 'i', kind: 'number_active' }),
        rule({ id: 'j', kind: 'max_numbers', params: { max: 10 } }),
        rule({ id: 'k', kind: 'locked_denied', params: { code: '7519' } }),
        rule({ id: 'l', kind: 'unlock', params: { numbers: ['+19195550301'], pon: 'PON-1', until: '2025-04-01T00:00:00Z' } }),
      ],
      reveal: { accountNumber: true },
    })
    expect(parsed.rules.map((r) => r.kind)).toEqual(RULE_KINDS.slice())
    expect(parsed.rules[0].params).toEqual({})
    // What an absent field means to a *_match rule: as before the option existed, unless it says otherwise.
    expect(parsed.rules[1].params).toEqual({ whenAbsent: 'fail' })
    expect(parsed.rules[5].params).toEqual({ whenAbsent: 'fail' })
    expect(parsed.reveal).toEqual({ telephoneNumbers: true, accountNumber: true, zipCode: false, subscriberName: false })
    expect(parsed.fallback).toEqual(DEFAULT_POLICY.fallback)
  })

  it('accepts a fallback that allows, or one that denies with any recognised code', () => {
    expect(policySchema.parse({ fallback: { portable: true } }).fallback).toEqual({ portable: true })
    expect(policySchema.parse({ fallback: { portable: false, code: '7516', description: 'Not ours' } }).fallback.portable).toBe(false)
  })

  it.each([
    ['an unknown kind', { rules: [rule({ kind: 'pin_is_nice' })] }],
    ['max_numbers without max', { rules: [rule({ kind: 'max_numbers', params: {} })] }],
    ['max_numbers of 0', { rules: [rule({ kind: 'max_numbers', params: { max: 0 } })] }],
    ['max_numbers not an integer', { rules: [rule({ kind: 'max_numbers', params: { max: 2.5 } })] }],
    ['locked_denied with an unrecognised code', { rules: [rule({ kind: 'locked_denied', params: { code: '7599' } })] }],
    ['locked_denied with 7520', { rules: [rule({ kind: 'locked_denied', params: { code: '7520' } })] }],
    [
      'an unlock with a 10-digit number',
      { rules: [rule({ kind: 'unlock', params: { numbers: ['9195550301'], until: '2025-04-01T00:00:00Z' } })] },
    ],
    ['an unlock without until', { rules: [rule({ kind: 'unlock', params: { numbers: ['+19195550301'] } })] }],
    ['an unlock with a date-only until', { rules: [rule({ kind: 'unlock', params: { numbers: ['+19195550301'], until: '2025-04-01' } })] }],
    ['an unlock with no numbers', { rules: [rule({ kind: 'unlock', params: { numbers: [], until: '2025-04-01T00:00:00Z' } })] }],
    ['params on a kind that has none', { rules: [rule({ kind: 'pin_required', params: { strict: true } })] }],
    ['an unknown option on a *_match rule', { rules: [rule({ kind: 'pin_match', params: { strict: true } })] }],
    ['a *_match rule with another whenAbsent', { rules: [rule({ kind: 'zip_match', params: { whenAbsent: 'ignore' } })] }],
    ['an unknown mode', { rules: [rule({ kind: 'pin_match', mode: 'shadow' })] }],
    ['a missing enabled flag', { rules: [{ id: 'x', kind: 'pin_match', scope: { type: 'all' }, mode: 'enforce' }] }],
    ['a tag scope without tag', { rules: [rule({ kind: 'pin_match', scope: { type: 'tag' } })] }],
    ['an accounts scope with no accounts', { rules: [rule({ kind: 'pin_match', scope: { type: 'accounts', accounts: [] } })] }],
    ['duplicate rule ids', { rules: [rule({ kind: 'pin_match' }), rule({ kind: 'pin_required' })] }],
    ['a deny fallback with an unrecognised code', { fallback: { portable: false, code: '7599', description: 'x' } }],
    ['a deny fallback without description', { fallback: { portable: false, code: '7598' } }],
    ['a deny fallback with a two-line description', { fallback: { portable: false, code: '7598', description: 'a\nb' } }],
    ['a PIN in reveal', { reveal: { pin: true } }],
    ['an unknown top-level key', { rules: [], extra: 1 }],
  ])('refuses %s', (_, input) => {
    expect(policySchema.safeParse(input).success).toBe(false)
  })

  it('names the duplicate rule id', () => {
    const r = policySchema.safeParse({ rules: [rule({ kind: 'pin_match' }), rule({ kind: 'pin_required' })] })
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.message)).toContain('duplicate rule id "r1"')
  })
})
