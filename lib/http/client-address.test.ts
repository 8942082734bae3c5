import { describe, expect, it } from 'vitest'
import { normalizeAddress, parseAddressList } from './address-list'
import { resolveClientAddress } from './client-address'

const list = (text: string) => {
  const parsed = parseAddressList(text)
  if (!parsed.ok) throw new Error(`bad list: ${parsed.entry}`)
  return parsed.list
}
const NONE = list('')

describe('resolveClientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.7', '198.51.100.1', NONE)).toBe('203.0.113.7')
    expect(resolveClientAddress('::ffff:127.0.0.1', '10.9.9.9, 10.8.8.8', NONE)).toBe('127.0.0.1')
  })

  it('is the socket address when the socket is not a trusted proxy', () => {
    expect(resolveClientAddress('203.0.113.7', '198.51.100.1', list('10.0.0.0/8'))).toBe('203.0.113.7')
  })

  it('takes the hop the trusted proxy added, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy at 10.0.0.2 appended the address it saw.
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 198.51.100.9', list('10.0.0.0/8'))).toBe('198.51.100.9')
  })

  it('walks past every trusted proxy in a chain', () => {
    expect(resolveClientAddress('10.0.0.2', '1.1.1.1, 198.51.100.9, 10.0.0.5', list('10.0.0.0/8'))).toBe('198.51.100.9')
    expect(resolveClientAddress('::1', '2001:db8::7, fd00::3', list('::1, fd00::/8'))).toBe('2001:db8::7')
  })

  it('stops at the last trusted hop when the chain runs out or holds something that is not an address', () => {
    expect(resolveClientAddress('10.0.0.2', null, list('10.0.0.0/8'))).toBe('10.0.0.2')
    expect(resolveClientAddress('10.0.0.2', '10.0.0.3', list('10.0.0.0/8'))).toBe('10.0.0.3')
    expect(resolveClientAddress('10.0.0.2', '198.51.100.9, not-an-ip', list('10.0.0.0/8'))).toBe('10.0.0.2')
  })

  it('is "unknown" without a socket address', () => {
    expect(resolveClientAddress(undefined, '198.51.100.9', list('10.0.0.0/8'))).toBe('unknown')
  })
})

describe('parseAddressList', () => {
  it('matches addresses and ranges of both families', () => {
    const l = list(' 127.0.0.1 , 10.0.0.0/8,fd00::/8,::1')
    expect(['127.0.0.1', '10.200.3.4', 'fd00::1', '::1'].map((a) => l.has(a))).toEqual([true, true, true, true])
    expect(['127.0.0.2', '11.0.0.1', 'fe80::1', 'garbage'].map((a) => l.has(a))).toEqual([false, false, false, false])
  })

  it('names the first entry that is neither an address nor a range', () => {
    expect(parseAddressList('10.0.0.0/8, proxy.internal')).toEqual({ ok: false, entry: 'proxy.internal' })
    expect(parseAddressList('10.0.0.0/33')).toEqual({ ok: false, entry: '10.0.0.0/33' })
    expect(parseAddressList('10.0.0.0/8/1')).toEqual({ ok: false, entry: '10.0.0.0/8/1' })
  })
})

describe('normalizeAddress', () => {
  it('drops ports, brackets and the IPv4-mapped prefix', () => {
    expect(normalizeAddress('198.51.100.9:5123')).toBe('198.51.100.9')
    expect(normalizeAddress('[2001:DB8::7]:443')).toBe('2001:db8::7')
    expect(normalizeAddress('::ffff:198.51.100.9')).toBe('198.51.100.9')
    expect(normalizeAddress('unknown')).toBeUndefined()
  })
})
