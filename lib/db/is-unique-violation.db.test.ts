// The database's own errors, provoked for real on each provider and each path a write can take (Prisma,
// the SQLite writer thread / the PostgreSQL pool), reach the caller through the one error map as a
// 409 or 404 with a one-line message instead of a 500.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withErrors } from '../http/with-errors'
import { isRecordNotFound, isUniqueViolation } from './is-unique-violation'
import { run, runSqlProgram, runStatements } from './sql'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  throw new Error('expected the database to refuse this')
}

async function answerFor(error: unknown): Promise<{ status: number; body: { error: string; message: string } }> {
  const res = await withErrors(async () => {
    throw error
  })(new Request('http://portwatch.test/api/x', { method: 'POST' }), undefined)
  return { status: res.status, body: await res.json() }
}

describe.each(testProviders())('database errors on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  const insertSetting = (key: string) => run(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`, [key, 'v', new Date()])

  it('a unique key taken twice through Prisma → 409 conflict', async () => {
    const key = `k.${randomUUID()}`
    await t.connections.prisma.setting.create({ data: { key, value: 'a' } })
    const error = await thrownBy(() => t.connections.prisma.setting.create({ data: { key, value: 'b' } }))
    expect(isUniqueViolation(error)).toBe(true)
    const { status, body } = await answerFor(error)
    expect(status).toBe(409)
    expect(body.error).toBe('conflict')
    expect(body.message).toMatch(/^[^\n]+$/)
  })

  it(`a unique key taken twice through ${provider === 'sqlite' ? 'the writer thread' : 'the pool'} → 409 conflict`, async () => {
    const key = `k.${randomUUID()}`
    await runSqlProgram(t.connections, runStatements, [insertSetting(key)])
    const error = await thrownBy(() => runSqlProgram(t.connections, runStatements, [insertSetting(key)]))
    expect((error as { code?: string }).code).toBe(provider === 'sqlite' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : '23505')
    expect((await answerFor(error)).status).toBe(409)
  })

  it('a unique index (not the primary key) through the writer thread or the pool → 409 conflict', async () => {
    const email = `${randomUUID()}@example.com`
    const insertUser = () =>
      run(
        `INSERT INTO "User" ("id", "email", "role", "passwordHash", "createdAt", "passwordChangedAt") VALUES (?, ?, 'viewer', 'x', ?, ?)`,
        [randomUUID(), email, new Date(), new Date()],
      )
    await runSqlProgram(t.connections, runStatements, [insertUser()])
    const error = await thrownBy(() => runSqlProgram(t.connections, runStatements, [insertUser()]))
    expect((error as { code?: string }).code).toBe(provider === 'sqlite' ? 'SQLITE_CONSTRAINT_UNIQUE' : '23505')
    expect((await answerFor(error)).status).toBe(409)
  })

  it('an update or delete of a record that is not there → 404 not found', async () => {
    for (const work of [
      () => t.connections.prisma.setting.update({ where: { key: `missing.${randomUUID()}` }, data: { value: 'x' } }),
      () => t.connections.prisma.setting.delete({ where: { key: `missing.${randomUUID()}` } }),
    ]) {
      const error = await thrownBy(work)
      expect(isRecordNotFound(error)).toBe(true)
      const { status, body } = await answerFor(error)
      expect(status).toBe(404)
      expect(body).toMatchObject({ error: 'not_found' })
    }
  })

  it('anything else stays a 500 with no detail', async () => {
    const error = await thrownBy(() => t.connections.prisma.$executeRawUnsafe('SELECT * FROM "NoSuchTable"'))
    expect(isUniqueViolation(error) || isRecordNotFound(error)).toBe(false)
    expect(await answerFor(error)).toEqual({ status: 500, body: { error: 'internal', message: 'internal error' } })
  })
})
