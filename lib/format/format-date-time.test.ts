import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, formatDay } from './format-date-time'

const AT = '2026-03-14T13:03:07.456Z'

describe('formatDateTime', () => {
  it('writes UTC with its label when no zone is given', () => {
    expect(formatDateTime(AT)).toBe('Mar 14, 2026, 13:03 UTC')
    expect(formatDateTime(new Date(AT), { seconds: true })).toBe('Mar 14, 2026, 13:03:07 UTC')
  })

  it('writes a zone’s local time with that zone’s abbreviation, daylight saving included', () => {
    expect(formatDateTime(AT, { timeZone: 'America/New_York' })).toBe('Mar 14, 2026, 09:03 EDT')
    expect(formatDateTime('2026-01-14T13:03:00Z', { timeZone: 'America/New_York' })).toBe('Jan 14, 2026, 08:03 EST')
    expect(formatDateTime(AT, { timeZone: 'America/Los_Angeles', seconds: true })).toBe('Mar 14, 2026, 06:03:07 PDT')
  })

  it('names zones without a common abbreviation by their offset', () => {
    expect(formatDateTime(AT, { timeZone: 'Europe/Berlin' })).toBe('Mar 14, 2026, 14:03 GMT+1')
    expect(formatDateTime(AT, { timeZone: 'Asia/Kolkata' })).toBe('Mar 14, 2026, 18:33 GMT+5:30')
  })

  it('uses a 24-hour clock: midnight is 00, not 24 or 12 AM', () => {
    expect(formatDateTime('2026-03-14T00:05:00Z')).toBe('Mar 14, 2026, 00:05 UTC')
    expect(formatDateTime('2026-03-14T23:59:00Z')).toBe('Mar 14, 2026, 23:59 UTC')
  })

  it('crosses the date line with the zone', () => {
    expect(formatDateTime('2026-03-14T02:00:00Z', { timeZone: 'America/Chicago' })).toBe('Mar 13, 2026, 21:00 CDT')
  })

  it('gives back what is not a date instead of "Invalid Date"', () => {
    expect(formatDateTime('not a date')).toBe('not a date')
  })
})

describe('formatDate and formatDay', () => {
  it('writes a calendar date in the zone', () => {
    expect(formatDate(AT)).toBe('Mar 14, 2026')
    expect(formatDate('2026-03-14T02:00:00Z', { timeZone: 'America/Chicago' })).toBe('Mar 13, 2026')
  })

  it('writes a UTC day of a chart without its year', () => {
    expect(formatDay('2026-03-04')).toBe('Mar 4')
    expect(formatDay('nonsense')).toBe('nonsense')
  })
})
