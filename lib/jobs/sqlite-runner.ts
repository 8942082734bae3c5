// The job runner on SQLite: a small in-process loop over our "Job" table (SQLite is one process by design).
// It claims due jobs atomically in the writer thread (claim and attempt row in one transaction), runs them with
// bounded concurrency, and finishes each one: deleted on success; on failure unlocked with its error and the next
// run time (exponential backoff), or left dead after its last attempt. A claim held by a worker that died is
// released by releaseJobsOfLostWorkers (start-job-runner.ts calls it with every heartbeat).
import type { Connections } from '../db/client'
import { claimSqliteJobs, finishSqliteJob, hasDueSqliteJob, type AttemptEnd } from '../db/jobs'
import type { JobDefinition } from './define-job'
import { retryDelayMs } from './job-kinds'
import { onJobsEnqueued } from './job-signal'
import { runJobAttempt } from './run-job-attempt'

export type SqliteRunnerOptions = {
  workerId: string
  concurrency: number
  pollIntervalMs: number
  onAttempt?: (name: string, end: AttemptEnd) => void
}

export class SqliteJobRunner {
  private readonly byName: Map<string, JobDefinition>
  private readonly names: string[]
  private readonly lowWater: number
  private inFlight = new Set<Promise<void>>()
  private stopped = false
  private wake: (() => void) | undefined
  private loop: Promise<void> | undefined
  private stopListening: (() => void) | undefined

  constructor(
    private readonly c: Connections,
    definitions: readonly JobDefinition[],
    private readonly o: SqliteRunnerOptions,
  ) {
    this.byName = new Map(definitions.map((d) => [d.kind.name, d]))
    this.names = [...this.byName.keys()]
    this.lowWater = Math.max(1, Math.floor(o.concurrency / 2))
  }

  /** Runs until stop(): polls, and wakes at once when this process enqueued something. */
  start(): void {
    this.stopListening = onJobsEnqueued(() => this.wake?.())
    this.loop = this.run(() => this.stopped)
  }

  /** The cron route's mode: runs what is due now, then returns (or at the deadline, after the jobs in flight). */
  async drain(deadline: number): Promise<void> {
    await this.run(() => this.stopped || Date.now() >= deadline, true)
  }

  /** Stops claiming and waits for the jobs in flight. */
  async stop(): Promise<void> {
    this.stopped = true
    this.stopListening?.()
    this.wake?.()
    await this.loop
    await Promise.all(this.inFlight)
  }

  private async run(done: () => boolean, untilEmpty = false): Promise<void> {
    while (!done()) {
      const free = this.o.concurrency - this.inFlight.size
      // Claims go in batches: refill once half the slots are free, so a claim (one commit) serves several jobs.
      if (free > 0 && free >= this.lowWater && hasDueSqliteJob(this.c, this.names)) {
        try {
          const claimed = await claimSqliteJobs(this.c, this.o.workerId, this.names, free)
          for (const job of claimed) this.track(this.runOne(job))
          if (claimed.length > 0) continue
        } catch (error) {
          console.error(`[jobs] could not claim jobs: ${error instanceof Error ? error.message : String(error)}`)
        }
      } else if (untilEmpty && free > 0 && this.inFlight.size === 0) {
        return
      }
      await this.sleep(this.o.pollIntervalMs)
    }
    await Promise.all(this.inFlight)
  }

  private async runOne(job: Awaited<ReturnType<typeof claimSqliteJobs>>[number]): Promise<void> {
    const def = this.byName.get(job.name)!
    const end = await runJobAttempt(this.c, def, job)
    const retryAt = end.outcome === 'failed' && job.attempt < job.maxAttempts ? new Date(Date.now() + retryDelayMs(job.attempt)) : null
    try {
      await finishSqliteJob(this.c, job, end, retryAt)
    } catch (error) {
      // The job stays claimed by this worker; it is released (and run again) once this worker stops beating.
      console.error(`[jobs] could not record the end of job ${job.id}: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (end.outcome === 'failed')
      console.warn(`[jobs] ${job.name} ${job.id} attempt ${job.attempt}/${job.maxAttempts} failed: ${end.error}`)
    this.o.onAttempt?.(job.name, end)
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p)
    void p.finally(() => {
      this.inFlight.delete(p)
      this.wake?.()
    })
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Unref'd: an idle runner never keeps a process alive (a script, a test, a server that is shutting down).
      const timer = setTimeout(done, ms)
      timer.unref()
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.wake = () => {
        this.wake = undefined
        done()
      }
    })
  }
}
