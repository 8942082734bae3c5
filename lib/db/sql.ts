// A tiny SQL runner for the measured write paths (the webhook ingest first; see record-delivery.ts).
// One transaction body, written once as a generator that yields statements, runs on both providers:
// on SQLite in the writer thread (sqlite-writer.ts), synchronously inside a better-sqlite3 transaction
// with group commit, so neither the statements nor the fsync hold up the server's event loop; on
// PostgreSQL on a pooled connection. Statements use `?` placeholders and only SQL both accept.
import type Database from 'better-sqlite3'
import pg from 'pg'
import type { Connections } from './client'

export type SqlParam = string | number | boolean | Date | null
export type SqlOp = {
  kind: 'run' | 'get' | 'all' | 'lock' | 'claim'
  sql: string
  params: SqlParam[]
  /** `claim` only: the shared answer claim (see claim()). */
  token?: Int32Array
  /** A different text for PostgreSQL, where the providers really differ (the job queue): see perProvider. */
  postgres?: { sql: string; params: SqlParam[] }
}
export type SqlProgram<T> = Generator<SqlOp, T, unknown>

/** `const changes = (yield run(sql, params)) as number` */
export const run = (sql: string, params: SqlParam[]): SqlOp => ({ kind: 'run', sql, params })
/** `const row = (yield get(sql, params)) as Row | undefined` */
export const get = (sql: string, params: SqlParam[]): SqlOp => ({ kind: 'get', sql, params })
/**
 * `yield lock(...keys)`: the rest of the program runs while no other program holds one of these keys,
 * for a read-then-write that must be atomic. PostgreSQL takes transaction-scoped advisory locks (in one
 * order, so two programs never wait on each other crosswise); on SQLite the writer thread runs one
 * program at a time in an IMMEDIATE transaction already, so it is nothing more.
 */
export const lock = (...keys: string[]): SqlOp => ({ kind: 'lock', sql: '', params: keys })
/**
 * `yield claim(token)`: commit only if this program is the one whose answer is given. `token` is an Int32Array on a
 * SharedArrayBuffer (newAnswerClaim), shared with the thread that answers: whoever sets it first from OPEN wins. If
 * the answer already went out another way (a deadline's fallback), the program throws AnswerClaimLost and nothing
 * of it is stored, so a late write can never store an answer that was not sent. Yield it last, right before the commit.
 */
export const claim = (token: Int32Array): SqlOp => ({ kind: 'claim', sql: '', params: [], token })
export const CLAIM_OPEN = 0
export const CLAIM_STORED = 1
export const CLAIM_FALLBACK = 2
/** A claim shared across threads (it survives the structured clone to the SQLite writer thread as the same memory). */
export function newAnswerClaim(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4))
}
/** Takes the claim for `who`; true when it was still open (or already `who`'s). */
export function takeAnswerClaim(token: Int32Array, who: typeof CLAIM_STORED | typeof CLAIM_FALLBACK): boolean {
  const before = Atomics.compareExchange(token, 0, CLAIM_OPEN, who)
  return before === CLAIM_OPEN || before === who
}
export class AnswerClaimLost extends Error {
  constructor() {
    super('the answer was already given another way (deadline): nothing stored')
    this.name = 'AnswerClaimLost'
  }
}

/** `const rows = (yield all(sql, params)) as Row[]` */
export const all = (sql: string, params: SqlParam[]): SqlOp => ({ kind: 'all', sql, params })
/**
 * One statement written twice, for the few places where SQLite and PostgreSQL need different SQL (on PostgreSQL
 * the job queue is Graphile Worker's). Both texts must do the same thing: a db test on each provider proves it.
 */
export const perProvider = (
  kind: SqlOp['kind'],
  sqlite: { sql: string; params: SqlParam[] },
  postgres: { sql: string; params: SqlParam[] },
): SqlOp => ({ kind, ...sqlite, postgres })

