import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { buildPortoutValidationResponse, type AcceptableValues } from './build-portout-validation-response'
import { isElement, parseXmlDocument } from './parse-xml-document'

/** Drops the XML declaration and the whitespace between elements: layout is not meaning. */
function canonical(xml: string): string {
  return xml
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '')
    .replace(/>\s+</g, '><')
    .trim()
}

describe('buildPortoutValidationResponse', () => {
  it('builds the allow fixture', () => {
    const xml = buildPortoutValidationResponse({ portable: true, pon: 'WC-LSR-20250325-0419', errors: [] })
    expect(canonical(xml)).toBe(canonical(readFixture('portout-validation-response-allow.xml')))
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><PortOutValidationResponse>')).toBe(true)
  })

  it('builds the 7516 fixture', () => {
    const xml = buildPortoutValidationResponse({
      portable: false,
      pon: 'Q2-MOVE-3317',
      errors: [{ code: '7516', description: 'Telephone Number not recognized or invalid for this account: 6155550721' }],
      acceptableValues: { telephoneNumbers: ['6155550720'] },
    })
    expect(canonical(xml)).toBe(canonical(readFixture('portout-validation-response-deny-tn-not-recognized.xml')))
  })

  it('builds the two-error fixture in its element order, except the PIN it can never carry', () => {
    const xml = buildPortoutValidationResponse({
      portable: false,
      pon: 'TX-PORT-55120',
      errors: [
        { code: '7512', description: 'Required PIN missing: the account holder has a transfer PIN on file' },
        { code: '7511', description: 'Invalid Account Code: the account number does not match our records' },
      ],
      acceptableValues: {
        accountNumber: '900172653',
        zipCode: '78704',
        subscriberName: 'Maria E Delgado',
        telephoneNumbers: ['5125550962'],
      },
    })
    const fixture = canonical(readFixture('portout-validation-response-deny-errors-acceptable-values.xml'))
    expect(fixture).toContain('<Pin>660914</Pin>')
    expect(canonical(xml)).toBe(fixture.replace('<Pin>660914</Pin>', ''))
  })

  it('omits PON when there is none', () => {
    expect(canonical(buildPortoutValidationResponse({ portable: true, errors: [] }))).toBe(
      '<PortOutValidationResponse><Portable>true</Portable></PortOutValidationResponse>',
    )
  })

  it('leaves errors and AcceptableValues out of an allow', () => {
    const xml = buildPortoutValidationResponse({
      portable: true,
      pon: 'A',
      errors: [{ code: '7513', description: 'PIN invalid' }],
      acceptableValues: { accountNumber: '1', telephoneNumbers: ['9195550301'] },
    })
    expect(canonical(xml)).toBe('<PortOutValidationResponse><Portable>true</Portable><PON>A</PON></PortOutValidationResponse>')
  })

  it('omits AcceptableValues when nothing is in it, and writes an empty number list when none is acceptable', () => {
    const deny = { portable: false, errors: [{ code: '7516', description: 'x' }] }
    expect(buildPortoutValidationResponse({ ...deny, acceptableValues: {} })).not.toContain('AcceptableValues')
    expect(buildPortoutValidationResponse(deny)).not.toContain('AcceptableValues')
    expect(canonical(buildPortoutValidationResponse({ ...deny, acceptableValues: { telephoneNumbers: [] } }))).toContain(
      '<AcceptableValues><TelephoneNumbers></TelephoneNumbers></AcceptableValues>',
    )
  })

  it('has no way to send a PIN', () => {
    // @ts-expect-error a PIN is not an acceptable value (this line fails `tsc` if the type ever allows it)
    const withPin: AcceptableValues = { pin: '660914', accountNumber: '1' }
    const smuggled = { pin: '660914', accountNumber: '1' } as unknown as AcceptableValues
    for (const acceptableValues of [withPin, smuggled]) {
      const xml = buildPortoutValidationResponse({
        portable: false,
        errors: [{ code: '7513', description: 'PIN invalid' }],
        acceptableValues,
      })
      expect(xml).not.toContain('Pin')
      expect(xml).not.toContain('660914')
      expect(xml).toContain('<AccountNumber>1</AccountNumber>')
    }
  })

  it('escapes markup and drops characters XML cannot carry, so the reply is always well-formed', () => {
    const xml = buildPortoutValidationResponse({
      portable: false,
      pon: `<PON>&"'`,
      errors: [{ code: '7519', description: 'a < b & c' }],
      acceptableValues: { subscriberName: 'Smith & Sons\u0000\u0007 <Ltd>\uD800', accountNumber: 'A"B', telephoneNumbers: ['<x>'] },
    })
    expect(XMLValidator.validate(xml)).toBe(true)
    const doc = parseXmlDocument(xml)
    if (!doc.ok) throw new Error(doc.error.reason)
    expect(doc.value.root).toBe('PortOutValidationResponse')
    expect(doc.value.element.PON).toBe(`<PON>&"'`)
    const av = doc.value.element.AcceptableValues
    if (!isElement(av)) throw new Error('AcceptableValues missing')
    expect(av.SubscriberName).toBe('Smith & Sons <Ltd>')
    expect(av.AccountNumber).toBe('A"B')
    expect(av.TelephoneNumbers).toEqual({ TelephoneNumber: ['<x>'] })
  })

  it('writes Portable=false with every error in the given order', () => {
    const xml = buildPortoutValidationResponse({
      portable: false,
      errors: [
        { code: '7518', description: 'Telephone number not active' },
        { code: '7510', description: 'Required account code missing' },
        { code: '7598', description: 'Invalid request' },
      ],
    })
    expect(canonical(xml)).toBe(
      '<PortOutValidationResponse><Portable>false</Portable><Errors>' +
        '<Error><Code>7518</Code><Description>Telephone number not active</Description></Error>' +
        '<Error><Code>7510</Code><Description>Required account code missing</Description></Error>' +
        '<Error><Code>7598</Code><Description>Invalid request</Description></Error>' +
        '</Errors></PortOutValidationResponse>',
    )
  })
})
