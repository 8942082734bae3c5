// The only module that creates database connections. Both Prisma clients are generated (same models,
// same TypeScript API); the provider is picked at runtime from DATABASE_URL, so one build serves both.
// Write programs (lib/db/sql.ts) run on PostgreSQL through the pool, on SQLite in the writer thread (sqlite-writer.ts).
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import pg from 'pg'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient as SqliteClient } from '../generated/sqlite/client'
import { PrismaClient as PgClient } from '../generated/postgres/client'
import { config } from '../config'
import { resolveDatabaseTarget, type DatabaseTarget } from './database-url'
import { openSqlite, SQLITE_BUSY_TIMEOUT_MS } from './open-sqlite'
import { SqliteWriter } from './sqlite-writer'

export type Db = SqliteClient

export type Connections = {
  target: DatabaseTarget
  prisma: Db
  /** Raw driver handles for the measured hot paths: SQLite reads (and migrations) on this thread, the PostgreSQL pool. */
  sqlite?: Database.Database
  /** SQLite only: the thread that runs every write program (sqlite-writer.ts). */
  sqliteWriter?: SqliteWriter
  pool?: pg.Pool
}

export function openConnections(url?: string): Connections {
  const target = resolveDatabaseTarget(url)
  if (target.provider === 'postgresql') {
    const pool = new pg.Pool({ connectionString: target.url, max: config().DATABASE_POOL_SIZE })
    pool.on('error', (error) => console.error('[db] idle PostgreSQL connection failed:', error.message))
    // A connection in use that fails: its query rejects; without a listener the 'error' event would end the process.
    pool.on('connect', (client) => client.on('error', (error) => console.error('[db] PostgreSQL connection failed:', error.message)))
    const prisma = new PgClient({ adapter: new PrismaPg(pool) }) as unknown as Db
    return { target, prisma, pool }
  }
  fs.mkdirSync(path.dirname(path.resolve(target.file)), { recursive: true })
  const sqlite = openSqlite(target.file)
  // Keep the planner's statistics fresh (cheap; only analyses what needs it): without them SQLite can
  // pick a poor index for combined filters on a large history.
  sqlite.pragma('optimize = 0x10002')
  const prisma = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: target.file, timeout: SQLITE_BUSY_TIMEOUT_MS }) })
  return { target, prisma, sqlite, sqliteWriter: new SqliteWriter(target.file) }
}

export async function closeConnections(c: Connections): Promise<void> {
  await c.sqliteWriter?.close()
  await c.prisma.$disconnect()
  c.sqlite?.close()
  await c.pool?.end()
}

const g = globalThis as unknown as { __portwatchDb?: Connections }

/** The process-wide connections (one per server process; survives dev hot reloads). */
export function db(): Connections {
  return (g.__portwatchDb ??= openConnections())
}
