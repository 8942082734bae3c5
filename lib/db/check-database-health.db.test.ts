import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkDatabaseHealth } from './check-database-health'
import { closeConnections, openConnections, type Connections } from './client'
import { JOB_QUEUE_MIGRATION, migrateDatabase, migrationsDir, readMigrations } from './migrate'
import { createTestDatabaseUrl, testProviders } from '../../test/support/test-database'

describe.each(testProviders())('checkDatabaseHealth on %s', (provider) => {
  let url: string
  let drop: () => Promise<void>
  const opened: Connections[] = []
  const open = () => {
    const c = openConnections(url)
    opened.push(c)
    return c
  }
  beforeAll(async () => ({ url, drop } = await createTestDatabaseUrl(provider)))
  afterAll(async () => {
    for (const c of opened) await closeConnections(c)
    await drop?.()
  })

  it('reports every committed migration as pending until they are applied, then ok', async () => {
    const c = open()
    // On PostgreSQL the job queue's schema (Graphile Worker's) is part of what must be there.
    const names = [
      ...readMigrations(migrationsDir(provider)).map((m) => m.name),
      ...(provider === 'postgresql' ? [JOB_QUEUE_MIGRATION] : []),
    ]
    expect(await checkDatabaseHealth(c)).toEqual({ ok: false, reason: `migrations pending: ${names.join(', ')} (run npm run db:migrate)` })

    await migrateDatabase(c)
    expect(await checkDatabaseHealth(c)).toEqual({ ok: true })
  })

  it('names a committed migration the database lacks, and keeps saying ok once current in one process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-migrations-'))
    fs.cpSync(migrationsDir(provider), dir, { recursive: true })
    fs.mkdirSync(path.join(dir, '29991231000000_future'))
    fs.writeFileSync(path.join(dir, '29991231000000_future', 'migration.sql'), 'SELECT 1;')
    try {
      expect(await checkDatabaseHealth(open(), dir)).toEqual({
        ok: false,
        reason: 'migrations pending: 29991231000000_future (run npm run db:migrate)',
      })
      // Cached per process: a server's migration files cannot change while it runs.
      const c = open()
      expect(await checkDatabaseHealth(c)).toEqual({ ok: true })
      expect(await checkDatabaseHealth(c, dir)).toEqual({ ok: true })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('checkDatabaseHealth without a database', () => {
  it('answers "database unreachable" when PostgreSQL refuses the connection', async () => {
    const c = openConnections('postgres://portwatch@127.0.0.1:1/nothing')
    try {
      expect(await checkDatabaseHealth(c)).toEqual({ ok: false, reason: 'database unreachable' })
    } finally {
      await closeConnections(c)
    }
  })
})
