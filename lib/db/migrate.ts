// Applies the committed Prisma migrations (prisma/migrations or prisma/postgres/migrations) at start-up,
// without the Prisma CLI: the CLI needs a native engine this machine cannot download, and a server
// image should not need dev dependencies. Bookkeeping uses Prisma's own _prisma_migrations table, so
// `prisma migrate status` and `prisma migrate dev` agree with what this applied.
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Connections } from './client'

export type MigrationFile = { name: string; sql: string; checksum: string }

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`
const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`
const APPLIED = 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'
// Any constant works; it only has to be the same in every Portwatch instance.
const PG_MIGRATION_LOCK = 7_072_001
/** What listPendingMigrations reports while Graphile Worker's schema (the PostgreSQL job queue) is missing. */
export const JOB_QUEUE_MIGRATION = 'graphile_worker (the job queue)'

export function migrationsDir(provider: Connections['target']['provider'], root = process.cwd()): string {
  return path.join(root, 'prisma', ...(provider === 'postgresql' ? ['postgres', 'migrations'] : ['migrations']))
}

export function readMigrations(dir: string): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    })
}

/** Applies every migration not yet applied; returns the names it applied. Safe to run from several instances at once. */
export async function migrateDatabase(c: Connections, dir = migrationsDir(c.target.provider)): Promise<string[]> {
  const files = readMigrations(dir)
  if (c.sqlite) {
    const sqlite = c.sqlite
    sqlite.exec(SQLITE_TABLE)
    const applyAll = sqlite.transaction(() => {
      const done = new Set(sqlite.prepare(APPLIED).pluck().all() as string[])
      const applied: string[] = []
      for (const m of files.filter((f) => !done.has(f.name))) {
        sqlite.exec(m.sql)
        sqlite
          .prepare(
            'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
          )
          .run(randomUUID(), m.checksum, m.name, Date.now(), Date.now())
        applied.push(m.name)
      }
      return applied
    })
    return applyAll.immediate()
  }
  const client = await c.pool!.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK])
    await client.query(PG_TABLE)
    const { rows } = await client.query<{ migration_name: string }>(APPLIED)
    const done = new Set(rows.map((r) => r.migration_name))
    const applied: string[] = []
    for (const m of files.filter((f) => !done.has(f.name))) {
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query(
          'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), now(), 1)',
          [randomUUID(), m.checksum, m.name],
        )
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new Error(`migration ${m.name} failed: ${error instanceof Error ? error.message : String(error)}`)
      }
      applied.push(m.name)
    }
    // The job queue's schema (Graphile Worker's own migrations, applied by its library under our lock): the ingest
    // transactions call graphile_worker.add_job, so it is there before the server takes any request.
    const queueWasMissing = !(await hasJobQueueSchema(c))
    const [{ runMigrations }, { jobQueueLogger }] = await Promise.all([import('graphile-worker'), import('./job-queue-logger')])
    await runMigrations({ pgPool: c.pool!, logger: jobQueueLogger })
    if (queueWasMissing) applied.push(JOB_QUEUE_MIGRATION)
    return applied
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_MIGRATION_LOCK]).catch(() => {})
    client.release()
  }
}

/** The committed migrations this database has not applied yet (all of them when it was never migrated). */
export async function listPendingMigrations(c: Connections, dir = migrationsDir(c.target.provider)): Promise<string[]> {
  const applied = new Set(await listAppliedMigrations(c))
  const pending = readMigrations(dir)
    .map((m) => m.name)
    .filter((name) => !applied.has(name))
  if (!c.sqlite && !(await hasJobQueueSchema(c))) pending.push(JOB_QUEUE_MIGRATION)
  return pending
}

async function hasJobQueueSchema(c: Connections): Promise<boolean> {
  const { rows } = await c.pool!.query<{ present: boolean }>(`SELECT to_regclass('graphile_worker.migrations') IS NOT NULL AS present`)
  return rows[0].present
}

async function listAppliedMigrations(c: Connections): Promise<string[]> {
  if (c.sqlite) {
    const present = c.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get()
    return present ? (c.sqlite.prepare(APPLIED).pluck().all() as string[]) : []
  }
  const { rows } = await c.pool!.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`)
  if (!rows[0].present) return []
  return (await c.pool!.query<{ migration_name: string }>(APPLIED)).rows.map((r) => r.migration_name)
}
