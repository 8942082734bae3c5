import { describe, expect, it } from 'vitest'
import {
  normalizeTelephoneNumber,
  numberSuffixRange,
  parseNumberSuffix,
  reversedDigits,
  telephoneNumberKey,
} from './normalize-telephone-number'

describe('normalizeTelephoneNumber', () => {
  it.each([
    // 10-digit NANP (LEGACY Bandwidth format)
    ['9195550301', '+19195550301'],
    // 11 digits with the leading country code 1
    ['19195550301', '+19195550301'],
    // E.164 as sent by NumberFormat=E164 subscriptions
    ['+19195550301', '+19195550301'],
    // the ways people type it
    ['(919) 555-0301', '+19195550301'],
    ['919.555.0301', '+19195550301'],
    ['919-555-0301', '+19195550301'],
    ['919 555 0301', '+19195550301'],
    ['1-919-555-0301', '+19195550301'],
    ['1 (919) 555-0301', '+19195550301'],
    ['+1 919-555-0301', '+19195550301'],
    ['+1 919.555.0301', '+19195550301'],
    ['+1 (919) 555-0301', '+19195550301'],
    // surrounding whitespace
    ['  9195550301  ', '+19195550301'],
    ['\t+19195550301\n', '+19195550301'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeTelephoneNumber(input)).toBe(expected)
  })

  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['+442079460958', '+442079460958'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['+49 (30) 901820', '+4930901820'],
    ['+61 2 9876 5432', '+61298765432'],
  ])('international %j → %s', (input, expected) => {
    expect(normalizeTelephoneNumber(input)).toBe(expected)
  })

  it('accepts E.164 from 8 to 15 digits and nothing outside that', () => {
    expect(normalizeTelephoneNumber('+1234567')).toBeNull()
    expect(normalizeTelephoneNumber('+12345678')).toBe('+12345678')
    expect(normalizeTelephoneNumber('+123456789012345')).toBe('+123456789012345')
    expect(normalizeTelephoneNumber('+1234567890123456')).toBeNull()
  })

  it('gives the same key for every spelling of one number', () => {
    const spellings = ['9195550301', '19195550301', '+19195550301', '(919) 555-0301', '919.555.0301', '+1 919-555-0301', '1-919-555-0301']
    expect(new Set(spellings.map(normalizeTelephoneNumber))).toEqual(new Set(['+19195550301']))
  })

  it.each([
    ['empty', ''],
    ['whitespace only', '   '],
    ['only a plus', '+'],
    ['only punctuation', '()-.'],
    ['letters', 'abc'],
    ['vanity number with letters', '1-800-FLOWERS'],
    ['digits with a letter', '919555030l'],
    ['extension', '919-555-0301 x12'],
    ['too short', '5550301'],
    ['9 digits', '919555030'],
    ['11 digits not starting with 1', '29195550301'],
    ['12 digits without a plus', '119195550301'],
    ['plus in the middle', '919+5550301'],
    ['two plus signs', '++19195550301'],
    ['slash separator', '919/555/0301'],
    ['comma', '919,555,0301'],
    ['SIP URI', 'sip:+19195550301@example.com'],
    ['tel URI', 'tel:+19195550301'],
    ['full-width digits', '９１９５５５０３０１'],
  ])('%s (%j) → null', (_label, input) => {
    expect(normalizeTelephoneNumber(input)).toBeNull()
  })
})

describe('telephoneNumberKey', () => {
  it('is the E.164 form when the input is a number', () => {
    expect(telephoneNumberKey('9195550301')).toBe('+19195550301')
    expect(telephoneNumberKey(' (919) 555-0301 ')).toBe('+19195550301')
    expect(telephoneNumberKey('+44 20 7946 0958')).toBe('+442079460958')
  })

  it('falls back to the trimmed input when it is not a number', () => {
    expect(telephoneNumberKey('  abc  ')).toBe('abc')
    expect(telephoneNumberKey('\t5550301\n')).toBe('5550301')
    expect(telephoneNumberKey('1-800-FLOWERS')).toBe('1-800-FLOWERS')
    expect(telephoneNumberKey('')).toBe('')
    expect(telephoneNumberKey('   ')).toBe('')
  })

  it('keeps inner spacing and case of a non-number as received', () => {
    expect(telephoneNumberKey(' Front Desk ')).toBe('Front Desk')
  })
})

describe('number suffix search', () => {
  it('keeps the digits backwards', () => {
    expect(reversedDigits('+19195550123')).toBe('32105559191')
    expect(reversedDigits('not a number')).toBe('rebmun a ton')
  })
  it('takes 4 to 9 digits that are not a whole number as the end of a number', () => {
    expect(parseNumberSuffix('0123')).toBe('0123')
    expect(parseNumberSuffix('555-0123')).toBe('5550123')
    expect(parseNumberSuffix('123')).toBeNull()
    expect(parseNumberSuffix('9195550123')).toBeNull()
    expect(parseNumberSuffix('PORT-0123')).toBeNull()
  })
  it('is a prefix range on the reversed digits', () => {
    expect(numberSuffixRange('0123')).toEqual({ gte: '3210', lt: '3211' })
    expect(numberSuffixRange('0129')).toEqual({ gte: '9210', lt: '9211' })
    expect(numberSuffixRange('9990')).toEqual({ gte: '0999', lt: '1' })
    expect(numberSuffixRange('9999')).toEqual({ gte: '9999' })
    const inRange = (s: string, r: { gte: string; lt?: string }) => s >= r.gte && (r.lt === undefined || s < r.lt)
    for (const suffix of ['0123', '0129', '5550199', '9999', '9990']) {
      const r = numberSuffixRange(suffix)
      for (const n of [
        '+19195550123',
        '+19195550129',
        '+19195550199',
        '+19195559999',
        '+19195550124',
        '+18005550123',
        '+19195559990',
        '+19195551990',
      ]) {
        expect(inRange(reversedDigits(n), r), `${n} ends with ${suffix}`).toBe(n.endsWith(suffix))
      }
    }
  })
})
