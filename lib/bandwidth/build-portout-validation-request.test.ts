import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildPortoutValidationRequestXml } from './build-portout-validation-request'
import { parsePortoutValidationRequest } from './parse-portout-validation-request'

describe('buildPortoutValidationRequestXml', () => {
  it('writes the full fixture, compact, and the parser reads it back field by field', () => {
    const fields = {
      pon: 'WC-LSR-20250325-0419',
      pin: '480213',
      accountNumber: 'BAN-77310452',
      zipCode: '27609',
      subscriberName: 'Oak City Dental Partners LLC',
      telephoneNumbers: ['9195550301', '9195550302', '9195550315'],
    }
    const fixture = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../test/fixtures/bandwidth/portout-validation-request-full.xml'),
      'utf8',
    )
    expect(buildPortoutValidationRequestXml(fields)).toBe(fixture.replace(/>\s+</g, '><').trim())
    const parsed = parsePortoutValidationRequest(buildPortoutValidationRequestXml(fields))
    expect(parsed.ok && parsed.value).toMatchObject(fields)
  })

  it('omits absent fields, keeps leading zeros and escapes text', () => {
    const xml = buildPortoutValidationRequestXml({ pin: '0048', subscriberName: 'A & B <Co>', telephoneNumbers: ['+19195550100'] })
    expect(xml).toBe(
      '<?xml version="1.0"?><PortOutValidationRequest><Pin>0048</Pin><SubscriberName>A &amp; B &lt;Co&gt;</SubscriberName><TelephoneNumbers><TelephoneNumber>+19195550100</TelephoneNumber></TelephoneNumbers></PortOutValidationRequest>',
    )
  })

  it('round-trips through the parser, leading zeros and escaping included', () => {
    const xml = buildPortoutValidationRequestXml({
      pon: 'PON-1',
      pin: '0048',
      accountNumber: 'A&B',
      zipCode: '27609',
      subscriberName: "O'Neil <Dental>",
      telephoneNumbers: ['9195550101', '+19195550102'],
    })
    expect(parsePortoutValidationRequest(xml)).toEqual({
      ok: true,
      value: {
        pon: 'PON-1',
        pin: '0048',
        accountNumber: 'A&B',
        zipCode: '27609',
        subscriberName: "O'Neil <Dental>",
        telephoneNumbers: ['9195550101', '+19195550102'],
        e164: ['+19195550101', '+19195550102'],
      },
    })
  })
})
