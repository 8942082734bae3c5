import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../app-error'
import { closeConnections, openConnections } from './client'
import { countUsers, createUser, updateUser } from './users'
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

  it('two admins demoting each other at the same moment: one change wins, an admin is always left', async () => {
    const fresh = await createTestDatabase(provider)
    // PostgreSQL: two instances. SQLite is one process (its transactions share one connection).
    const other = provider === 'postgresql' ? openConnections(fresh.url) : fresh.connections
    try {
      const admin = (email: string) => createUser(fresh.connections, null, { email, password: 'a-long-enough-password', role: 'admin' })
      const actor = (u: { id: string; email: string }) => ({ id: u.id, email: u.email })
      let survivor = await admin('first@example.com')
      for (let round = 0; round < 12; round++) {
        const [a, b] = await Promise.all([admin(`a${round}@example.com`), admin(`b${round}@example.com`)])
        await updateUser(fresh.connections, actor(a), survivor.id, { role: 'viewer' }) // only a and b are admins now
        const results = await Promise.allSettled([
          updateUser(fresh.connections, actor(a), b.id, { role: 'viewer' }),
          updateUser(other, actor(b), a.id, round % 2 ? { disabled: true } : { role: 'operator' }),
        ])
        expect(
          results.filter((r) => r.status === 'fulfilled'),
          `round ${round}`,
        ).toHaveLength(1)
        const refused = results.find((r) => r.status === 'rejected')
        expect((refused as PromiseRejectedResult).reason).toMatchObject({
          code: 'conflict',
          message: expect.stringMatching(/last active admin/),
        })
        const admins = await fresh.connections.prisma.user.findMany({ where: { role: 'admin', disabledAt: null } })
        expect(
          admins.map((u) => u.email),
          `round ${round}`,
        ).toHaveLength(1)
        survivor = admins[0].id === a.id ? a : b
      }
    } finally {
      if (other !== fresh.connections) await closeConnections(other)
      await fresh.drop()
    }
  })
})
