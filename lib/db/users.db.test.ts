import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../http/app-error'
import { countUsers, createUser } from './users'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

describe.each(testProviders())('users on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('several instances creating the same first admin at once: one user, the others get a conflict', async () => {
    // What every instance does at start with PORTWATCH_ADMIN_EMAIL set on an empty database.
    const input = { email: 'first@example.com', password: 'a-long-enough-password', role: 'admin' as const }
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => createUser(t.connections, null, input, { onlyIfNoUsers: true })),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(AppError)
      expect((r.reason as AppError).code).toBe('conflict')
    }
    expect(await countUsers(t.connections)).toBe(1)
  })

  it('two people finishing the first-run setup at once with different emails: one admin, the other told to sign in', async () => {
    const fresh = await createTestDatabase(provider)
    try {
      const emails = Array.from({ length: 8 }, (_, i) => `admin${i}@example.com`)
      const results = await Promise.allSettled(
        emails.map((email) =>
          createUser(fresh.connections, null, { email, password: 'a-long-enough-password', role: 'admin' }, { onlyIfNoUsers: true }),
        ),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(AppError)
        expect((r.reason as AppError).message).toBe('setup is already done: sign in instead')
      }
      expect(await countUsers(fresh.connections)).toBe(1)
    } finally {
      await fresh.drop()
    }
  })
})
