import { describe, expect, it } from 'vitest'
import { maskSecrets } from './audit'

describe('maskSecrets', () => {
  it('masks every secret-looking field at any depth and keeps the rest', () => {
    expect(
      maskSecrets({
        username: 'bw',
        password: 'p',
        nested: [{ passwordHash: 'scrypt$…', pin: '1234', apiToken: 't', name: 'Ada' }],
        previousUsername: null,
        secret: null,
      }),
    ).toEqual({
      username: 'bw',
      password: '••••••',
      nested: [{ passwordHash: '••••••', pin: '••••••', apiToken: '••••••', name: 'Ada' }],
      previousUsername: null,
      secret: null,
    })
  })
})
