// The job runner on PostgreSQL: Graphile Worker (jobs claimed with SKIP LOCKED, LISTEN/NOTIFY for new ones,
// retries with exponential backoff, dead jobs kept with their last error). Our wrapper around each task keeps the
// attempt history in our JobAttempt table, so the /jobs page reads the same thing on both providers.
// Graphile Worker gets a small pool of its own: its listening connection and its jobs never take a connection the
// ingest needs.
import { EventEmitter } from 'node:events'
import { run, type Runner, type Task, type TaskList, type WorkerEvents } from 'graphile-worker'
import type { Connections } from '../db/client'
import { recordAttempt, type AttemptEnd, type ClaimedJob } from '../db/jobs'
import { jobQueueLogger } from '../db/job-queue-logger'
import type { JobDefinition } from './define-job'
import { runJobAttempt } from './run-job-attempt'

export type GraphileRunnerOptions = {
  concurrency: number
  pollIntervalMs: number
  /** Called with each worker pool's id as it starts (the id Graphile Worker locks jobs with). */
  onPool: (poolId: string) => void
  onAttempt?: (name: string, end: AttemptEnd) => void
}

export async function startGraphileRunner(
  c: Connections,
  definitions: readonly JobDefinition[],
  o: GraphileRunnerOptions,
): Promise<Runner> {
  const events: WorkerEvents = new EventEmitter()
  events.on('pool:create', ({ workerPool }) => o.onPool(workerPool.id))
  return run({
    connectionString: c.target.url,
    maxPoolSize: o.concurrency + 2,
    concurrency: o.concurrency,
    pollInterval: o.pollIntervalMs,
    noHandleSignals: true,
    logger: jobQueueLogger,
    events,
    taskList: buildTaskList(c, definitions, o.onAttempt),
    // Completions and failures go through Graphile Worker's batcher, which a stop flushes: without it a job that
    // ended just before runner.stop() (the cron route stops as soon as the queue is empty) could stay locked.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  })
}

/** The cron route's mode: a runner that stops as soon as it finds nothing due, or at the deadline. */
export async function drainGraphileJobs(
  c: Connections,
  definitions: readonly JobDefinition[],
  o: Omit<GraphileRunnerOptions, 'pollIntervalMs'> & { deadline: number },
): Promise<void> {
  const runner = await startGraphileRunner(c, definitions, { ...o, pollIntervalMs: 1_000 })
  let stopping: Promise<void> | undefined
  const stop = () => (stopping ??= runner.stop())
  runner.events.on('worker:getJob:empty', () => void stop())
  const timer = setTimeout(() => void stop(), Math.max(0, o.deadline - Date.now()))
  try {
    await runner.promise
  } finally {
    clearTimeout(timer)
    await stop()
  }
}

function buildTaskList(c: Connections, definitions: readonly JobDefinition[], onAttempt: GraphileRunnerOptions['onAttempt']): TaskList {
  const tasks: TaskList = {}
  for (const def of definitions) {
    const task: Task = async (payload, helpers) => {
      const job: ClaimedJob = {
        id: String(helpers.job.id),
        name: def.kind.name,
        payload,
        attempt: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
        workerId: helpers.job.locked_by ?? 'unknown',
      }
      const startedAt = new Date()
      const end = await runJobAttempt(c, def, job)
      await recordAttempt(c, job, startedAt, end)
      onAttempt?.(def.kind.name, end)
      // Graphile Worker schedules the retry (or keeps the job dead) when the task throws.
      if (end.outcome === 'failed') throw new Error(end.error)
    }
    tasks[def.kind.name] = task
  }
  return tasks
}
