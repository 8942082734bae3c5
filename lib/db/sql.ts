// A tiny SQL runner for the measured ingest hot path (see docs in record-notification.ts).
// One transaction body, written once as a generator that yields statements, runs on both providers:
// synchronously inside a better-sqlite3 transaction (no other request can interleave; see the group
// commit below), or asynchronously on a pooled PostgreSQL connection. Statements use `?` placeholders and only
// SQL that SQLite and PostgreSQL both accept.
import type Database from 'better-sqlite3'
import type { Connections } from './client'

export type SqlParam = string | number | boolean | Date | null
export type SqlOp = { kind: 'run' | 'get'; sql: string; params: SqlParam[] }
export type SqlProgram<T> = Generator<SqlOp, T, unknown>

/** `const changes = (yield run(sql, params)) as number` */
export const run = (sql: string, params: SqlParam[]): SqlOp => ({ kind: 'run', sql, params })
/** `const row = (yield get(sql, params)) as Row | undefined` */
export const get = (sql: string, params: SqlParam[]): SqlOp => ({ kind: 'get', sql, params })

export function runSqlProgram<T>(c: Connections, program: () => SqlProgram<T>): Promise<T> {
  if (c.sqlite) return enqueueOnSqlite(c.sqlite, program)
  return runOnPostgres(c, program)
}

type Pending = { program: () => SqlProgram<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void }
const sqliteQueues = new WeakMap<Database.Database, Pending[]>()
const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** A statement prepared once per connection: better-sqlite3 (and Prisma's adapter) would prepare it anew on every call. */
export function sqliteStatement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = sqliteStatements.get(sqlite)
  if (!cache) sqliteStatements.set(sqlite, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)))
  return stmt
}

/**
 * Group commit: programs that arrive in the same event-loop turn share one transaction and so one
 * fsync. Each still runs in its own savepoint, so one failing program rolls back only itself, and
 * every promise resolves only after the shared COMMIT is on disk.
 */
function enqueueOnSqlite<T>(sqlite: Database.Database, program: () => SqlProgram<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = sqliteQueues.get(sqlite)
    if (!queue) {
      sqliteQueues.set(sqlite, (queue = []))
      setImmediate(() => flushSqlite(sqlite))
    }
    queue.push({ program, resolve: resolve as (value: unknown) => void, reject })
  })
}

function flushSqlite(sqlite: Database.Database): void {
  const queue = sqliteQueues.get(sqlite) ?? []
  sqliteQueues.delete(sqlite)
  // A nested better-sqlite3 transaction is a SAVEPOINT inside the outer one.
  const runOne = sqlite.transaction((program: () => SqlProgram<unknown>) => {
    const it = program()
    let step = it.next()
    while (!step.done) {
      const op = step.value
      const stmt = sqliteStatement(sqlite, op.sql)
      const params = op.params.map(toSqliteParam)
      step = it.next(op.kind === 'run' ? stmt.run(params).changes : stmt.get(params))
    }
    return step.value
  })
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = []
  try {
    sqlite
      .transaction(() => {
        for (const p of queue) {
          try {
            outcomes.push({ ok: true, value: runOne(p.program) })
          } catch (error) {
            outcomes.push({ ok: false, error })
          }
        }
      })
      .immediate()
  } catch (error) {
    for (const p of queue) p.reject(error) // the COMMIT itself failed: nothing of this batch is stored
    return
  }
  queue.forEach((p, i) => {
    const o = outcomes[i]
    if (o.ok) p.resolve(o.value)
    else p.reject(o.error)
  })
}

async function runOnPostgres<T>(c: Connections, program: () => SqlProgram<T>): Promise<T> {
  const client = await c.pool!.connect()
  try {
    await client.query('BEGIN')
    const it = program()
    let step = it.next()
    while (!step.done) {
      const op = step.value
      const result = await client.query(toPgSql(op.sql), op.params.map(toPgParam))
      step = it.next(op.kind === 'run' ? (result.rowCount ?? 0) : result.rows[0])
    }
    await client.query('COMMIT')
    return step.value
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Prisma's SQLite adapter stores DateTime as ISO-8601 text with a `+00:00` offset; match it exactly. */
export function toSqliteDate(d: Date): string {
  return d.toISOString().replace('Z', '+00:00')
}

function toSqliteParam(p: SqlParam): string | number | null {
  if (p instanceof Date) return toSqliteDate(p)
  if (typeof p === 'boolean') return p ? 1 : 0
  return p
}

// Prisma maps DateTime to `timestamp(3)` (UTC, no zone) on PostgreSQL; an ISO string with Z stores the UTC value.
function toPgParam(p: SqlParam): string | number | boolean | null {
  return p instanceof Date ? p.toISOString() : p
}

const pgSql = new Map<string, string>()
function toPgSql(sql: string): string {
  let out = pgSql.get(sql)
  if (out === undefined) {
    let n = 0
    out = sql.replace(/\?/g, () => `$${++n}`)
    pgSql.set(sql, out)
  }
  return out
}
