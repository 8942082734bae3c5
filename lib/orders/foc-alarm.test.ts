import { describe, expect, it } from 'vitest'
import { FOC_ORDER_TYPES, focAlarm, focAlarmCutoff } from './foc-alarm'

const now = new Date('2025-03-18T10:00:00Z')
const portin = (actualFocDate: string | null, status: string | null = 'FOC') => ({ orderTypeKey: 'portins', status, actualFocDate })

describe('focAlarm', () => {
  it('knows which types go through FOC', () => {
    expect([...FOC_ORDER_TYPES].sort()).toEqual(['lsrorders', 'portins'])
  })

  it('is an alarm the day before, the day of and after the FOC date', () => {
    expect(focAlarm(portin('2025-03-13T14:00:00Z'), now)).toEqual({ level: 'passed', label: 'FOC missed 4 d ago' })
    expect(focAlarm(portin('2025-03-18T08:00:00Z'), now)).toEqual({ level: 'passed', label: 'FOC missed today' })
    expect(focAlarm(portin('2025-03-18T23:00:00Z'), now)).toEqual({ level: 'today', label: 'FOC due today' })
    expect(focAlarm(portin('2025-03-19T23:59:00Z'), now)).toEqual({ level: 'tomorrow', label: 'FOC due tomorrow' })
    expect(focAlarm(portin('2025-03-20T00:00:00Z'), now)).toBeNull()
    expect(focAlarmCutoff(now).toISOString()).toBe('2025-03-20T00:00:00.000Z')
  })

  it('is quiet once the order is final, without a FOC date, or for a type without FOC', () => {
    expect(focAlarm(portin('2025-03-13T14:00:00Z', 'COMPLETE'), now)).toBeNull()
    expect(focAlarm(portin('2025-03-13T14:00:00Z', 'CANCELLED'), now)).toBeNull()
    expect(focAlarm(portin(null), now)).toBeNull()
    expect(focAlarm({ orderTypeKey: 'orders', status: 'BACKORDERED', actualFocDate: '2025-03-13T14:00:00Z' }, now)).toBeNull()
    // Still an alarm in EXCEPTION: the date is missed whatever else went wrong.
    expect(focAlarm(portin('2025-03-13T14:00:00Z', 'EXCEPTION'), now)?.level).toBe('passed')
  })
})