/** A program's body: a generator that yields statements and returns the program's result. */
export type SqlProgramBody<A extends unknown[], T> = (...args: A) => SqlProgram<T>
/** A program known by name, so the SQLite writer thread can run it from a message (code cannot be posted). */
export type DefinedSqlProgram<A extends unknown[], T> = { readonly name: string; readonly body: SqlProgramBody<A, T> }

type AnyProgramBody = (...args: never[]) => SqlProgram<unknown>
const programs = new Map<string, AnyProgramBody>()
/** The programs declared `{ durable: false }`: the job runner's own bookkeeping. */
const bookkeeping = new Set<string>()

export type SqlProgramOptions = {
  /**
   * `false` for what may be lost in a power cut because losing it only makes a job run again (the job runner's
   * claims, attempts, heartbeats and finishes): on SQLite a batch of only such calls commits without its own fsync
   * (synchronous=NORMAL). The WAL is written in order and the next durable commit's fsync covers every frame
   * before it, so a power cut can only lose a suffix of bookkeeping, never an acknowledged notification or answer.
   */
  durable?: boolean
}

/**
 * Declares a write program. Its arguments must survive a structured clone (plain data and Dates), and
 * its module must be imported by sqlite-writer.worker.ts, the thread that runs every SQLite write program
 * (sql-programs.test.ts checks both that and that names are unique). A module evaluated again (dev
 * hot reload) replaces its programs.
 */
export function defineSqlProgram<A extends unknown[], T>(
  name: string,
  body: SqlProgramBody<A, T>,
  options: SqlProgramOptions = {},
): DefinedSqlProgram<A, T> {
  // The writer thread calls it by name with the arguments it was posted, which runSqlProgram typed as A.
  programs.set(name, body as unknown as AnyProgramBody)
  if (options.durable === false) bookkeeping.add(name)
  else bookkeeping.delete(name)
  return { name, body }
}

/** Runs one program in a transaction (on SQLite in the writer thread, sharing a group commit). */
export function runSqlProgram<A extends unknown[], T>(c: Connections, program: DefinedSqlProgram<A, T>, ...args: A): Promise<T> {
  if (c.sqliteWriter) return c.sqliteWriter.run(program.name, args) as Promise<T>
  return runOnPostgres(c, () => program.body(...args))
}

/** Statements run in order, atomically; resolves to what each gave (changes for `run`, the row for `get`). */
export const runStatements = defineSqlProgram('statements', function* (ops: SqlOp[]): SqlProgram<unknown[]> {
  const results: unknown[] = []
  for (const op of ops) results.push(yield op)
  return results
})

const sqliteStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** A statement prepared once per connection: better-sqlite3 (and Prisma's adapter) would prepare it anew on every call. */
export function sqliteStatement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = sqliteStatements.get(sqlite)
  if (!cache) sqliteStatements.set(sqlite, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)))
  return stmt
}

export type ProgramCall = { name: string; args: unknown[] }
export type ProgramOutcome = { ok: true; value: unknown } | { ok: false; error: unknown }

/**
 * Group commit: the writer thread hands over every call that queued up while it was busy, and they
 * share one transaction and so one fsync. Each still runs in its own savepoint, so one failing program
 * rolls back only itself. Throws only if the COMMIT itself failed, and then nothing of the batch is stored.
 * A batch of only bookkeeping (`durable: false`) commits without an fsync of its own; any other call makes it FULL.
 */
export function commitSqlitePrograms(sqlite: Database.Database, calls: ProgramCall[]): ProgramOutcome[] {
  if (!calls.every((c) => bookkeeping.has(c.name))) return commitBatch(sqlite, calls)
  sqlite.pragma('synchronous = NORMAL')
  try {
    return commitBatch(sqlite, calls)
  } finally {
    sqlite.pragma('synchronous = FULL')
  }
}

