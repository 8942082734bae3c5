import { describe, expect, it } from 'vitest'
import { decodePathSegment, escapeMalformedPercentEscapes } from './decode-path-segment'

describe('decodePathSegment', () => {
  it('decodes a segment that arrives percent-encoded', () => {
    expect(decodePathSegment('(919)%20555-0301')).toBe('(919) 555-0301')
    expect(decodePathSegment('%2B19195550301')).toBe('+19195550301')
  })

  it('leaves text with a stray % as it is instead of failing', () => {
    expect(decodePathSegment('50%off')).toBe('50%off')
  })
})

describe('escapeMalformedPercentEscapes', () => {
  it('makes a stray "%" or a broken UTF-8 escape literal, segment by segment', () => {
    expect(escapeMalformedPercentEscapes('/api/numbers/%')).toBe('/api/numbers/%25')
    expect(escapeMalformedPercentEscapes('/orders/%zz')).toBe('/orders/%25zz')
    expect(escapeMalformedPercentEscapes('/numbers/%E0%A4%A')).toBe('/numbers/%25E0%25A4%25A')
    expect(decodeURIComponent(escapeMalformedPercentEscapes('/numbers/%E0%A4%A'))).toBe('/numbers/%E0%A4%A')
  })

  it('leaves good escapes, other segments and the query alone', () => {
    expect(escapeMalformedPercentEscapes('/api/numbers/(919)%20555-0301?a=%')).toBe('/api/numbers/(919)%20555-0301?a=%')
    expect(escapeMalformedPercentEscapes('/a%20b/%/c%2F')).toBe('/a%20b/%25/c%2F')
    expect(escapeMalformedPercentEscapes('/orders')).toBe('/orders')
  })
})
