// A partial number ("the last 4 or 7 digits") finds the orders and numbers that end with it, through the
// indexed NumberRef.reversedDigits column; the migration's backfill writes what the ingest writes.
import fs from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reversedDigits } from '../bandwidth/normalize-telephone-number'
import { listOrders } from './list-orders'
import { ingest, orderXml } from '../../test/support/deliveries'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const MIGRATION = 'number_suffix_search'

describe.each(testProviders())('number suffix search on %s', (provider) => {
  let t: TestDatabase
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()]
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    await ingest(t.connections, orderXml({ orderId: a, status: 'SUBMITTED', tns: ['9195550123', '9195550199'] }))
    await ingest(t.connections, orderXml({ orderId: b, status: 'SUBMITTED', tns: ['+1 (704) 555-0123'] }))
    await ingest(t.connections, orderXml({ orderId: c, status: 'SUBMITTED', tns: ['9195550124'] }))
  })
  afterAll(async () => t?.drop())

  it('finds the orders and numbers that end with the last 4 or 7 digits', async () => {
    const last4 = await listOrders(t.connections, { q: '0123', limit: 50 })
    expect(last4.orders.map((o) => o.orderId).sort()).toEqual([a, b].sort())
    expect(last4.numbersEndingWith?.sort()).toEqual(['+17045550123', '+19195550123'])
    const last7 = await listOrders(t.connections, { q: '555-0199', limit: 50 })
    expect(last7.orders.map((o) => o.orderId)).toEqual([a])
    expect(last7.numbersEndingWith).toEqual(['+19195550199'])
    const none = await listOrders(t.connections, { q: '7777', limit: 50 })
    expect(none.orders).toEqual([])
    expect(none.numbersEndingWith).toEqual([])
    // A whole number is no suffix: the list is not asked for.
    expect((await listOrders(t.connections, { q: '9195550124', limit: 50 })).numbersEndingWith).toBeNull()
  })

  it('the migration backfills exactly what the ingest writes', async () => {
    const { prisma } = t.connections
    const written = await prisma.numberRef.findMany({ select: { e164: true, reversedDigits: true } })
    expect(written.length).toBeGreaterThan(0)
    for (const r of written) expect(r.reversedDigits).toBe(reversedDigits(r.e164))
    const dir = provider === 'sqlite' ? 'prisma/migrations' : 'prisma/postgres/migrations'
    const step = fs.readdirSync(dir).find((d) => d.endsWith(`_${MIGRATION}`))!
    const backfill = fs
      .readFileSync(path.join(dir, step, 'migration.sql'), 'utf8')
      .split(';')
      .find((s) => s.includes('UPDATE "NumberRef"'))!
    await prisma.numberRef.updateMany({ data: { reversedDigits: '' } })
    await prisma.$executeRawUnsafe(backfill.replace(/^(\s*--.*\n)+/m, ''))
    const backfilled = await prisma.numberRef.findMany({ select: { e164: true, reversedDigits: true } })
    expect(backfilled.map((r) => r.reversedDigits).sort()).toEqual(written.map((r) => r.reversedDigits).sort())
  })
})
