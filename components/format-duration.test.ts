import { describe, expect, it } from 'vitest'
import { formatDuration } from './format-duration'

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45_400, '45 s'],
    [60_000, '1 min'],
    [3_600_000, '1 h'],
    [93_784_000, '1 d 2 h'],
    [105_135_737, '1 d 5 h'],
    [382_788, '6 min'],
    [-7_200_000, '−2 h'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text))
})
