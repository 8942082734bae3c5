// The in-process job runner of a long-running server (npm start, the container, npm run demo): started once per
// process after the migrations, stopped on SIGTERM/SIGINT after the jobs in flight (a job cut off anyway runs again:
// its claim is released once this worker's heartbeat stops). PORTWATCH_WORKER=0 turns it off for an instance;
// on Vercel it is off and GET /api/cron/jobs drains the outbox instead.
import type { Config } from '../config'
import type { Connections } from '../db/client'
import { startJobRunner, type JobRunner } from '../jobs/start-job-runner'
import { shouldRunJobWorker } from './check-deployment'

const g = globalThis as unknown as { __portwatchJobRunner?: Promise<JobRunner> }

export async function startJobWorker(c: Connections, env: Config): Promise<void> {
  if (!shouldRunJobWorker(env)) {
    console.log('[portwatch] job runner: off on this instance (PORTWATCH_WORKER=0, or Vercel: GET /api/cron/jobs drains the outbox)')
    return
  }
  if (g.__portwatchJobRunner) return // dev hot reload: one runner per process
  g.__portwatchJobRunner = startJobRunner(c, { concurrency: env.PORTWATCH_WORKER_CONCURRENCY })
  const runner = await g.__portwatchJobRunner
  console.log(
    `[portwatch] job runner: ${c.sqlite ? 'in-process over the SQLite outbox' : 'Graphile Worker'}, ${env.PORTWATCH_WORKER_CONCURRENCY} at a time`,
  )
  let stopping: Promise<void> | undefined
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping ??= runner
        .stop()
        .catch((error: unknown) => console.error('[jobs] stop failed:', error instanceof Error ? error.message : error))
    })
  }
}
