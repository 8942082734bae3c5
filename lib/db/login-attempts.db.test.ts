// The sign-in limit under concurrency: the count and the check are one step, so a burst of guesses
// against one account (from two app instances) gets at most the limit of them evaluated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RATE_LIMIT, signIn, verifyCurrentPassword } from '../auth/sign-in'
import { AppError } from '../app-error'
import { closeConnections, openConnections, type Connections } from './client'
import { reserveLoginAttempt } from './login-attempts'
import { createUser } from './users'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const PASSWORD = 'the-right-password-42'
const outcome = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'signed in' : r.reason instanceof AppError ? r.reason.code : `threw ${String(r.reason)}`
const count = (results: PromiseSettledResult<unknown>[]) =>
  results.reduce<Record<string, number>>((n, r) => ({ ...n, [outcome(r)]: (n[outcome(r)] ?? 0) + 1 }), {})

describe.each(testProviders())('sign-in limits on %s', (provider) => {
  let t: TestDatabase
  let other: Connections
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    other = openConnections(t.url) // a second instance's connections to the same database
  })
  afterAll(async () => {
    await closeConnections(other)
    await t?.drop()
  })

  const guess = (email: string, ip: string, i: number) =>
    signIn(i % 2 ? other : t.connections, { email, password: `wrong-guess-${i}`, ip, userAgent: null })

  it('60 concurrent guesses against one account: only the limit of them is evaluated, the rest get 429', async () => {
    const { email } = await createUser(t.connections, null, { email: 'target@example.com', role: 'viewer', password: PASSWORD })
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => guess(email, `198.51.100.${i}`, i)))
    expect(count(results)).toEqual({ unauthorized: RATE_LIMIT.perAccount, rate_limited: 60 - RATE_LIMIT.perAccount })
    // The right password now waits the window out like everyone else.
    await expect(signIn(t.connections, { email, password: PASSWORD, ip: '198.51.100.200', userAgent: null })).rejects.toMatchObject({
      code: 'rate_limited',
    })
  })

  it('concurrent guesses from one address at many accounts: at most the per-address limit evaluated', async () => {
    const results = await Promise.allSettled(Array.from({ length: 45 }, (_, i) => guess(`nobody${i}@example.com`, '203.0.113.9', i)))
    expect(count(results)).toEqual({ unauthorized: RATE_LIMIT.perAddress, rate_limited: 45 - RATE_LIMIT.perAddress })
  })

  it('a successful sign-in does not count against the limit; the reservation is settled', async () => {
    const { email } = await createUser(t.connections, null, { email: 'regular@example.com', role: 'viewer', password: PASSWORD })
    for (let i = 0; i < RATE_LIMIT.perAccount + 3; i++)
      await signIn(i % 2 ? other : t.connections, { email, password: PASSWORD, ip: '192.0.2.1', userAgent: null })
    const since = new Date(Date.now() - RATE_LIMIT.windowMs)
    expect(await reserveLoginAttempt(t.connections, { email, ip: '192.0.2.1' }, since, RATE_LIMIT)).not.toBeNull()
  })

  it('the current-password check of a password change is limited like a sign-in of that account', async () => {
    const me = await createUser(t.connections, null, { email: 'changer@example.com', role: 'viewer', password: PASSWORD })
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => verifyCurrentPassword(i % 2 ? other : t.connections, me, `not-it-${i}`, '192.0.2.77')),
    )
    expect(count(results)).toEqual({ bad_request: RATE_LIMIT.perAccount, rate_limited: 20 - RATE_LIMIT.perAccount })
    await expect(verifyCurrentPassword(t.connections, me, PASSWORD, '192.0.2.78')).rejects.toMatchObject({ code: 'rate_limited' })
  })
})
