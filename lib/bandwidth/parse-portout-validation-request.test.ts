import { describe, expect, it } from 'vitest'
import { listFixtures, readFixture } from '@/test/support/fixtures'
import {
  MAX_FIELD_LENGTH,
  MAX_TELEPHONE_NUMBERS,
  parsePortoutValidationRequest,
  type PortoutValidationRequest,
} from './parse-portout-validation-request'
import type { ParseError, ParseErrorCode } from './result'

function parseOk(xml: string): PortoutValidationRequest {
  const r = parsePortoutValidationRequest(xml)
  if (!r.ok) throw new Error(`expected the request to parse, got ${r.error.code}: ${r.error.reason}`)
  return r.value
}

function parseErr(xml: string): ParseError {
  const r = parsePortoutValidationRequest(xml)
  if (r.ok) throw new Error(`expected the request to be refused, got ${JSON.stringify(r.value)}`)
  return r.error
}

function expectRefused(xml: string, code: ParseErrorCode, reason: string | RegExp): void {
  const error = parseErr(xml)
  expect(error.code).toBe(code)
  if (typeof reason === 'string') expect(error.reason).toContain(reason)
  else expect(error.reason).toMatch(reason)
  expect(error.reason).not.toMatch(/[\r\n]/)
}

/** A <PortOutValidationRequest> with the given children. */
const R = (inner: string) => `<PortOutValidationRequest>${inner}</PortOutValidationRequest>`
const TNS = (...numbers: string[]) =>
  `<TelephoneNumbers>${numbers.map((n) => `<TelephoneNumber>${n}</TelephoneNumber>`).join('')}</TelephoneNumbers>`

const manyNumbers = Array.from({ length: 40 }, (_, i) => `64655520${String(i).padStart(2, '0')}`)

// Read field by field from each fixture file.
const EXPECTED: Record<string, PortoutValidationRequest> = {
  'portout-validation-request-e164-v2.xml': {
    pon: 'V2-E164-7781',
    pin: '55820',
    accountNumber: '88120394',
    zipCode: '60614',
    subscriberName: 'Lincoln Park Yoga Studio',
    telephoneNumbers: ['+13125550471', '+13125550472'],
    e164: ['+13125550471', '+13125550472'],
  },
  'portout-validation-request-full.xml': {
    pon: 'WC-LSR-20250325-0419',
    pin: '480213',
    accountNumber: 'BAN-77310452',
    zipCode: '27609',
    subscriberName: 'Oak City Dental Partners LLC',
    telephoneNumbers: ['9195550301', '9195550302', '9195550315'],
    e164: ['+19195550301', '+19195550302', '+19195550315'],
  },
  'portout-validation-request-many-tns.xml': {
    pon: 'NYC-BULK-8830172',
    pin: '7391',
    accountNumber: '4410093328',
    zipCode: '10018',
    subscriberName: 'Garment District Logistics Inc',
    telephoneNumbers: manyNumbers,
    e164: manyNumbers.map((n) => `+1${n}`),
  },
  'portout-validation-request-max-field-lengths.xml': {
    pon: 'PON-2025-0326-ABCDEFGHIJX',
    pin: '0123456789',
    accountNumber: 'ACCT-0000-1111-2222-33334',
    zipCode: 'V6B 1A1-CA-0042',
    subscriberName: 'Pacific Northwest Regional Cooperative of Independent Veterinary Clinics and Animal Hospitals',
    telephoneNumbers: ['4155550186'],
    e164: ['+14155550186'],
  },
  'portout-validation-request-minimal-tns-only.xml': {
    pon: undefined,
    pin: undefined,
    accountNumber: undefined,
    zipCode: undefined,
    subscriberName: undefined,
    telephoneNumbers: ['7205550848'],
    e164: ['+17205550848'],
  },
  'portout-validation-request-missing-pin.xml': {
    pon: 'TX-PORT-55120',
    pin: undefined,
    accountNumber: '900172635',
    zipCode: '78704',
    subscriberName: 'Maria Delgado',
    telephoneNumbers: ['5125550962'],
    e164: ['+15125550962'],
  },
  'portout-validation-request-pin-only-no-account-zip.xml': {
    pon: 'Q2-MOVE-3317',
    pin: '0048',
    accountNumber: undefined,
    zipCode: undefined,
    subscriberName: undefined,
    telephoneNumbers: ['6155550720', '6155550721'],
    e164: ['+16155550720', '+16155550721'],
  },
}