function commitBatch(sqlite: Database.Database, calls: ProgramCall[]): ProgramOutcome[] {
  // A nested better-sqlite3 transaction is a SAVEPOINT inside the outer one.
  const runOne = sqlite.transaction((call: ProgramCall) => {
    const body = programs.get(call.name)
    if (!body) throw new Error(`unknown SQL program ${call.name}: is its module imported by sqlite-writer.worker.ts?`)
    const it = body(...(call.args as never[]))
    let step = it.next()
    while (!step.done) {
      const op = step.value
      if (op.kind === 'lock') {
        step = it.next(undefined)
        continue
      }
      if (op.kind === 'claim') {
        if (!takeAnswerClaim(op.token!, CLAIM_STORED)) throw new AnswerClaimLost()
        step = it.next(undefined)
        continue
      }
      const stmt = sqliteStatement(sqlite, op.sql)
      const params = op.params.map(toSqliteParam)
      step = it.next(op.kind === 'run' ? stmt.run(params).changes : op.kind === 'get' ? stmt.get(params) : stmt.all(params))
    }
    return step.value
  })
  const outcomes: ProgramOutcome[] = []
  sqlite
    .transaction(() => {
      for (const call of calls) {
        try {
          outcomes.push({ ok: true, value: runOne(call) })
        } catch (error) {
          outcomes.push({ ok: false, error })
        }
      }
    })
    .immediate()
  return outcomes
}

/**
 * Runs a read-only program (`get` and `all` only) in one snapshot, so what it reads from several tables fits
 * together (a summary row and the rows it summarises, as of one commit). On SQLite synchronously on this
 * thread's reader connection (a deferred transaction: a WAL snapshot, no lock on the writer); on PostgreSQL in a
 * REPEATABLE READ READ ONLY transaction. Dates come back as Date on both.
 */
export async function runReadProgram<A extends unknown[], T>(c: Connections, body: SqlProgramBody<A, T>, ...args: A): Promise<T> {
  if (c.sqlite) {
    const sqlite = c.sqlite
    return sqlite.transaction(() => {
      const it = body(...args)
      let step = it.next()
      while (!step.done) {
        const op = step.value
        if (op.kind !== 'get' && op.kind !== 'all') throw new Error(`a read program cannot ${op.kind}`)
        const stmt = sqliteStatement(sqlite, op.sql)
        const params = op.params.map(toSqliteParam)
        step = it.next(op.kind === 'get' ? stmt.get(params) : stmt.all(params))
      }
      return step.value
    })()
  }
  return runOnPostgres(c, () => body(...args), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
}

/** A DateTime column as a Date from either driver (SQLite keeps ISO text, see toSqliteDate). */
export function fromSqlDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(String(v))
}

// Prisma's timestamp(3) columns hold UTC without a zone; node-postgres would read them in the process's local time.
const PG_TIMESTAMP_OID = 1114
const PG_UTC_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === PG_TIMESTAMP_OID
      ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

const PG_LOCK_KEYS = `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY k) AS keys`

/** `begin` with READ ONLY for a read program: PostgreSQL then refuses any write in it. */
async function runOnPostgres<T>(c: Connections, program: () => SqlProgram<T>, begin = 'BEGIN'): Promise<T> {
  const client = await c.pool!.connect()
  try {
    await client.query(begin)
    const it = program()
    let step = it.next()
    while (!step.done) {
      if (step.value.kind === 'claim') {
        if (!takeAnswerClaim(step.value.token!, CLAIM_STORED)) throw new AnswerClaimLost()
        step = it.next(undefined)
        continue
      }
      if (step.value.kind === 'lock') {
        await client.query(PG_LOCK_KEYS, [step.value.params])
        step = it.next(undefined)
        continue
      }
      const op = step.value.postgres ?? step.value
      const result = await client.query({ text: toPgSql(op.sql), values: op.params.map(toPgParam), types: PG_UTC_TYPES })
      step = it.next(step.value.kind === 'run' ? (result.rowCount ?? 0) : step.value.kind === 'get' ? result.rows[0] : result.rows)
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
