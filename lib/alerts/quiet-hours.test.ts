import { describe, expect, it } from 'vitest'
import { describeQuietHours, isKnownTimeZone, isWatched, watchedMinutesBetween, type QuietHours } from './quiet-hours'

const weekdays = (zone: string, start = '08:00', end = '18:00'): QuietHours => ({ zone, days: [1, 2, 3, 4, 5], start, end })
const at = (iso: string) => new Date(iso)

describe('watchedMinutesBetween', () => {
  it('counts every minute without business hours', () => {
    expect(watchedMinutesBetween(at('2026-12-04T17:00:00Z'), at('2026-12-04T19:30:00Z'), null)).toBe(150)
    expect(watchedMinutesBetween(at('2026-12-04T19:30:00Z'), at('2026-12-04T17:00:00Z'), null)).toBe(0)
  })

  it('a quiet weekend adds nothing: Friday 17:30 to Monday 09:30 in Berlin is 30 + 90 minutes', () => {
    // 4 December 2026 is a Friday; Berlin is UTC+1 in winter.
    const h = weekdays('Europe/Berlin')
    expect(watchedMinutesBetween(at('2026-12-04T16:30:00Z'), at('2026-12-07T08:30:00Z'), h)).toBe(120)
    expect(watchedMinutesBetween(at('2026-12-04T17:00:00Z'), at('2026-12-07T06:59:00Z'), h)).toBe(0)
  })

  it('a quiet night adds nothing; the count goes on the next morning', () => {
    const h = weekdays('America/New_York')
    // Tuesday 17:00 → Wednesday 09:00 New York (UTC-5): one hour Tuesday, one hour Wednesday.
    expect(watchedMinutesBetween(at('2026-12-08T22:00:00Z'), at('2026-12-09T14:00:00Z'), h)).toBe(120)
  })

  it('follows daylight saving: a Monday after the spring change is still 08:00–18:00 local', () => {
    const h = weekdays('Europe/Berlin')
    // 29 March 2027 (Monday) Berlin is UTC+2: 08:00 local is 06:00Z.
    expect(watchedMinutesBetween(at('2027-03-29T05:00:00Z'), at('2027-03-29T07:00:00Z'), h)).toBe(60)
    expect(isWatched(at('2027-03-29T06:00:00Z'), h)).toBe(true)
    expect(isWatched(at('2027-03-29T05:59:00Z'), h)).toBe(false)
  })

  it('an overnight window belongs to the day it starts on', () => {
    const nights: QuietHours = { zone: 'UTC', days: [5], start: '22:00', end: '06:00' }
    // Friday 22:00 → Saturday 06:00 is watched; Saturday 22:00 is not (Saturday is not a watched day).
    expect(watchedMinutesBetween(at('2026-12-04T20:00:00Z'), at('2026-12-06T08:00:00Z'), nights)).toBe(8 * 60)
    expect(isWatched(at('2026-12-05T05:59:00Z'), nights)).toBe(true)
    expect(isWatched(at('2026-12-05T22:30:00Z'), nights)).toBe(false)
  })

  it('no watched day at all: silence never counts', () => {
    expect(watchedMinutesBetween(at('2026-12-01T00:00:00Z'), at('2026-12-20T00:00:00Z'), { ...weekdays('UTC'), days: [] })).toBe(0)
  })

  it('a long silence is counted far enough to pass any threshold (up to a week)', () => {
    expect(watchedMinutesBetween(at('2026-10-01T00:00:00Z'), at('2026-12-20T00:00:00Z'), weekdays('UTC'))).toBeGreaterThan(7 * 24 * 60)
  })
})

describe('describeQuietHours', () => {
  it('says the hours in words', () => {
    expect(describeQuietHours(null)).toBe('at all hours')
    expect(describeQuietHours(weekdays('Europe/Berlin'))).toBe('Mon–Fri 08:00–18:00 Europe/Berlin')
    expect(describeQuietHours({ zone: 'UTC', days: [6, 1], start: '09:00', end: '12:00' })).toBe('Mon, Sat 09:00–12:00 UTC')
  })
  it('knows real zones only', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true)
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false)
  })
})
