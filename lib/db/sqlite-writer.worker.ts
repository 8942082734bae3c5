// The SQLite writer thread: runs every write program (sql.ts) on a connection of its own, with group
// commit, so the statements and the fsync of each commit never block the server's event loop.
// A call is answered only after the COMMIT that holds it returned, i.e. is on disk (synchronous=FULL).
import { parentPort, workerData } from 'node:worker_threads'
import { openSqlite } from './open-sqlite'
import { commitSqlitePrograms, type ProgramCall, type ProgramOutcome } from './sql'
import type { FromWriter, ToWriter } from './sqlite-writer'
// Every module that defines SQL programs (see defineSqlProgram), so the programs are known here by name.
import './record-delivery'
import './portout-requests'
import './subscribers'
import './login-attempts'
import './jobs'
import './retention'
import './issues'
import './webhook-auth-failures'
import './alerts'
import './webhook-credentials'
import './forwarding'

const port = parentPort!
const sqlite = openSqlite((workerData as { file: string }).file)
let queue: (ProgramCall & { id: number })[] = []

port.on('message', (message: ToWriter) => {
  if (message.type === 'run') {
    // Messages that arrive while a commit is running are read together afterwards: they form the next batch.
    if (queue.push(...message.calls) === message.calls.length) setImmediate(flush)
  } else if (message.type === 'pragma') {
    reply({ type: 'results', results: [settle(message.id, () => sqlite.pragma(message.pragma))] })
  } else if (message.type === 'close') {
    flush()
    sqlite.close()
    port.close()
  }
})

function flush(): void {
  const calls = queue
  queue = []
  if (calls.length === 0) return
  let outcomes: ProgramOutcome[]
  try {
    outcomes = commitSqlitePrograms(sqlite, calls)
  } catch (error) {
    // The COMMIT itself failed: nothing of this batch is stored, so every call fails.
    outcomes = calls.map(() => ({ ok: false, error }))
  }
  reply({ type: 'results', results: calls.map((c, i) => toResult(c.id, outcomes[i])) })
}

function settle(id: number, fn: () => unknown) {
  try {
    return toResult(id, { ok: true, value: fn() })
  } catch (error) {
    return toResult(id, { ok: false, error })
  }
}

function toResult(id: number, o: ProgramOutcome) {
  if (o.ok) return { id, ok: true as const, value: o.value }
  const e = o.error instanceof Error ? o.error : new Error(String(o.error))
  return { id, ok: false as const, error: { message: e.message, code: (e as { code?: unknown }).code as string | undefined } }
}

function reply(message: FromWriter): void {
  port.postMessage(message)
}
