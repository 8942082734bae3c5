import { describe, expect, it } from 'vitest'
import { buildPortoutValidationRequestXml } from './build-portout-validation-request'
import { parsePortoutValidationRequest } from './parse-portout-validation-request'

describe('buildPortoutValidationRequestXml', () => {
  it('round-trips through the parser, leading zeros and escaping included', () => {
    const xml = buildPortoutValidationRequestXml({ pon: 'PON-1', pin: '0048', accountNumber: 'A&B', zipCode: '27609', subscriberName: 'O\'Neil <Dental>', telephoneNumbers: ['9195550101', '+19195550102'] })
    const parsed = parsePortoutValidationRequest(xml)
    expect(parsed).toEqual({
      ok: true,
      value: { pon: 'PON-1', pin: '0048', accountNumber: 'A&B', zipCode: '27609', subscriberName: "O'Neil <Dental>", telephoneNumbers: ['9195550101', '+19195550102'], e164: ['+19195550101', '+19195550102'] },
    })
  })

  it('leaves absent fields out', () => {
    expect(buildPortoutValidationRequestXml({ telephoneNumbers: ['9195550101'] })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><PortOutValidationRequest><TelephoneNumbers><TelephoneNumber>9195550101</TelephoneNumber></TelephoneNumbers></PortOutValidationRequest>',
    )
  })
})
