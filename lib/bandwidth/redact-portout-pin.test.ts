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
