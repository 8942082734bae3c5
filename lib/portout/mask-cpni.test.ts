import { describe, expect, it } from 'vitest'
import { readFixture } from '../../test/support/fixtures'
import { parsePortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import { CPNI_MASK, maskCpni, maskCpniFields, maskCpniInXml, revealedIfCurrent } from './mask-cpni'

describe('maskCpni', () => {
  it('keeps at most the last four characters behind a mask of fixed length', () => {
    expect(maskCpni('BAN-77310452')).toBe('••••0452')
    expect(maskCpni('ACCT-1001')).toBe('••••1001')
    expect(maskCpni('Oak City Dental Partners LLC')).toBe('•••• LLC')
    expect(maskCpni('27609')).toBe('••••09')
    expect(maskCpni('2760')).toBe(CPNI_MASK)
    expect(maskCpni('A')).toBe(CPNI_MASK)
    // The length does not show: a short and a long value look alike apart from their tails.
    expect(maskCpni('12345678')!.length).toBe(maskCpni('1234567890123456789012345678')!.length)
  })

  it('leaves nothing to hide as null, and trims before it counts', () => {
    expect(maskCpni(null)).toBeNull()
    expect(maskCpni(undefined)).toBeNull()
    expect(maskCpni('')).toBeNull()
    expect(maskCpni('   ')).toBeNull()
    expect(maskCpni('  27609 ')).toBe('••••09')
  })

  it('never cuts a character in two', () => {
    expect(maskCpni('Zoë Müller 😀😀')).toBe('••••r 😀😀')
  })

  it('masks the CPNI fields of an object and nothing else', () => {
    const o = {
      telephoneNumber: '+19195550301',
      accountNumber: 'BAN-77310452',
      zipCode: null,
      subscriberName: 'Maria E Delgado',
      hasPin: true,
    }
    expect(maskCpniFields(o)).toEqual({ ...o, accountNumber: '••••0452', subscriberName: '••••gado' })
    expect(o.accountNumber).toBe('BAN-77310452') // a copy
  })
})

describe('maskCpniInXml', () => {
  it('masks the CPNI of a sample request and keeps every other byte', () => {
    const xml = readFixture('portout-validation-request-full.xml')
    const masked = maskCpniInXml(xml)
    for (const clear of ['BAN-77310452', '27609', 'Oak City Dental Partners LLC']) expect(masked).not.toContain(clear)
    expect(masked).toContain('<AccountNumber>••••0452</AccountNumber>')
    expect(masked).toContain('<ZipCode>••••09</ZipCode>')
    expect(masked).toContain('<SubscriberName>•••• LLC</SubscriberName>')
    expect(masked.replace(/<(AccountNumber|ZipCode|SubscriberName)>[^<]*</g, '<$1><')).toBe(
      xml.replace(/<(AccountNumber|ZipCode|SubscriberName)>[^<]*</g, '<$1><'),
    )
    // Still a request the parser reads, with the masked values.
    const parsed = parsePortoutValidationRequest(masked)
    expect(parsed.ok && parsed.value).toMatchObject({ accountNumber: '••••0452', pon: 'WC-LSR-20250325-0419' })
  })

  it("masks a response's AcceptableValues", () => {
    const xml = readFixture('portout-validation-response-deny-errors-acceptable-values.xml')
    const masked = maskCpniInXml(xml)
    for (const clear of ['900172653', '78704', 'Maria E Delgado']) expect(masked).not.toContain(clear)
    expect(masked).toContain('<TelephoneNumber>5125550962</TelephoneNumber>')
  })

  it('catches prefixes, attributes, case, CDATA, entities and nested markup', () => {
    const xml = [
      '<r:PortOutValidationRequest xmlns:r="urn:x">',
      '<r:AccountNumber kind="ban">ACC-55501234</r:AccountNumber >',
      '<accountnumber>ACC-55509876</accountnumber>',
      '<ZipCode><![CDATA[90210-4411]]></ZipCode>',
      '<SubscriberName>Smith &amp; Sons Hardware</SubscriberName>',
      '<SubscriberName><First>Anneliese</First><Last>Vandersloot</Last></SubscriberName>',
      '<AccountNumber/><ZipCode />',
      '</r:PortOutValidationRequest>',
    ].join('')
    const masked = maskCpniInXml(xml)
    for (const clear of ['55501234', '55509876', '90210', 'Smith', 'Anneliese', 'Vandersl']) expect(masked).not.toContain(clear)
    expect(masked).toContain('<r:AccountNumber kind="ban">••••1234</r:AccountNumber >')
    expect(masked).toContain('<ZipCode>••••4411</ZipCode>')
    expect(masked).toContain('<SubscriberName>••••ware</SubscriberName>')
    expect(masked).toContain('<SubscriberName>••••loot</SubscriberName>')
    expect(masked).toContain('<AccountNumber/><ZipCode />')
  })

  it('masks what a truncated or malformed body holds, to the end of the body or the next tag', () => {
    expect(maskCpniInXml('<PortOutValidationRequest><PON>P1</PON><AccountNumber>BAN-7731045')).toBe(
      '<PortOutValidationRequest><PON>P1</PON><AccountNumber>••••1045',
    )
    expect(maskCpniInXml('<R><SubscriberName>Oak City Dental<PON>P1</PON></R>')).not.toContain('Oak City')
    expect(maskCpniInXml('<R><ZipCode><![CDATA[27609 and more')).toBe('<R><ZipCode>••••more')
    expect(maskCpniInXml('not xml at all')).toBe('not xml at all')
  })

  it('stays linear on a body of many unclosed elements', () => {
    const xml = '<AccountNumber>ACC-12345678'.repeat(50_000)
    const started = performance.now()
    const masked = maskCpniInXml(xml)
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(masked).not.toContain('12345678')
  })
})

describe('revealedIfCurrent', () => {
  const clear = { accountNumber: 'BAN-77310452', zipCode: '27609', subscriberName: 'Ottoline Brackenridge', other: 1 }
  const masked = maskCpniFields({ accountNumber: clear.accountNumber, zipCode: clear.zipCode, subscriberName: clear.subscriberName })

  it('gives the revealed values back while the stored ones still mask the same', () => {
    expect(revealedIfCurrent(masked, clear)).toEqual({
      accountNumber: 'BAN-77310452',
      zipCode: '27609',
      subscriberName: 'Ottoline Brackenridge',
    })
  })

  it('is null when nothing was revealed or a stored value changed since', () => {
    expect(revealedIfCurrent(masked, undefined)).toBeNull()
    expect(revealedIfCurrent({ ...masked, zipCode: maskCpni('99577') }, clear)).toBeNull()
    expect(revealedIfCurrent({ ...masked, subscriberName: null }, clear)).toBeNull()
  })
})