describe('parsePortoutValidationRequest: fixtures', () => {
  it('has an expectation for every request fixture, and every expectation has a fixture', () => {
    expect(listFixtures('portout-validation-request-')).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.entries(EXPECTED))('%s parses field by field', (name, expected) => {
    const request = parseOk(readFixture(name))
    expect(request).toEqual(expected)
    // toEqual ignores undefined properties: say it again for the fields that are absent
    for (const key of ['pon', 'pin', 'accountNumber', 'zipCode', 'subscriberName'] as const) {
      expect(request[key], key).toBe(expected[key])
    }
  })

  it('keeps the PIN as text with its leading zeros', () => {
    expect(parseOk(readFixture('portout-validation-request-pin-only-no-account-zip.xml')).pin).toBe('0048')
    expect(parseOk(readFixture('portout-validation-request-max-field-lengths.xml')).pin).toBe('0123456789')
  })

  it('accepts the fields at their documented maximum lengths', () => {
    const r = parseOk(readFixture('portout-validation-request-max-field-lengths.xml'))
    expect(r.pon).toHaveLength(25)
    expect(r.pin).toHaveLength(10)
    expect(r.accountNumber).toHaveLength(25)
    expect(r.zipCode).toHaveLength(15)
    expect(r.subscriberName).toHaveLength(93)
  })

  it('keeps the 40 numbers of a bulk request in document order', () => {
    const r = parseOk(readFixture('portout-validation-request-many-tns.xml'))
    expect(r.telephoneNumbers).toHaveLength(40)
    expect(r.telephoneNumbers[0]).toBe('6465552000')
    expect(r.telephoneNumbers[39]).toBe('6465552039')
    expect(r.e164).toHaveLength(40)
  })
})

describe('parsePortoutValidationRequest: numbers', () => {
  it('keeps a number that does not normalize, with e164 = null, in its place', () => {
    const r = parseOk(R(TNS('9195550301', 'not-a-number', '12345', '+442071838750')))
    expect(r.telephoneNumbers).toEqual(['9195550301', 'not-a-number', '12345', '+442071838750'])
    expect(r.e164).toEqual(['+19195550301', null, null, '+442071838750'])
  })

  it('accepts a single number and decoded entities', () => {
    const r = parseOk(R(`<SubscriberName>Smith &amp; Sons</SubscriberName>${TNS('9195550301')}`))
    expect(r.subscriberName).toBe('Smith & Sons')
    expect(r.telephoneNumbers).toEqual(['9195550301'])
  })

  it('ignores length limits that only Bandwidth enforces (an 11-digit Pin, a 30-character PON)', () => {
    const r = parseOk(R(`<PON>${'P'.repeat(30)}</PON><Pin>01234567890</Pin>${TNS('9195550301')}`))
    expect(r.pon).toBe('P'.repeat(30))
    expect(r.pin).toBe('01234567890')
  })

  it(`accepts exactly ${MAX_TELEPHONE_NUMBERS} numbers`, () => {
    const numbers = Array.from({ length: MAX_TELEPHONE_NUMBERS }, (_, i) => `919555${String(i).padStart(4, '0')}`)
    expect(parseOk(R(TNS(...numbers))).telephoneNumbers).toHaveLength(MAX_TELEPHONE_NUMBERS)
  })
})

describe('parsePortoutValidationRequest: refusals', () => {
  it('refuses malformed XML', () => {
    expectRefused('<PortOutValidationRequest><PON>x</PortOutValidationRequest>', 'malformed_xml', 'malformed XML')
    expectRefused('not xml at all', 'malformed_xml', 'malformed XML')
  })

  it('refuses another root', () => {
    expectRefused(readFixture('order-portouts-complete-single-tn.xml'), 'unexpected_root', 'got <Notification>')
    expectRefused(readFixture('portout-validation-response-allow.xml'), 'unexpected_root', 'got <PortOutValidationResponse>')
  })

  it('refuses a request without numbers', () => {
    expectRefused(R('<PON>A</PON><Pin>1234</Pin>'), 'missing_field', 'no telephone numbers')
    expectRefused(R('<PON>A</PON><TelephoneNumbers></TelephoneNumbers>'), 'missing_field', 'no telephone numbers')
    expectRefused(R('<TelephoneNumbers><TelephoneNumber></TelephoneNumber></TelephoneNumbers>'), 'missing_field', 'no telephone numbers')
    expectRefused('<PortOutValidationRequest/>', 'missing_field', 'no telephone numbers')
  })

  it(`refuses more than ${MAX_TELEPHONE_NUMBERS} numbers`, () => {
    const numbers = Array.from({ length: MAX_TELEPHONE_NUMBERS + 1 }, (_, i) => `919555${String(i).padStart(4, '0')}`)
    expectRefused(R(TNS(...numbers)), 'invalid_field', `more than ${MAX_TELEPHONE_NUMBERS}`)
  })

  it('refuses absurdly long fields and numbers', () => {
    expectRefused(
      R(`<SubscriberName>${'x'.repeat(MAX_FIELD_LENGTH + 1)}</SubscriberName>${TNS('9195550301')}`),
      'invalid_field',
      'SubscriberName is longer',
    )
    expect(parseOk(R(`<SubscriberName>${'x'.repeat(MAX_FIELD_LENGTH)}</SubscriberName>${TNS('9195550301')}`)).subscriberName).toHaveLength(
      MAX_FIELD_LENGTH,
    )
    expectRefused(R(TNS('9'.repeat(65))), 'invalid_field', 'TelephoneNumber is longer')
  })

  it('refuses a field given twice or holding elements', () => {
    expectRefused(R(`<Pin>1</Pin><Pin>2</Pin>${TNS('9195550301')}`), 'invalid_field', 'Pin appears more than once')
    expectRefused(R(`<AccountNumber><X>1</X></AccountNumber>${TNS('9195550301')}`), 'invalid_field', 'AccountNumber must contain text')
    expectRefused(R('<TelephoneNumbers>9195550301</TelephoneNumbers>'), 'invalid_field', 'TelephoneNumbers must contain TelephoneNumber')
  })

  it('refuses a DTD', () => {
    expectRefused(`<!DOCTYPE x [<!ENTITY a "b">]>${R(TNS('9195550301'))}`, 'forbidden_dtd', 'DOCTYPE')
  })
})
