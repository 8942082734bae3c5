import { describe, expect, it } from 'vitest'
import { describeCode, toFiredRules } from './describe-answer'
import { CODE_DESCRIPTIONS } from './portout-policy'

describe('describeCode', () => {
  it('spells out every code Portwatch answers with, and says when it does not know one', () => {
    for (const [code, text] of Object.entries(CODE_DESCRIPTIONS)) expect(describeCode(code)).toBe(text)
    expect(describeCode('0000')).toBe('Unrecognised code')
  })
})

describe('toFiredRules', () => {
  it('keeps only entries shaped like a fired rule', () => {
    const good = { ruleId: 'r1', kind: 'pin_match', mode: 'enforce', code: '7513', numbers: ['+19195550100'], reason: 'PIN differs' }
    expect(toFiredRules([good, { ...good, mode: 'later' }, null, 'x', { ...good, numbers: 'all' }])).toEqual([good])
  })
})
