import { describe, expect, it } from 'vitest'
import { portoutAccountKey } from './account-key'

describe('portoutAccountKey', () => {
  it('gives one 24-hex digest per trimmed account number, holding none of its digits in clear', () => {
    const key = portoutAccountKey('BAN-77310452')
    expect(key).toMatch(/^[0-9a-f]{24}$/)
    expect(portoutAccountKey('  BAN-77310452 ')).toBe(key)
    expect(portoutAccountKey('BAN-77310453')).not.toBe(key)
    expect(key).not.toContain('77310452')
  })

  it('is null when the request names no account', () => {
    for (const v of [undefined, null, '', '   ', 42]) expect(portoutAccountKey(v)).toBeNull()
  })
})
