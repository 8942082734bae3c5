import { describe, expect, it } from 'vitest'
import { readFixture } from '../../test/support/fixtures'
import { redactPortoutPin } from './redact-portout-pin'

describe('redactPortoutPin', () => {
  it('withholds the PIN of every sample request and keeps everything else', () => {
    const xml = readFixture('portout-validation-request-pin-only-no-account-zip.xml')
    const redacted = redactPortoutPin(xml)
    expect(redacted).not.toContain('0048')
    expect(redacted).toContain('<Pin>(withheld)</Pin>')
    expect(redacted.replace('<Pin>(withheld)</Pin>', '')).toBe(xml.replace(/<Pin>0048<\/Pin>/, ''))
  })

  it('catches attributes, prefixes, whitespace, several PINs and mixed case, and leaves PON alone', () => {
    const xml = '<R><PON>P1</PON><Pin a="1">1234</Pin><x:Pin>5678</x:Pin ><PIN>\n9999\n</PIN></R>'
    const out = redactPortoutPin(xml)
    expect(out).not.toMatch(/1234|5678|9999/)
    expect(out).toContain('<PON>P1</PON>')
  })
})

describe('redactPortoutPin on a body whose Pin is not closed', () => {
  const head = '<PortOutValidationRequest><PON>P1</PON>'
  it.each([
    ['truncated after the digits', `${head}<Pin>4321`],
    ['truncated inside the digits, cut at the size limit', `${head}<Pin>43`],
    ['followed by another element instead of its end tag', `${head}<Pin>4321<AccountNumber>77</AccountNumber></PortOutValidationRequest>`],
    ['with a wrong end tag', `${head}<Pin>4321</Pon></PortOutValidationRequest>`],
    ['in CDATA, never closed', `${head}<Pin><![CDATA[4321]]></PortOutValidationRequest>`],
    ['with attributes and a prefix', `${head}<x:PIN kind="a">4321`],
    ['cut inside the opening tag', `${head}<Pin a="4321`],
    ['after a closed one', `${head}<Pin>1111</Pin><Pin>4321`],
  ])('%s: no PIN digit is kept', (_label, xml) => {
    const out = redactPortoutPin(xml)
    expect(out).not.toMatch(/4321|43|1111/)
    expect(out).toContain('<PON>P1</PON>')
    expect(out).toContain('(withheld)')
  })

  it('leaves an empty <Pin/> and names that only start with Pin alone', () => {
    const xml = `${head}<Pin/><PinCount>2</PinCount></PortOutValidationRequest>`
    expect(redactPortoutPin(xml)).toBe(xml)
  })
})
