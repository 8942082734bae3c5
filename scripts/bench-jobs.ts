// `npm run bench:jobs [-- --jobs 5000 --concurrency 4 --postgres postgres://postgres@127.0.0.1:5432/test]`
// How fast the job runner drains the outbox: jobs run to completion per second (claim, handler, attempt history,
// finish), with one and with two runner instances (separate processes) on a fresh PostgreSQL database (Graphile
// Worker), and with the in-process runner on a fresh SQLite file for reference. The handler does nothing, so this
// measures the machinery. PostgreSQL: PORTWATCH_TEST_POSTGRES_URL or --postgres; the database is created next to it
// and dropped after. Fails (exit 1) if a job was not run exactly once.
import { spawn, type ChildProcess } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { closeConnections, openConnections } from '../lib/db/client'
import { countJobs, enqueueJob, enqueueJobs, listJobAttempts } from '../lib/db/jobs'
import { migrateDatabase } from '../lib/db/migrate'
import { defineJob } from '../lib/jobs/define-job'
import { jobKind } from '../lib/jobs/job-kinds'
import { startJobRunner } from '../lib/jobs/start-job-runner'
import { createTestDatabaseUrl } from '../test/support/test-database'
import { intOption } from './bench-support'

const BENCH = jobKind<{ n: number }>('bench.noop', { maxAttempts: 3 })
const benchJob = defineJob(BENCH, async () => {})
const ENQUEUE_BATCH = 500

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '4' },
    postgres: { type: 'string' },
    worker: { type: 'string' }, // internal: run as one runner instance on this database URL
  },
})
const concurrency = intOption('concurrency', values.concurrency!)

if (values.worker) await runWorker(values.worker)
else await main()

async function main(): Promise<void> {
  const jobs = intOption('jobs', values.jobs!)
  const lines: string[] = []
  const sqlite = await withDatabase('sqlite', (url) => measure(url, jobs, 0))
  lines.push(`sqlite, in-process runner (1 instance, concurrency ${concurrency}): ${sqlite}`)
  if (values.postgres) process.env.PORTWATCH_TEST_POSTGRES_URL = values.postgres
  if (!process.env.PORTWATCH_TEST_POSTGRES_URL) lines.push('postgresql: skipped (set PORTWATCH_TEST_POSTGRES_URL or --postgres)')
  else {
    for (const instances of [1, 2]) {
      const result = await withDatabase('postgresql', (url) => measure(url, jobs, instances))
      lines.push(
        `postgresql, Graphile Worker (${instances} instance${instances > 1 ? 's' : ''}, concurrency ${concurrency} each): ${result}`,
      )
    }
  }
  console.log(`[bench:jobs] ${jobs} no-op jobs, drained to completion, attempt history included (${os.cpus().length} CPU cores)`)
  for (const line of lines) console.log(`  ${line}`)
}

/** `instances` 0: the runner in this process (SQLite is one process); else that many runner processes. */
async function measure(url: string, jobs: number, instances: number): Promise<string> {
  const c = openConnections(url)
  const children: ChildProcess[] = []
  try {
    await migrateDatabase(c)
    const runner =
      instances === 0 ? await startJobRunner(c, { definitions: [benchJob], schedules: [], concurrency, pollIntervalMs: 200 }) : undefined
    for (let i = 0; i < instances; i++) children.push(await startWorkerProcess(url))
    // Every job becomes visible at one commit: the clock starts there.
    const ops = Array.from({ length: jobs }, (_, n) => enqueueJob(BENCH, { n }))
    const batches: Promise<void>[] = []
    for (let i = 0; i < ops.length; i += ENQUEUE_BATCH) batches.push(enqueueJobs(c, ops.slice(i, i + ENQUEUE_BATCH)))
    await Promise.all(batches)
    const started = performance.now()
    for (;;) {
      const { counts } = await countJobs(c)
      if (counts.pending + counts.running + counts.retrying + counts.dead === 0) break
      if (performance.now() - started > 300_000) throw new Error('the jobs were not drained within 5 minutes')
      await new Promise((r) => setTimeout(r, 20))
    }
    const seconds = (performance.now() - started) / 1000
    await runner?.stop()
    const attempts = await listJobAttempts(c, { limit: jobs * 2 })
    const ids = new Set(attempts.map((a) => a.jobId))
    if (attempts.length !== jobs || ids.size !== jobs || attempts.some((a) => a.outcome !== 'succeeded'))
      throw new Error(`expected ${jobs} jobs run once each, got ${attempts.length} attempts for ${ids.size} jobs`)
    const workers = new Set(attempts.map((a) => a.workerId)).size
    return `${Math.round(jobs / seconds)} jobs/s (${seconds.toFixed(2)} s; ${workers} worker${workers > 1 ? 's' : ''} took part)`
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await Promise.all(children.map((child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))))
    await closeConnections(c)
  }
}

function startWorkerProcess(url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench-jobs.ts', '--worker', url, '--concurrency', String(concurrency)],
    {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child))
    child.once('exit', (code) => reject(new Error(`a bench worker exited (${code}) before it was ready`)))
  })
}

async function runWorker(url: string): Promise<void> {
  const c = openConnections(url)
  const runner = await startJobRunner(c, { definitions: [benchJob], schedules: [], concurrency, pollIntervalMs: 200 })
  process.stdout.write('ready\n')
  process.once(
    'SIGTERM',
    () =>
      void runner
        .stop()
        .then(() => closeConnections(c))
        .then(() => process.exit(0)),
  )
}

/** A fresh database of the test tier's kind (SQLite: a temporary file; PostgreSQL: next to PORTWATCH_TEST_POSTGRES_URL), dropped after. */
async function withDatabase(provider: 'sqlite' | 'postgresql', fn: (url: string) => Promise<string>): Promise<string> {
  const { url, drop } = await createTestDatabaseUrl(provider)
  try {
    return await fn(url)
  } finally {
    await drop()
  }
}
