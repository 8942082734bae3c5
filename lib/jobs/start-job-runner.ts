// Starts the job runner for this process's database (SQLite: our in-process runner; PostgreSQL: Graphile Worker),
// with what both need around it: the worker's heartbeat, releasing the claims of workers that died (a crash between
// claim and finish runs the job again), and the scheduler, whose time slots are claimed in the database so each
// scheduled task runs on one instance per slot however many instances there are. drainJobs is the same work done
// once, for the cron route (Vercel has no long-running process).
import { randomBytes } from 'node:crypto'
import type { Connections } from '../db/client'
import {
  beatJobWorker,
  claimScheduleSlot,
  DEFAULT_STALE_AFTER_MS,
  newWorkerDescription,
  registerJobWorker,
  releaseJobsOfLostWorkers,
  type AttemptEnd,
} from '../db/jobs'
import type { JobDefinition, Schedule } from './define-job'
import { drainGraphileJobs, startGraphileRunner } from './graphile-runner'
import { JOBS, SCHEDULES } from './job-registry'
import { SqliteJobRunner } from './sqlite-runner'

export type JobRunnerOptions = {
  definitions?: readonly JobDefinition[]
  schedules?: readonly Schedule[]
  concurrency?: number
  pollIntervalMs?: number
  heartbeatMs?: number
  /** A worker silent for this long is taken for dead and its jobs run again. */
  staleAfterMs?: number
  onAttempt?: (name: string, end: AttemptEnd) => void
}

export type JobRunner = { readonly workerIds: string[]; stop(): Promise<void> }

const DEFAULTS = { concurrency: 4, pollIntervalMs: 2_000, heartbeatMs: 10_000 }

export async function startJobRunner(c: Connections, options: JobRunnerOptions = {}): Promise<JobRunner> {
  const o = { ...DEFAULTS, definitions: JOBS, schedules: SCHEDULES, staleAfterMs: DEFAULT_STALE_AFTER_MS, ...options }
  const workers = new Workers(c)
  const register = (id: string) => workers.register(id)

  let stopRunner: () => Promise<void>
  if (c.sqlite) {
    const workerId = newWorkerId('sqlite')
    register(workerId)
    await workers.registered()
    const runner = new SqliteJobRunner(c, o.definitions, {
      workerId,
      concurrency: o.concurrency,
      pollIntervalMs: o.pollIntervalMs,
      onAttempt: o.onAttempt,
    })
    runner.start()
    stopRunner = () => runner.stop()
  } else {
    const runner = await startGraphileRunner(c, o.definitions, {
      concurrency: o.concurrency,
      pollIntervalMs: o.pollIntervalMs,
      onPool: register,
      onAttempt: o.onAttempt,
    })
    stopRunner = () => runner.stop()
  }

  let ticking: Promise<void> = Promise.resolve()
  const tick = () => {
    ticking = ticking.then(async () => {
      await workers.beat()
      await releaseLost(c, o.staleAfterMs)
      await tickSchedules(c, o.schedules)
    })
  }
  tick()
  const timer = setInterval(tick, o.heartbeatMs)
  timer.unref()

  return {
    workerIds: workers.ids,
    async stop() {
      clearInterval(timer)
      await ticking
      await stopRunner()
      await workers.stopped()
    },
  }
}

export type DrainReport = {
  /** Scheduled tasks this call enqueued (their slot was due and no other instance had it). */
  scheduled: string[]
  /** Workers found dead whose jobs were released to run again. */
  released: string[]
  attempts: { succeeded: number; failed: number }
  stoppedAtDeadline: boolean
  ms: number
}

/** Runs the due work once: schedules, released claims, then every due job until none is left or the deadline. */
export async function drainJobs(c: Connections, options: JobRunnerOptions & { deadline: number }): Promise<DrainReport> {
  const started = Date.now()
  const o = { definitions: JOBS, schedules: SCHEDULES, staleAfterMs: DEFAULT_STALE_AFTER_MS, concurrency: DEFAULTS.concurrency, ...options }
  const attempts = { succeeded: 0, failed: 0 }
  const onAttempt = (name: string, end: AttemptEnd) => {
    attempts[end.outcome]++
    o.onAttempt?.(name, end)
  }
  const released = await releaseLost(c, o.staleAfterMs)
  const scheduled = await tickSchedules(c, o.schedules)
  const workers = new Workers(c)
  const register = (id: string) => workers.register(id)
  if (c.sqlite) {
    const workerId = newWorkerId('drain')
    register(workerId)
    await workers.registered()
    await new SqliteJobRunner(c, o.definitions, { workerId, concurrency: o.concurrency, pollIntervalMs: 50, onAttempt }).drain(o.deadline)
  } else {
    await drainGraphileJobs(c, o.definitions, { concurrency: o.concurrency, deadline: o.deadline, onPool: register, onAttempt })
  }
  await workers.stopped()
  return { scheduled, released, attempts, stoppedAtDeadline: Date.now() >= o.deadline, ms: Date.now() - started }
}

/** Claims every schedule's current slot that no instance has had yet, and enqueues its task with the claim. */
export async function tickSchedules(c: Connections, schedules: readonly Schedule[], now = Date.now()): Promise<string[]> {
  const enqueued: string[] = []
  for (const s of schedules) {
    const slotAt = new Date(Math.floor(now / s.everyMs) * s.everyMs)
    try {
      if (await claimScheduleSlot(c, s.name, slotAt, s.kind, s.payload(slotAt))) enqueued.push(s.name)
    } catch (error) {
      logError(`could not schedule ${s.name}`, error)
    }
  }
  return enqueued
}

async function releaseLost(c: Connections, staleAfterMs: number): Promise<string[]> {
  try {
    const lost = await releaseJobsOfLostWorkers(c, staleAfterMs)
    if (lost.length) console.warn(`[jobs] released the jobs of ${lost.length} worker(s) that stopped without finishing: ${lost.join(', ')}`)
    return lost
  } catch (error) {
    logError('could not release the jobs of lost workers', error)
    return []
  }
}

/** This runner's workers (one on SQLite; a pool or two with Graphile Worker) in JobWorker: registered, beating, stopped. */
class Workers {
  readonly ids: string[] = []
  private readonly registering: Promise<void>[] = []
  constructor(private readonly c: Connections) {}

  register(id: string): void {
    this.ids.push(id)
    this.registering.push(registerJobWorker(this.c, newWorkerDescription(id)).catch((e) => logError('could not register the worker', e)))
  }

  async registered(): Promise<void> {
    await Promise.all(this.registering)
  }

  async beat(): Promise<void> {
    await Promise.all(this.ids.map((id) => beatJobWorker(this.c, id))).catch((e) => logError('heartbeat failed', e))
  }

  async stopped(): Promise<void> {
    await this.registered()
    await Promise.all(this.ids.map((id) => beatJobWorker(this.c, id, true))).catch((e) => logError('could not record the stop', e))
  }
}

function newWorkerId(kind: string): string {
  return `${kind}-${process.pid}-${randomBytes(6).toString('hex')}`
}

function logError(what: string, error: unknown): void {
  console.error(`[jobs] ${what}: ${error instanceof Error ? error.message : String(error)}`)
}
