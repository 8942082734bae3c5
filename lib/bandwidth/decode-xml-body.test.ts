import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { decodeXmlBody } from './decode-xml-body'
import { parseNotification } from './parse-notification'

const utf8 = (text: string) => new TextEncoder().encode(text)
const bytes = (...values: number[]) => Uint8Array.from(values)
const BOM = [0xef, 0xbb, 0xbf]

function decodeOk(input: Uint8Array): string {
  const r = decodeXmlBody(input)
  if (!r.ok) throw new Error(`expected the body to decode, got ${r.error.code}: ${r.error.reason}`)
  return r.value
}

describe('decodeXmlBody', () => {
  it('decodes valid UTF-8 text unchanged', () => {
    const xml = readFixture('order-portins-note-with-status.xml')
    expect(decodeOk(utf8(xml))).toBe(xml)
  })

  it('decodes multi-byte characters (2, 3 and 4 bytes)', () => {
    const text = '<Note>café — 東京 🙂</Note>'
    const encoded = utf8(text)
    expect(encoded.length).toBeGreaterThan(text.length)
    expect(decodeOk(encoded)).toBe(text)
    expect(decodeOk(bytes(0xc3, 0xa9))).toBe('é')
    expect(decodeOk(bytes(0xe2, 0x82, 0xac))).toBe('€')
    expect(decodeOk(bytes(0xf0, 0x9f, 0x99, 0x82))).toBe('🙂')
  })

  it('decodes an empty body to an empty string', () => {
    expect(decodeOk(new Uint8Array(0))).toBe('')
  })

  it('strips a leading UTF-8 BOM (EF BB BF)', () => {
    const xml = '<?xml version="1.0"?><Notification/>'
    const text = decodeOk(bytes(...BOM, ...utf8(xml)))
    expect(text).toBe(xml)
    expect(text.charCodeAt(0)).toBe('<'.charCodeAt(0))
    expect(decodeOk(bytes(...BOM))).toBe('')
  })

  it('strips only one BOM, at the start: a second one or one in the middle is content', () => {
    expect(decodeOk(bytes(...BOM, ...BOM, 0x61))).toBe('\uFEFFa')
    expect(decodeOk(bytes(0x61, ...BOM, 0x62))).toBe('a\uFEFFb')
  })

  it('gives text the notification parser accepts when the body starts with a BOM', () => {
    const xml = readFixture('order-portins-foc.xml')
    const text = decodeOk(bytes(...BOM, ...utf8(xml)))
    expect(text).toBe(xml)
    const parsed = parseNotification(text)
    expect(parsed.ok).toBe(true)
  })

  it.each([
    ['C3 28 (invalid continuation byte)', bytes(0xc3, 0x28)],
    ['FF', bytes(0xff)],
    ['FE FF (UTF-16 BE BOM)', bytes(0xfe, 0xff, 0x00, 0x3c)],
    ['FF FE (UTF-16 LE BOM)', bytes(0xff, 0xfe, 0x3c, 0x00)],
    ['lone continuation byte 80', bytes(0x80)],
    ['truncated 3-byte sequence at the end', bytes(0x61, 0xe2, 0x82)],
    ['overlong encoding of "/" (C0 AF)', bytes(0xc0, 0xaf)],
    ['UTF-16 surrogate encoded in UTF-8 (ED A0 80)', bytes(0xed, 0xa0, 0x80)],
    ['code point above U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80)],
    ['Latin-1 "café"', bytes(0x63, 0x61, 0x66, 0xe9)],
  ])('refuses invalid UTF-8: %s', (_label, input) => {
    const r = decodeXmlBody(input)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_encoding')
      expect(r.error.reason).toContain('not valid UTF-8')
    }
  })

  it('refuses a body with one bad byte in the middle of valid XML', () => {
    const xml = utf8(readFixture('order-portins-foc.xml'))
    const broken = Uint8Array.from(xml)
    broken[100] = 0xff
    const r = decodeXmlBody(broken)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('invalid_encoding')
  })

  it('still decodes valid bodies after refusing an invalid one (no state carried over)', () => {
    expect(decodeXmlBody(bytes(0x61, 0xe2, 0x82)).ok).toBe(false)
    expect(decodeOk(bytes(0x62))).toBe('b')
    // a truncated sequence is not completed by the next body's bytes
    expect(decodeXmlBody(bytes(0xc3)).ok).toBe(false)
    expect(decodeXmlBody(bytes(0xa9)).ok).toBe(false)
    expect(decodeOk(bytes(0xc3, 0xa9))).toBe('é')
  })

  it('refuses a NUL character anywhere, with where it is: it is not XML', () => {
    const xml = utf8(readFixture('order-portins-foc.xml'))
    const withNul = Uint8Array.from(xml)
    withNul[120] = 0x00
    const r = decodeXmlBody(withNul)
    expect(r).toEqual({ ok: false, error: { code: 'invalid_character', reason: 'body contains a NUL character (byte 120): not XML' } })
    expect(decodeXmlBody(bytes(0x00)).ok).toBe(false)
  })
})
