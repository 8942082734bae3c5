// Shared by the benchmark scripts: build the production server, start it on a free port in its own
// process group, wait for health, stop it, and a seeded random source.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

/** Runs `db-generate` and `next build`; throws with the failing step. */
export function buildProductionServer(why: string): void {
  console.log(`[bench] building the production server (${why})…`)
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' }
  for (const [cmd, cmdArgs] of [
    [process.execPath, ['scripts/db-generate.mjs']],
    [path.join(root, 'node_modules/.bin/next'), ['build']],
  ] as const) {
    const r = spawnSync(cmd, cmdArgs, { cwd: root, env, stdio: 'inherit' })
    if (r.status !== 0) throw new Error(`build step failed: ${path.basename(cmd)} ${cmdArgs.join(' ')} (exit ${r.status ?? r.signal})`)
  }
}

export function assertPortFree(port: number): Promise<void> {
  // Otherwise the health check could succeed against some other server and we would measure that one.
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', () => reject(new Error(`port ${port} is in use: pick another with --port`)))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

export class BenchServer {
  private readonly child: ChildProcess
  private readonly log: string[] = []
  private exited: Promise<void>

  /** `nodeArgs`, e.g. `--cpu-prof`, run the server under `node <nodeArgs> next start` (for profiling). */
  constructor(
    port: number,
    env: NodeJS.ProcessEnv,
    private readonly healthTimeoutMs = 60_000,
    nodeArgs: string[] = [],
  ) {
    const start = ['start', '-p', String(port), '-H', '127.0.0.1']
    const [cmd, args] = nodeArgs.length
      ? [process.execPath, [...nodeArgs, path.join(root, 'node_modules/next/dist/bin/next'), ...start]]
      : [path.join(root, 'node_modules/.bin/next'), start]
    // Own process group, so stop() also reaches anything `next start` forks.
    this.child = spawn(cmd, args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    const keep = (chunk: Buffer) => {
      this.log.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      if (this.log.length > 400) this.log.splice(0, this.log.length - 400)
    }
    this.child.stdout?.on('data', keep)
    this.child.stderr?.on('data', keep)
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()))
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  tail(lines = 30): string {
    return this.log
      .slice(-lines)
      .map((l) => `  | ${l}`)
      .join('\n')
  }

  async waitHealthy(baseUrl: string): Promise<void> {
    const deadline = Date.now() + this.healthTimeoutMs
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the server exited during start-up:\n${this.tail()}`)
      const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) return
      await sleep(200)
    }
    throw new Error(`the server did not become healthy within ${this.healthTimeoutMs / 1000} s:\n${this.tail()}`)
  }

  /** SIGTERM, then SIGKILL if it does not go. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running || this.child.pid === undefined) return
    this.signal('SIGTERM')
    const gone = await Promise.race([this.exited.then(() => true), sleep(5000).then(() => false)])
    if (!gone) {
      this.signal('SIGKILL')
      await this.exited
    }
  }

  /** For the signal handler, which cannot wait. */
  killNow(): void {
    if (this.running) this.signal('SIGKILL')
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal)
    } catch {
      // Already gone.
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** mulberry32: a tiny seeded PRNG, so a traffic or data mix is the same run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A numeric command-line option ("1_000_000" and "1,000,000" read as 1000000); throws with the option's name. */
export function intOption(name: string, value: string | undefined, min = 1): number {
  const n = Number(String(value).replace(/[_,]/g, ''))
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}"`)
  return n
}
