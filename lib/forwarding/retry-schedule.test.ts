import { describe, expect, it } from 'vitest'
import { describeSchedule, nextRetryDelayMs, parseRetrySchedule, SVIX_RETRY_DELAYS_MS } from './retry-schedule'

describe('retry schedule', () => {
  it("is Svix's: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first attempt, then give up", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => nextRetryDelayMs(n))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ])
    expect(nextRetryDelayMs(8)).toBeNull()
    expect(SVIX_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0) / 3_600_000).toBeCloseTo(27.6, 1)
    expect(describeSchedule(SVIX_RETRY_DELAYS_MS)).toBe('at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h')
  })

  it('parses a shrunk schedule for tests and refuses garbage', () => {
    expect(parseRetrySchedule('0, 200ms, 1s, 0.5m, 1h, 300')).toEqual({ ok: true, delays: [0, 200, 1000, 30_000, 3_600_000, 300] })
    expect(nextRetryDelayMs(2, [0, 100, 200])).toBe(200)
    expect(nextRetryDelayMs(3, [0, 100, 200])).toBeNull()
    expect(parseRetrySchedule('5 minutes')).toMatchObject({ ok: false })
    expect(parseRetrySchedule('')).toMatchObject({ ok: false })
  })
})
