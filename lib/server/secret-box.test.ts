import { describe, expect, it } from 'vitest'
import { isSealed, openSecret, sealSecret } from './secret-box'

const SECRET = 'unit-test-secret-0123456789abcdef0123456789'

describe('sealSecret / openSecret', () => {
  it('round-trips, and the sealed text holds nothing of the plaintext', () => {
    const sealed = sealSecret('hunter2-password', 'webhook.notifications', SECRET)
    expect(isSealed(sealed)).toBe(true)
    expect(sealed).not.toContain('hunter2')
    expect(openSecret(sealed, 'webhook.notifications', SECRET)).toBe('hunter2-password')
  })

  it('uses a fresh IV each time', () => {
    expect(sealSecret('same', 'k', SECRET)).not.toBe(sealSecret('same', 'k', SECRET))
  })

  it('refuses another key, another place, or a changed byte', () => {
    const sealed = sealSecret('value', 'a', SECRET)
    expect(() => openSecret(sealed, 'a', 'another-secret-0123456789abcdef0123456789')).toThrow()
    expect(() => openSecret(sealed, 'b', SECRET)).toThrow()
    const parts = sealed.split('.')
    const flipped = parts[2].startsWith('A') ? 'B' + parts[2].slice(1) : 'A' + parts[2].slice(1)
    expect(() => openSecret([parts[0], parts[1], flipped].join('.'), 'a', SECRET)).toThrow()
    expect(() => openSecret('plain text', 'a', SECRET)).toThrow('not a sealed value')
  })
})
