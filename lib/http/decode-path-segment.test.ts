import { describe, expect, it } from 'vitest'
import { decodePathSegment } from './decode-path-segment'

describe('decodePathSegment', () => {
  it('decodes a segment that arrives percent-encoded', () => {
    expect(decodePathSegment('(919)%20555-0301')).toBe('(919) 555-0301')
    expect(decodePathSegment('%2B19195550301')).toBe('+19195550301')
  })

  it('leaves text with a stray % as it is instead of failing', () => {
    expect(decodePathSegment('50%off')).toBe('50%off')
  })
})
