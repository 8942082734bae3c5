// The server's side of the SQLite writer thread (sqlite-writer.worker.ts). Calls made in one event-loop
// turn travel in one message; each promise settles when the writer's COMMIT holding it has returned.
import { Worker } from 'node:worker_threads'

export type ToWriter =
  | { type: 'run'; calls: { id: number; name: string; args: unknown[] }[] }
  | { type: 'pragma'; id: number; pragma: string }
  | { type: 'close' }
export type WriterResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string; code?: string } }
export type FromWriter = { type: 'results'; results: WriterResult[] }

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void }

/** An error from the writer thread, rebuilt on this side (with the driver's code, e.g. SQLITE_CONSTRAINT_UNIQUE). */
export class SqliteWriterError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
    this.name = 'SqliteWriterError'
  }
}

export class SqliteWriter {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private outgoing: { id: number; name: string; args: unknown[] }[] = []
  private nextId = 1
  private idle: (() => void)[] = []

  constructor(private readonly file: string) {}

  /** Runs a program defined with defineSqlProgram in the writer thread; see runSqlProgram. */
  run(name: string, args: unknown[]): Promise<unknown> {
    return this.track((id) => {
      if (this.outgoing.push({ id, name, args }) === 1) setImmediate(() => this.send())
    })
  }

  /** Sets a pragma on the writer's connection (a bulk load may trade durability for speed). */
  pragma(pragma: string): Promise<unknown> {
    return this.track((id) => this.post({ type: 'pragma', id, pragma }, [id]))
  }

  /** Waits for every call in flight, then closes the writer's connection and ends the thread. */
  async close(): Promise<void> {
    if (this.pending.size > 0) await new Promise<void>((resolve) => this.idle.push(resolve))
    const worker = this.worker
    if (!worker) return
    this.worker = undefined
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
    worker.ref() // an idle thread is unref'd: without this, a script awaiting close() would just end (exit code 13)
    worker.postMessage({ type: 'close' } satisfies ToWriter)
    await exited
  }

  private track(send: (id: number) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      this.pending.set(id, { resolve, reject })
      // Keep the process alive while a write is in flight (a script awaiting it), not otherwise.
      if (this.pending.size === 1) this.worker?.ref()
      send(id)
    })
  }

  private send(): void {
    const calls = this.outgoing
    this.outgoing = []
    // One call whose arguments cannot be cloned must not fail the rest: if the batch cannot go, each call goes alone.
    if (calls.length > 1 && this.post({ type: 'run', calls })) return
    for (const call of calls) this.post({ type: 'run', calls: [call] }, [call.id])
  }

  /** Posts to the thread (starting it if needed); if that fails, the calls `failing` fail and nothing was written. */
  private post(message: ToWriter, failing: number[] = []): boolean {
    try {
      this.start().postMessage(message)
      return true
    } catch (error) {
      this.settle(failing.map((id) => ({ id, ok: false, error: { message: error instanceof Error ? error.message : String(error) } })))
      return false
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker
    const worker = spawnWriterThread({ file: this.file })
    worker.on('message', (message: FromWriter) => this.settle(message.results))
    worker.on('error', (error) => this.fail(worker, error))
    worker.on('exit', (code) => this.fail(worker, new Error(`the SQLite writer thread exited (code ${code})`)))
    if (this.pending.size === 0) worker.unref()
    this.worker = worker
    return worker
  }

  /** The thread died: what it had not answered fails (its transaction never committed); the next call starts a new one. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined
    if (this.pending.size === 0) return
    console.error('[db] SQLite writer thread failed:', error.message)
    this.settle(
      [...this.pending.keys()].map((id) => ({ id, ok: false, error: { message: `the SQLite writer thread failed: ${error.message}` } })),
    )
  }

  private settle(results: WriterResult[]): void {
    for (const r of results) {
      const p = this.pending.get(r.id)
      if (!p) continue
      this.pending.delete(r.id)
      if (r.ok) p.resolve(r.value)
      else p.reject(new SqliteWriterError(r.error.message, r.error.code))
    }
    if (this.pending.size === 0) {
      this.worker?.unref()
      for (const resolve of this.idle.splice(0)) resolve()
    }
  }
}

function spawnWriterThread(workerData: { file: string }): Worker {
  if (process.env.NEXT_RUNTIME) {
    // Inside the Next.js server (dev, build, standalone): Turbopack bundles the worker module and points this URL at its chunk.
    return new Worker(new URL('./sqlite-writer.worker.ts', import.meta.url), { workerData })
  }
  // From source (tsx scripts, Vitest): Node's workers do not inherit TypeScript support, so the thread
  // registers tsx itself before loading the worker module.
  const href = import.meta.url.replace(/sqlite-writer\.ts$/, 'sqlite-writer.worker.ts')
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(href)}) })`, {
    eval: true,
    workerData,
  })
}
