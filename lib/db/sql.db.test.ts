import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getOrderWithTimeline } from './get-order'
import { get, run, runSqlProgram, runStatements } from './sql'
import { ingest, orderXml } from '../../test/support/deliveries'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

describe.each(testProviders())('runSqlProgram on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('rolls back only the failing program of a batch committed together', async () => {
    const key = `test.${randomUUID()}`
    const good = runSqlProgram(t.connections, runStatements, [
      run(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`, [key, 'kept', new Date()]),
    ])
    const bad = runSqlProgram(t.connections, runStatements, [
      run(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`, [`${key}.bad`, 'rolled back', new Date()]),
      run(`INSERT INTO "NoSuchTable" ("x") VALUES (?)`, [1]),
    ])
    const orderId = randomUUID()
    const notification = ingest(t.connections, orderXml({ orderId, status: 'COMPLETE' }))
    await expect(bad).rejects.toThrow(/NoSuchTable/)
    expect(await good).toEqual([1])
    expect((await notification).outcome).toBe('accepted')
    const rows = await runSqlProgram(t.connections, runStatements, [
      get(`SELECT "value" FROM "Setting" WHERE "key" = ?`, [key]),
      get(`SELECT "value" FROM "Setting" WHERE "key" = ?`, [`${key}.bad`]),
    ])
    expect(rows).toEqual([{ value: 'kept' }, undefined])
    expect((await getOrderWithTimeline(t.connections, orderId)).order.status).toBe('COMPLETE')
  })
})
