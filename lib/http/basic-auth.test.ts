import { describe, expect, it } from 'vitest'
import type { Credential } from '../db/webhook-credentials'
import { basicAuthChallenge, matchesAnyCredential, parseBasicAuthorization } from './basic-auth'

const basic = (userPass: string) => `Basic ${Buffer.from(userPass, 'utf8').toString('base64')}`

describe('parseBasicAuthorization', () => {
  it('reads a valid Basic header', () => {
    expect(parseBasicAuthorization(basic('bandwidth:s3cret'))).toEqual({ username: 'bandwidth', password: 's3cret' })
    // RFC 7617 example
    expect(parseBasicAuthorization('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==')).toEqual({ username: 'Aladdin', password: 'open sesame' })
  })

  it('accepts any case for the scheme and extra spaces around the token', () => {
    const token = Buffer.from('u:p').toString('base64')
    expect(parseBasicAuthorization(`basic ${token}`)).toEqual({ username: 'u', password: 'p' })
    expect(parseBasicAuthorization(`BASIC ${token}`)).toEqual({ username: 'u', password: 'p' })
    expect(parseBasicAuthorization(`Basic    ${token}  `)).toEqual({ username: 'u', password: 'p' })
  })

  it('returns null when the header is missing or empty', () => {
    expect(parseBasicAuthorization(null)).toBeNull()
    expect(parseBasicAuthorization('')).toBeNull()
    expect(parseBasicAuthorization('Basic')).toBeNull()
    expect(parseBasicAuthorization('Basic ')).toBeNull()
  })

  it('returns null for other schemes', () => {
    expect(parseBasicAuthorization('Bearer x')).toBeNull()
    expect(parseBasicAuthorization(`Bearer ${Buffer.from('u:p').toString('base64')}`)).toBeNull()
    expect(parseBasicAuthorization('Digest username="u", realm="portwatch"')).toBeNull()
    expect(parseBasicAuthorization(`Basicx ${Buffer.from('u:p').toString('base64')}`)).toBeNull()
  })

  it('returns null when the decoded value has no colon', () => {
    expect(parseBasicAuthorization('Basic Zm9v')).toBeNull() // "foo"
    expect(parseBasicAuthorization(basic('userwithoutpassword'))).toBeNull()
  })

  it('returns null for a token that is not base64 or has trailing junk', () => {
    expect(parseBasicAuthorization('Basic !!!not-base64!!!')).toBeNull()
    expect(parseBasicAuthorization(`${basic('u:p')} extra`)).toBeNull()
    expect(parseBasicAuthorization(`${basic('u:p')},Basic ${Buffer.from('v:q').toString('base64')}`)).toBeNull()
  })

  it('splits at the first colon: the password may contain colons', () => {
    expect(parseBasicAuthorization(basic('bandwidth:pa:ss:word'))).toEqual({ username: 'bandwidth', password: 'pa:ss:word' })
    expect(parseBasicAuthorization(basic('bandwidth::'))).toEqual({ username: 'bandwidth', password: ':' })
  })

  it('keeps an empty username or password as empty strings', () => {
    expect(parseBasicAuthorization(basic(':onlypassword'))).toEqual({ username: '', password: 'onlypassword' })
    expect(parseBasicAuthorization(basic('onlyuser:'))).toEqual({ username: 'onlyuser', password: '' })
  })

  it('decodes UTF-8 credentials', () => {
    expect(parseBasicAuthorization(basic('jürgen:pässwörd✓'))).toEqual({ username: 'jürgen', password: 'pässwörd✓' })
  })
})

describe('matchesAnyCredential', () => {
  const current: Credential = { username: 'bandwidth', password: 'current-secret' }
  const next: Credential = { username: 'bandwidth', password: 'next-secret' }
  const other: Credential = { username: 'ops', password: 'ops-secret' }

  it('matches the first accepted pair', () => {
    expect(matchesAnyCredential({ username: 'bandwidth', password: 'current-secret' }, [current, next])).toBe(true)
  })

  it('matches the second of two pairs (rotation overlap)', () => {
    expect(matchesAnyCredential({ username: 'bandwidth', password: 'next-secret' }, [current, next])).toBe(true)
    expect(matchesAnyCredential({ username: 'ops', password: 'ops-secret' }, [current, other])).toBe(true)
  })

  it('refuses a wrong username', () => {
    expect(matchesAnyCredential({ username: 'Bandwidth', password: 'current-secret' }, [current, next])).toBe(false)
    expect(matchesAnyCredential({ username: 'bandwidth ', password: 'current-secret' }, [current])).toBe(false)
  })

  it('refuses a wrong password', () => {
    expect(matchesAnyCredential({ username: 'bandwidth', password: 'current-secreT' }, [current, next])).toBe(false)
    expect(matchesAnyCredential({ username: 'bandwidth', password: 'current-secret-and-more' }, [current])).toBe(false)
    expect(matchesAnyCredential({ username: 'bandwidth', password: '' }, [current])).toBe(false)
  })

  it('refuses everything when the list is empty', () => {
    expect(matchesAnyCredential({ username: 'bandwidth', password: 'current-secret' }, [])).toBe(false)
    expect(matchesAnyCredential({ username: '', password: '' }, [])).toBe(false)
  })

  it('does not mix the username of one pair with the password of another', () => {
    expect(matchesAnyCredential({ username: 'ops', password: 'current-secret' }, [current, other])).toBe(false)
    expect(matchesAnyCredential({ username: 'bandwidth', password: 'ops-secret' }, [current, other])).toBe(false)
  })

  it('does not accept a username:password split at another colon', () => {
    // "a:b:c" must not match { username: 'a:b', password: 'c' } once parsed
    const given = parseBasicAuthorization(basic('a:b:c'))
    expect(given).not.toBeNull()
    expect(matchesAnyCredential(given!, [{ username: 'a:b', password: 'c' }])).toBe(false)
    expect(matchesAnyCredential(given!, [{ username: 'a', password: 'b:c' }])).toBe(true)
  })

  it('works end to end with a parsed header', () => {
    const given = parseBasicAuthorization(basic('bandwidth:next-secret'))
    expect(given).not.toBeNull()
    expect(matchesAnyCredential(given!, [current, next])).toBe(true)
  })
})

describe('basicAuthChallenge', () => {
  it('answers 401 with a Basic challenge for the realm', async () => {
    const response = basicAuthChallenge('portwatch')
    expect(response.status).toBe(401)
    const header = response.headers.get('WWW-Authenticate')
    expect(header).not.toBeNull()
    expect(header!.startsWith('Basic realm="portwatch"')).toBe(true)
    expect(header).toBe('Basic realm="portwatch", charset="UTF-8"')
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/)
    expect(await response.text()).toContain('401 Unauthorized')
  })

  it('uses the realm it is given', () => {
    expect(basicAuthChallenge('other')?.headers.get('www-authenticate')).toMatch(/^Basic realm="other"/)
  })

  it('returns a fresh response each time (a body can be read once)', async () => {
    const a = basicAuthChallenge('portwatch')
    const b = basicAuthChallenge('portwatch')
    expect(a).not.toBe(b)
    await a.text()
    expect(await b.text()).toContain('401')
  })
})
