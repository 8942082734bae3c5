import { describe, expect, it } from 'vitest'
import { guardOutboundUrl, isBlockedAddress } from './url-guard'

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '224.0.0.1',
  ])('%s is blocked', (a) => expect(isBlockedAddress(a)).toBe(true))
  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('%s is allowed', (a) => expect(isBlockedAddress(a)).toBe(false))
})

describe('guardOutboundUrl', () => {
  const strict = { allowPrivate: false }
  it('refuses other schemes, credentials in the URL and garbage', async () => {
    expect(await guardOutboundUrl('ftp://example.com/x', strict)).toMatchObject({ ok: false, reason: expect.stringMatching(/only http/) })
    expect(await guardOutboundUrl('https://u:p@example.com/', strict)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/password/),
    })
    expect(await guardOutboundUrl('not a url', strict)).toMatchObject({ ok: false })
  })

  it('refuses a literal or resolved private address, and a name with any private address', async () => {
    expect(await guardOutboundUrl('http://127.0.0.1:8080/hook', strict)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/PORTWATCH_ALLOW_PRIVATE_URLS/),
    })
    expect(await guardOutboundUrl('http://[::1]/hook', strict)).toMatchObject({ ok: false })
    expect(await guardOutboundUrl('https://metadata.test/', { ...strict, resolve: resolvesTo('169.254.169.254') })).toMatchObject({
      ok: false,
    })
    expect(await guardOutboundUrl('https://mixed.test/', { ...strict, resolve: resolvesTo('93.184.216.34', '10.0.0.5') })).toMatchObject({
      ok: false,
    })
  })

  it('allows a public address, and a private one only when the setting allows it', async () => {
    expect(await guardOutboundUrl('https://hooks.test/x', { ...strict, resolve: resolvesTo('93.184.216.34') })).toMatchObject({
      ok: true,
      address: '93.184.216.34',
      family: 4,
    })
    expect(await guardOutboundUrl('http://127.0.0.1:8080/hook', { allowPrivate: true })).toMatchObject({ ok: true, address: '127.0.0.1' })
  })

  it('says so when a name does not resolve', async () => {
    const failing = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' })
    }
    expect(await guardOutboundUrl('https://nowhere.test/', { ...strict, resolve: failing })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ENOTFOUND/),
    })
  })
})
