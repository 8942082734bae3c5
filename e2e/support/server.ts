// A Portwatch production server of a test's own (not the project's webServer): for tests that must
// start on an empty database (first-run setup), restart on the same database, or kill the process.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const ROOT = path.resolve(import.meta.dirname, '../..')
const NEXT_BIN = path.join(ROOT, 'node_modules/.bin/next')
const HEALTH_TIMEOUT_MS = 30_000
export const E2E_PIN_SECRET = 'e2e-server-pin-secret-0123456789abcdef'

export type Provider = 'sqlite' | 'postgresql'
export type Server = {
  port: number
  base: string
  child: ChildProcess
  output: string[]
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A new empty database for `provider`; `drop` removes it (SQLite files only when `keep` says no). */
export async function createDatabase(provider: Provider, label: string): Promise<{ url: string; drop: (keep?: boolean) => Promise<void> }> {
  const name = `portwatch_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  if (provider === 'postgresql') {
    const admin = process.env.PORTWATCH_TEST_POSTGRES_URL
    if (!admin) throw new Error('PORTWATCH_TEST_POSTGRES_URL is required for the postgresql project')
    await adminQuery(admin, `CREATE DATABASE "${name}"`)
    const u = new URL(admin)
    u.pathname = `/${name}`
    return { url: u.toString(), drop: () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }
  }
  const dir = path.join(ROOT, 'test-results', label)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.db`)
  return {
    url: `file:${file}`,
    drop: async (keep = false) => {
      if (keep) return
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
    },
  }
}

export function startServer(port: number, databaseUrl: string, env: Record<string, string> = {}): Server {
  // PostgreSQL refuses to start without a PIN key (instances must share it); a test may pass its own.
  return spawnServer(port, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXT_TELEMETRY_DISABLED: '1',
      CHECKPOINT_DISABLE: '1',
      PORTWATCH_PIN_SECRET: E2E_PIN_SECRET,
      ...env,
    },
  })
}

/** Any server command (e.g. the container's `node server.js`), with exactly the environment given. */
export function spawnServer(port: number, [command, ...args]: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Server {
  const output: string[] = []
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: options.env })
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString())
    if (output.length > 400) output.splice(0, output.length - 400)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode })
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  return { port, base: `http://127.0.0.1:${port}`, child, output, exited }
}

export const isRunning = (s: Server) => s.child.exitCode === null && s.child.signalCode === null

/** Does anything answer HTTP on the port? (Any status counts: only a connection error means "down".) */
export async function answers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) })
    await res.arrayBuffer()
    return true
  } catch {
    return false
  }
}

export async function waitForHealth(server: Server): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (!isRunning(server)) throw new Error(`the server exited before it was healthy:\n${server.output.join('')}`)
    try {
      const res = await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  throw new Error(`GET /api/health did not answer 200 within ${HEALTH_TIMEOUT_MS} ms:\n${server.output.join('')}`)
}

/** SIGTERM, then SIGKILL if it is still there after a few seconds. */
export async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || !isRunning(server)) return
  server.child.kill('SIGTERM')
  const done = await Promise.race([server.exited.then(() => true), sleep(5_000).then(() => false)])
  if (!done && isRunning(server)) {
    server.child.kill('SIGKILL')
    await Promise.race([server.exited, sleep(5_000)])
  }
}

/** Signs in with fetch (no browser) and returns the Cookie header to send with later requests. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: base },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`)
  return res.headers.get('set-cookie')!.split(';')[0]
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}
