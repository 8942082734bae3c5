import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeConnections, openConnections, type Connections } from './client'
import { migrateDatabase } from './migrate'
import { commitSqlitePrograms, defineSqlProgram, get, run, runSqlProgram, runStatements, type SqlProgram } from './sql'
import { openSqlite } from './open-sqlite'
import { ingest, orderXml } from '../../test/support/deliveries'
import { createTestDatabaseUrl } from '../../test/support/test-database'

// The writer thread is how every SQLite write program runs (sql.ts); these are its own promises.
describe('SQLite writer thread', () => {
  let file: string
  let drop: () => Promise<void>
  let c: Connections
  beforeEach(async () => {
    const db = await createTestDatabaseUrl('sqlite')
    file = db.url.slice('file:'.length)
    drop = db.drop
    c = openConnections(db.url)
    await migrateDatabase(c)
  })
  afterEach(async () => {
    await closeConnections(c)
    await drop()
  })

  const insertSetting = (key: string) => run(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`, [key, 'v', new Date()])
  const readFromAnotherConnection = (sql: string, ...params: unknown[]) => {
    const other = new Database(file, { readonly: true })
    try {
      return other
        .prepare(sql)
        .pluck()
        .get(...params)
    } finally {
      other.close()
    }
  }

  it('answers only once the commit is in the file, readable by any other connection', async () => {
    const key = `k.${randomUUID()}`
    expect(await runSqlProgram(c, runStatements, [insertSetting(key)])).toEqual([1])
    expect(readFromAnotherConnection(`SELECT "value" FROM "Setting" WHERE "key" = ?`, key)).toBe('v')
  })

  it("rejects with the driver's message and code", async () => {
    const key = `k.${randomUUID()}`
    await runSqlProgram(c, runStatements, [insertSetting(key)])
    const error = await runSqlProgram(c, runStatements, [insertSetting(key)]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/UNIQUE constraint failed: Setting.key/)
    expect((error as { code?: string }).code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY')
  })

  it('fails only the call whose arguments cannot be sent to the thread', async () => {
    const key = `k.${randomUUID()}`
    const good = runSqlProgram(c, runStatements, [insertSetting(key)])
    const bad = runSqlProgram(c, runStatements, [
      run(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)`, [
        `${key}.bad`,
        (() => 'x') as unknown as string,
        new Date(),
      ]),
    ])
    await expect(bad).rejects.toThrow(/could not be cloned/)
    expect(await good).toEqual([1])
    expect(readFromAnotherConnection(`SELECT count(*) FROM "Setting" WHERE "key" LIKE ?`, `${key}%`)).toBe(1)
  })

  it('names a program the thread does not know instead of running something else', async () => {
    // Defined here only, so the thread (which imports the modules listed in sqlite-writer.worker.ts) lacks it.
    const local = defineSqlProgram('test.only-in-this-file', function* (): SqlProgram<unknown> {
      return yield get('SELECT 1 AS "one"', [])
    })
    await expect(runSqlProgram(c, local)).rejects.toThrow(/unknown SQL program test.only-in-this-file/)
  })

  it('closes only after every write in flight is committed', async () => {
    const writes = Array.from({ length: 50 }, () => ingest(c, orderXml({ orderId: randomUUID(), status: 'SUBMITTED' })))
    const closing = closeConnections(c)
    expect((await Promise.all(writes)).every((r) => r.outcome === 'accepted')).toBe(true)
    await closing
    expect(readFromAnotherConnection(`SELECT count(*) FROM "Notification"`)).toBe(50)
    c = openConnections(`file:${file}`) // for afterEach
  })

  it('lets a script that writes and then closes end normally, with everything written', () => {
    // What the seed and benchmark scripts do under `node --import tsx`: write, close, and expect the process to finish.
    const root = path.resolve(import.meta.dirname, '../..')
    const script = `
      const { openConnections, closeConnections } = await import('./lib/db/client.ts')
      const { runSqlProgram, runStatements, run } = await import('./lib/db/sql.ts')
      const c = openConnections(process.env.TEST_DATABASE_URL)
      await runSqlProgram(c, runStatements, [run('INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)', ['script.wrote', 'yes', new Date()])])
      await closeConnections(c)
      console.log('closed')`
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, TEST_DATABASE_URL: `file:${file}` },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(r.stderr).not.toMatch(/unsettled|Error/)
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe('closed')
    expect(readFromAnotherConnection(`SELECT "value" FROM "Setting" WHERE "key" = ?`, 'script.wrote')).toBe('yes')
  })

  it('fails what a dying thread had not answered, and the next write starts a new thread', async () => {
    await runSqlProgram(c, runStatements, [insertSetting(`k.${randomUUID()}`)])
    const thread = (c.sqliteWriter as unknown as { worker: Worker }).worker
    // A statement that keeps the thread busy for a while, so it is still running when the thread is stopped.
    const slow = runSqlProgram(c, runStatements, [
      get(`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000) SELECT count(*) AS "n" FROM n`, []),
    ])
    await new Promise((resolve) => setTimeout(resolve, 100))
    await thread.terminate()
    await expect(slow).rejects.toThrow(/writer thread failed/)
    const key = `k.${randomUUID()}`
    expect(await runSqlProgram(c, runStatements, [insertSetting(key)])).toEqual([1])
    expect(readFromAnotherConnection(`SELECT count(*) FROM "Setting" WHERE "key" = ?`, key)).toBe(1)
  })

  it("commits a batch of only the job runner's bookkeeping without an fsync of its own, and anything else with one", () => {
    // In process on a connection of its own: the synchronous level each batch ran at, read inside its transaction.
    const sqlite = openSqlite(file)
    try {
      const level = function* (): SqlProgram<number> {
        return ((yield get('PRAGMA synchronous', [])) as { synchronous: number }).synchronous
      }
      const bookkeeping = defineSqlProgram('test.bookkeeping', level, { durable: false })
      const answer = defineSqlProgram('test.answer', level)
      const levels = (...names: string[]) =>
        commitSqlitePrograms(
          sqlite,
          names.map((name) => ({ name, args: [] })),
        ).map((o) => (o.ok ? o.value : o.error))
      const NORMAL = 1
      const FULL = 2
      expect(levels(bookkeeping.name, bookkeeping.name)).toEqual([NORMAL, NORMAL])
      expect(levels(bookkeeping.name, answer.name)).toEqual([FULL, FULL])
      expect(levels(answer.name)).toEqual([FULL])
      // The connection is back at FULL after a bookkeeping batch, for whatever comes next outside a batch too.
      levels(bookkeeping.name)
      expect(sqlite.pragma('synchronous', { simple: true })).toBe(FULL)
    } finally {
      sqlite.close()
    }
  })
})
