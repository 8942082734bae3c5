import { describe, expect, it } from 'vitest'
import { isSameOrigin } from './same-origin'

const post = (headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/users', { method: 'POST', headers })

describe('isSameOrigin', () => {
  it('accepts a page of this very origin', () => {
    expect(isSameOrigin(post({ host: 'portwatch.test:3000', origin: 'http://portwatch.test:3000' }))).toBe(true)
    expect(isSameOrigin(post({ host: 'portwatch.test', 'x-forwarded-proto': 'https', origin: 'https://portwatch.test' }))).toBe(true)
  })

  it('refuses another scheme on the same host and port', () => {
    expect(isSameOrigin(post({ host: 'portwatch.test', 'x-forwarded-proto': 'https', origin: 'http://portwatch.test' }))).toBe(false)
    expect(isSameOrigin(post({ host: 'portwatch.test:3000', 'x-forwarded-proto': 'http', origin: 'https://portwatch.test:3000' }))).toBe(
      false,
    )
  })

  it('refuses another host or port, a null or missing Origin', () => {
    expect(isSameOrigin(post({ host: 'portwatch.test:3000', origin: 'http://portwatch.test:3001' }))).toBe(false)
    expect(isSameOrigin(post({ host: 'portwatch.test', origin: 'http://evil.test' }))).toBe(false)
    expect(isSameOrigin(post({ host: 'portwatch.test', origin: 'null' }))).toBe(false)
    expect(isSameOrigin(post({ host: 'portwatch.test' }))).toBe(false)
  })
})
