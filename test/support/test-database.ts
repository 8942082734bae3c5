// A fresh, migrated database per test file: a temp SQLite file, or a new PostgreSQL database
// created next to PORTWATCH_TEST_POSTGRES_URL (and dropped afterwards).
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { closeConnections, openConnections, type Connections } from '../../lib/db/client'
import { migrateDatabase } from '../../lib/db/migrate'

export type Provider = 'sqlite' | 'postgresql'
export type TestDatabase = { provider: Provider; url: string; connections: Connections; drop: () => Promise<void> }

/** The providers the db and e2e tiers run on: SQLite always, PostgreSQL when a URL is given. */
export function testProviders(): Provider[] {
  return process.env.PORTWATCH_TEST_POSTGRES_URL ? ['sqlite', 'postgresql'] : ['sqlite']
}

export async function createTestDatabaseUrl(provider: Provider): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `portwatch_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-'))
    return { url: `file:${path.join(dir, `${name}.db`)}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
  }
  const admin = process.env.PORTWATCH_TEST_POSTGRES_URL
  if (!admin) throw new Error('PORTWATCH_TEST_POSTGRES_URL is not set')
  await withAdmin(admin, (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = new URL(admin)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withAdmin(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  }
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  const { url, drop } = await createTestDatabaseUrl(provider)
  const connections = openConnections(url)
  await migrateDatabase(connections)
  return {
    provider,
    url,
    connections,
    drop: async () => {
      await closeConnections(connections)
      await drop()
    },
  }
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}
