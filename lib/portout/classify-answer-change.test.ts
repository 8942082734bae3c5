import { describe, expect, it } from 'vitest'
import { classifyAnswerChange, countAnswerChanges } from './classify-answer-change'

const allowed = { portable: true, errorCodes: [] }
const denied = (...errorCodes: string[]) => ({ portable: false, errorCodes })

describe('classifyAnswerChange', () => {
  it('tells a port that would now be refused from one that would now go through', () => {
    expect(classifyAnswerChange(allowed, denied('7512'))).toBe('newly-denied')
    expect(classifyAnswerChange(denied('7512'), allowed)).toBe('newly-allowed')
  })

  it('calls a denial with other codes (or the same codes in another order) a change of codes', () => {
    expect(classifyAnswerChange(denied('7512'), denied('7513'))).toBe('codes-changed')
    expect(classifyAnswerChange(denied('7512', '7513'), denied('7513', '7512'))).toBe('codes-changed')
    expect(classifyAnswerChange(denied('7512'), denied('7512', '7598'))).toBe('codes-changed')
  })

  it('sees no change when the answer is the one we gave', () => {
    expect(classifyAnswerChange(allowed, allowed)).toBeNull()
    expect(classifyAnswerChange(denied('7512', '7513'), denied('7512', '7513'))).toBeNull()
  })

  it('counts each kind', () => {
    expect(countAnswerChanges(['newly-denied', 'codes-changed', 'newly-denied'])).toEqual({
      'newly-denied': 2,
      'newly-allowed': 0,
      'codes-changed': 1,
    })
  })
})
