// The job queue's tables: the outbox entries that write transactions add, the runners' claims and heartbeats,
// the attempt history, the schedules and what the /jobs page reads. On SQLite the queue is our "Job" table,
// run by lib/jobs/sqlite-runner.ts; on PostgreSQL it is Graphile Worker's (schema graphile_worker, installed by
// migrate.ts), whose SQL add_job joins our own transaction. The few statements that differ are written once per
// provider (sql.ts's perProvider) and jobs.db.test.ts runs each on both. The attempt history (JobAttempt), the
// workers' heartbeats (JobWorker) and the schedules (JobSchedule) are ours on both providers.
import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type { JobKind } from '../jobs/job-kinds'
import type { Connections } from './client'
import {
  all,
  defineSqlProgram,
  perProvider,
  run,
  runSqlProgram,
  runStatements,
  sqliteStatement,
  toSqliteDate,
  type SqlOp,
  type SqlProgram,
} from './sql'

export type JobState = 'pending' | 'running' | 'retrying' | 'dead'
export const JOB_STATES: readonly JobState[] = ['pending', 'running', 'retrying', 'dead']

/** A worker that has not beaten its heart for this long is taken for dead, and its jobs are released. */
export const DEFAULT_STALE_AFTER_MS = 60_000
const LOST_WORKER = 'its worker stopped before the attempt finished (crashed, killed, or lost the database): run again'

// ---------------------------------------------------------------------------------------------
// Enqueue: one statement inside the caller's own transaction (SQL program)

export type EnqueueOptions = { runAt?: Date }

/**
 * The outbox entry: `yield enqueueJob(kind, payload)` inside a SQL program, so the job exists if and only if the
 * program's transaction commits. One INSERT (or add_job) and nothing else: it sits in the ingest's hot path.
 * No job keys: what must happen once is decided by the row that enqueues (a transition, a schedule slot).
 */
export function enqueueJob<P>(kind: JobKind<P>, payload: P, o: EnqueueOptions = {}): SqlOp {
  const now = new Date()
  const json = JSON.stringify(payload)
  return perProvider(
    'run',
    {
      sql: `INSERT INTO "Job" ("name", "payload", "runAt", "attempts", "maxAttempts", "createdAt", "updatedAt") VALUES (?, ?, ?, 0, ?, ?, ?)`,
      params: [kind.name, json, o.runAt ?? now, kind.maxAttempts, now, now],
    },
    {
      sql: `SELECT id FROM graphile_worker.add_job(?, ?::json, run_at := ?::timestamptz, max_attempts := ?::int)`,
      params: [kind.name, json, o.runAt ?? now, kind.maxAttempts],
    },
  )
}

/** Enqueues jobs in a transaction of their own (schedules, tests, scripts). */
export async function enqueueJobs(c: Connections, ops: SqlOp[]): Promise<void> {
  await runSqlProgram(c, runStatements, ops)
}

// ---------------------------------------------------------------------------------------------
// Workers: registration, heartbeat, and releasing what dead ones held

export function newWorkerDescription(id: string) {
  return { id, host: os.hostname().slice(0, 100), pid: process.pid }
}

export function registerJobWorker(c: Connections, w: { id: string; host: string; pid: number }): Promise<void> {
  return runSqlProgram(c, registerWorker, w, new Date())
}

/** The runner's own rows: a power cut that loses them only makes a job run again (sql.ts's `durable`). */
const BOOKKEEPING = { durable: false } as const

const registerWorker = defineSqlProgram(
  'registerJobWorker',
  function* (w: { id: string; host: string; pid: number }, now: Date): SqlProgram<void> {
    yield run(
      `INSERT INTO "JobWorker" ("id", "host", "pid", "startedAt", "heartbeatAt") VALUES (?, ?, ?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "heartbeatAt" = excluded."heartbeatAt"`,
      [w.id, w.host, w.pid, now, now],
    )
  },
  BOOKKEEPING,
)

/** The heartbeat; `stopped` marks a clean stop (its jobs finished first). */
export function beatJobWorker(c: Connections, id: string, stopped = false): Promise<void> {
  return runSqlProgram(c, beatWorker, id, new Date(), stopped)
}

const beatWorker = defineSqlProgram(
  'beatJobWorker',
  function* (id: string, now: Date, stopped: boolean): SqlProgram<void> {
    yield run(
      stopped
        ? `UPDATE "JobWorker" SET "heartbeatAt" = ?, "stoppedAt" = ? WHERE "id" = ?`
        : `UPDATE "JobWorker" SET "heartbeatAt" = ? WHERE "id" = ?`,
      stopped ? [now, now, id] : [now, id],
    )
  },
  BOOKKEEPING,
)

/**
 * A crash between claim and finish: jobs locked for longer than `staleAfterMs` by a worker that is not alive
 * (no heartbeat within that time, or stopped) are released to run again, and that worker's unfinished attempts
 * are marked interrupted. Returns the workers whose jobs were released. Any runner may call it, any number of times.
 */
export function releaseJobsOfLostWorkers(c: Connections, staleAfterMs = DEFAULT_STALE_AFTER_MS): Promise<string[]> {
  return runSqlProgram(c, releaseLost, new Date(), new Date(Date.now() - staleAfterMs))
}

const ALIVE = `SELECT "id" FROM "JobWorker" WHERE "heartbeatAt" >= ? AND "stoppedAt" IS NULL`

const releaseLost = defineSqlProgram(
  'releaseJobsOfLostWorkers',
  function* (now: Date, staleBefore: Date): SqlProgram<string[]> {
    const fromJobs = (yield perProvider(
      'all',
      {
        sql: `SELECT DISTINCT "lockedBy" AS "workerId" FROM "Job" WHERE "lockedBy" IS NOT NULL AND "lockedAt" < ? AND "lockedBy" NOT IN (${ALIVE})`,
        params: [staleBefore, staleBefore],
      },
      {
        sql: `SELECT DISTINCT locked_by AS "workerId" FROM graphile_worker.jobs WHERE locked_by IS NOT NULL AND locked_at < ?::timestamptz AND locked_by NOT IN (${ALIVE})`,
        params: [staleBefore, staleBefore],
      },
    )) as { workerId: string }[]
    const fromAttempts = (yield all(
      `SELECT DISTINCT "workerId" FROM "JobAttempt" WHERE "outcome" = 'running' AND "startedAt" < ? AND "workerId" NOT IN (${ALIVE})`,
      [staleBefore, staleBefore],
    )) as { workerId: string }[]
    const lost = [...new Set([...fromJobs, ...fromAttempts].map((r) => r.workerId))]
    for (const workerId of lost) {
      // The attempts it left unfinished: SQLite recorded them with the claim; on PostgreSQL they come from the jobs it holds.
      yield perProvider(
        'get',
        { sql: `SELECT ? AS "nothingToAdd"`, params: [workerId] },
        {
          sql: `INSERT INTO "JobAttempt" ("id", "jobId", "jobName", "attempt", "workerId", "startedAt", "outcome") SELECT gen_random_uuid()::text, id::text, task_identifier, attempts, locked_by, locked_at, 'running' FROM graphile_worker.jobs WHERE locked_by = ?`,
          params: [workerId],
        },
      )
      yield perProvider(
        'run',
        {
          sql: `UPDATE "Job" SET "lockedBy" = NULL, "lockedAt" = NULL, "lastError" = ?, "updatedAt" = ? WHERE "lockedBy" = ?`,
          params: [LOST_WORKER, now, workerId],
        },
        { sql: `SELECT graphile_worker.force_unlock_workers(ARRAY[?::text])`, params: [workerId] },
      )
      yield run(
        `UPDATE "JobAttempt" SET "outcome" = 'interrupted', "finishedAt" = ?, "error" = ? WHERE "workerId" = ? AND "outcome" = 'running'`,
        [now, LOST_WORKER, workerId],
      )
      yield run(`UPDATE "JobWorker" SET "stoppedAt" = COALESCE("stoppedAt", ?) WHERE "id" = ?`, [now, workerId])
    }
    return lost
  },
  BOOKKEEPING,
)

// ---------------------------------------------------------------------------------------------
// Attempts: the history both providers keep in JobAttempt

export type ClaimedJob = { id: string; name: string; payload: unknown; attempt: number; maxAttempts: number; workerId: string }

function* insertAttempt(attemptId: string, job: ClaimedJob, now: Date): SqlProgram<void> {
  yield run(
    `INSERT INTO "JobAttempt" ("id", "jobId", "jobName", "attempt", "workerId", "startedAt", "outcome") VALUES (?, ?, ?, ?, ?, ?, 'running')`,
    [attemptId, job.id, job.name, job.attempt, job.workerId, now],
  )
}

export type AttemptEnd = { outcome: 'succeeded'; detail: string | null } | { outcome: 'failed'; error: string }

/**
 * PostgreSQL: the attempt Graphile Worker ran, recorded once it ended (one INSERT per job; Graphile Worker then
 * completes or fails the job itself). An attempt cut off by a crash is recorded when its claim is released.
 */
export function recordAttempt(c: Connections, job: ClaimedJob, startedAt: Date, end: AttemptEnd): Promise<void> {
  return runSqlProgram(c, attemptRecorded, { ...job, payload: null }, startedAt, end, new Date())
}

const attemptRecorded = defineSqlProgram(
  'recordJobAttempt',
  function* (job: ClaimedJob, startedAt: Date, end: AttemptEnd, now: Date): SqlProgram<void> {
    yield run(
      `INSERT INTO "JobAttempt" ("id", "jobId", "jobName", "attempt", "workerId", "startedAt", "finishedAt", "outcome", "error", "detail") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        job.id,
        job.name,
        job.attempt,
        job.workerId,
        startedAt,
        now,
        end.outcome,
        end.outcome === 'failed' ? end.error : null,
        end.outcome === 'succeeded' ? end.detail : null,
      ],
    )
  },
  BOOKKEEPING,
)

function* finishAttempt(attemptId: string, end: AttemptEnd, now: Date): SqlProgram<void> {
  yield run(`UPDATE "JobAttempt" SET "outcome" = ?, "finishedAt" = ?, "error" = ?, "detail" = ? WHERE "id" = ? AND "outcome" = 'running'`, [
    end.outcome,
    now,
    end.outcome === 'failed' ? end.error : null,
    end.outcome === 'succeeded' ? end.detail : null,
    attemptId,
  ])
}

// ---------------------------------------------------------------------------------------------
// SQLite's own queue: claim and finish (PostgreSQL: Graphile Worker does both)

/** Is any of these jobs due? A read on the server's own connection, so an idle runner costs the writer nothing. */
export function hasDueSqliteJob(c: Connections, names: string[]): boolean {
  if (!c.sqlite || names.length === 0) return false
  const row = sqliteStatement(
    c.sqlite,
    `SELECT 1 FROM "Job" WHERE "lockedBy" IS NULL AND "runAt" <= ? AND "attempts" < "maxAttempts" AND "name" IN (${names.map(() => '?').join(', ')}) LIMIT 1`,
  ).get(toSqliteDate(new Date()), ...names)
  return row !== undefined
}

/** Claims up to `limit` due jobs for this worker and records each attempt, atomically (the writer thread serialises claims). */
export function claimSqliteJobs(
  c: Connections,
  workerId: string,
  names: string[],
  limit: number,
): Promise<(ClaimedJob & { attemptId: string })[]> {
  return runSqlProgram(c, claimJobs, workerId, names, limit, new Date())
}

const claimJobs = defineSqlProgram(
  'claimSqliteJobs',
  function* (workerId: string, names: string[], limit: number, now: Date): SqlProgram<(ClaimedJob & { attemptId: string })[]> {
    if (names.length === 0 || limit < 1) return []
    const due = (yield all(
      `SELECT "id", "name", "payload", "attempts", "maxAttempts" FROM "Job" WHERE "lockedBy" IS NULL AND "runAt" <= ? AND "attempts" < "maxAttempts" AND "name" IN (${names.map(() => '?').join(', ')}) ORDER BY "runAt", "createdAt" LIMIT ?`,
      [now, ...names, limit],
    )) as { id: number; name: string; payload: string; attempts: number; maxAttempts: number }[]
    const claimed: (ClaimedJob & { attemptId: string })[] = []
    for (const j of due) {
      const changes = (yield run(
        `UPDATE "Job" SET "lockedBy" = ?, "lockedAt" = ?, "attempts" = "attempts" + 1, "updatedAt" = ? WHERE "id" = ? AND "lockedBy" IS NULL`,
        [workerId, now, now, j.id],
      )) as number
      if (changes === 0) continue
      const job = {
        id: String(j.id),
        name: j.name,
        payload: JSON.parse(j.payload) as unknown,
        attempt: j.attempts + 1,
        maxAttempts: j.maxAttempts,
        workerId,
      }
      const attemptId = randomUUID()
      yield* insertAttempt(attemptId, job, now)
      claimed.push({ ...job, attemptId })
    }
    return claimed
  },
  BOOKKEEPING,
)

/** Ends an attempt: success deletes the job; a failure unlocks it with its error and the next run time (or leaves it dead). */
export function finishSqliteJob(
  c: Connections,
  job: ClaimedJob & { attemptId: string },
  end: AttemptEnd,
  retryAt: Date | null,
): Promise<void> {
  return runSqlProgram(c, finishJob, { id: job.id, workerId: job.workerId, attemptId: job.attemptId }, end, retryAt, new Date())
}

const finishJob = defineSqlProgram(
  'finishSqliteJob',
  function* (job: { id: string; workerId: string; attemptId: string }, end: AttemptEnd, retryAt: Date | null, now: Date): SqlProgram<void> {
    if (end.outcome === 'succeeded') yield run(`DELETE FROM "Job" WHERE "id" = ? AND "lockedBy" = ?`, [job.id, job.workerId])
    else
      yield run(
        `UPDATE "Job" SET "lockedBy" = NULL, "lockedAt" = NULL, "lastError" = ?, "runAt" = COALESCE(?, "runAt"), "updatedAt" = ? WHERE "id" = ? AND "lockedBy" = ?`,
        [end.error, retryAt, now, job.id, job.workerId],
      )
    yield* finishAttempt(job.attemptId, end, now)
  },
  BOOKKEEPING,
)

// ---------------------------------------------------------------------------------------------
// Schedules: one instance wins each time slot

/**
 * Claims the slot `slotAt` of the schedule `name` and enqueues its job in the same transaction; false when another
 * instance (or an earlier tick) already had this slot or a later one.
 */
export function claimScheduleSlot<P>(c: Connections, name: string, slotAt: Date, kind: JobKind<P>, payload: P): Promise<boolean> {
  return runSqlProgram(c, claimSlot, name, slotAt, enqueueJob(kind, payload))
}

const claimSlot = defineSqlProgram(
  'claimScheduleSlot',
  function* (name: string, slotAt: Date, job: SqlOp): SqlProgram<boolean> {
    const won = (yield run(
      `INSERT INTO "JobSchedule" ("name", "lastSlotAt") VALUES (?, ?) ON CONFLICT ("name") DO UPDATE SET "lastSlotAt" = excluded."lastSlotAt" WHERE "JobSchedule"."lastSlotAt" < excluded."lastSlotAt"`,
      [name, slotAt],
    )) as number
    if (won === 0) return false
    yield job
    return true
  },
  BOOKKEEPING,
)

// ---------------------------------------------------------------------------------------------
// What the /jobs page reads (and its one action)

export type JobRow = {
  id: string
  name: string
  state: JobState
  payload: unknown
  attempts: number
  maxAttempts: number
  runAt: string
  lockedBy: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
}

export type JobAttemptRow = {
  id: string
  jobId: string
  jobName: string
  attempt: number
  workerId: string
  startedAt: string
  finishedAt: string | null
  outcome: string
  error: string | null
  detail: string | null
}

// The state of a job, from the same columns on both providers (Graphile Worker keeps a job that used up its
// attempts, with its last error, exactly like our table).
const STATE = (locked: string, attempts: string, max: string) =>
  `CASE WHEN ${locked} IS NOT NULL THEN 'running' WHEN ${attempts} >= ${max} THEN 'dead' WHEN ${attempts} > 0 THEN 'retrying' ELSE 'pending' END`
const SQLITE_JOBS = `SELECT CAST("id" AS TEXT) AS "id", "name", "payload", "attempts", "maxAttempts", "runAt", "lockedBy", "lastError", "createdAt", "updatedAt", ${STATE('"lockedBy"', '"attempts"', '"maxAttempts"')} AS "state" FROM "Job"`
// Graphile Worker's public view (graphile_worker.jobs) leaves out the payload, so the page reads the two tables that
// view joins (read only; the version is pinned, and jobs.db.test.ts reads them on every run).
const PG_JOBS = `SELECT jobs.id::text AS "id", tasks.identifier AS "name", jobs.payload::text AS "payload", jobs.attempts, jobs.max_attempts AS "maxAttempts", jobs.run_at AS "runAt", jobs.locked_by AS "lockedBy", jobs.last_error AS "lastError", jobs.created_at AS "createdAt", jobs.updated_at AS "updatedAt", ${STATE('jobs.locked_by', 'jobs.attempts', 'jobs.max_attempts')} AS "state" FROM graphile_worker._private_jobs AS jobs JOIN graphile_worker._private_tasks AS tasks ON tasks.id = jobs.task_id`

type RawJob = Omit<JobRow, 'payload' | 'runAt' | 'createdAt' | 'updatedAt'> & {
  payload: string
  runAt: Date | string
  createdAt: Date | string
  updatedAt: Date | string
}

async function readRows<T>(c: Connections, sqlite: string, postgres: string, params: (string | number)[]): Promise<T[]> {
  if (c.sqlite) return sqliteStatement(c.sqlite, sqlite).all(...params) as T[]
  let n = 0
  return (
    await c.pool!.query(
      postgres.replace(/\?/g, () => `$${++n}`),
      params,
    )
  ).rows as T[]
}

const iso = (d: Date | string) => new Date(d).toISOString()

function toJobRow(r: RawJob): JobRow {
  return {
    ...r,
    payload: JSON.parse(r.payload) as unknown,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.maxAttempts),
    runAt: iso(r.runAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  }
}

/** Jobs in the queue (done ones are gone), newest change first; `state` narrows them. At most `limit`. */
export async function listJobs(c: Connections, o: { state?: JobState; limit: number }): Promise<JobRow[]> {
  const filter = o.state ? ' WHERE "state" = ?' : ''
  const rows = await readRows<RawJob>(
    c,
    `SELECT * FROM (${SQLITE_JOBS})${filter} ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?`,
    `SELECT * FROM (${PG_JOBS}) AS j${filter} ORDER BY "updatedAt" DESC, "id" DESC LIMIT ?`,
    o.state ? [o.state, o.limit] : [o.limit],
  )
  return rows.map(toJobRow)
}

export async function getJob(c: Connections, id: string): Promise<JobRow | null> {
  const rows = await readRows<RawJob>(
    c,
    `SELECT * FROM (${SQLITE_JOBS}) WHERE "id" = ?`,
    `SELECT * FROM (${PG_JOBS}) AS j WHERE "id" = ?`,
    [id],
  )
  return rows[0] ? toJobRow(rows[0]) : null
}

/** How many jobs are in each state, and how long the oldest due one has waited (0 when none is due). */
export async function countJobs(c: Connections): Promise<{ counts: Record<JobState, number>; oldestDueSeconds: number }> {
  const rows = await readRows<{ state: JobState; count: number | string; oldest: Date | string | null }>(
    c,
    `SELECT "state", COUNT(*) AS "count", MIN(CASE WHEN "state" IN ('pending', 'retrying') AND "runAt" <= ? THEN "runAt" END) AS "oldest" FROM (${SQLITE_JOBS}) GROUP BY "state"`,
    `SELECT "state", COUNT(*) AS "count", MIN(CASE WHEN "state" IN ('pending', 'retrying') AND "runAt" <= ?::timestamptz THEN "runAt" END) AS "oldest" FROM (${PG_JOBS}) AS j GROUP BY "state"`,
    [c.sqlite ? toSqliteDate(new Date()) : new Date().toISOString()],
  )
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>
  let oldest: number | null = null
  for (const r of rows) {
    counts[r.state] = Number(r.count)
    if (r.oldest !== null) oldest = Math.min(oldest ?? Infinity, new Date(r.oldest).getTime())
  }
  return { counts, oldestDueSeconds: oldest === null ? 0 : Math.max(0, Math.round((Date.now() - oldest) / 1000)) }
}

/** The attempts of these jobs (oldest first), or the latest `limit` attempts of any job. */
export async function listJobAttempts(c: Connections, o: { jobIds?: string[]; limit: number }): Promise<JobAttemptRow[]> {
  const rows = await c.prisma.jobAttempt.findMany({
    where: o.jobIds ? { jobId: { in: o.jobIds } } : undefined,
    orderBy: o.jobIds ? [{ startedAt: 'asc' }, { id: 'asc' }] : [{ startedAt: 'desc' }, { id: 'desc' }],
    take: o.limit,
  })
  return rows.map((r) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null }))
}

/** A dead job gets `moreAttempts` more, starting now; false when it is not (or no longer) dead. */
export async function rescheduleDeadJob(c: Connections, id: string, moreAttempts: number): Promise<boolean> {
  const job = await getJob(c, id)
  if (!job || job.state !== 'dead') return false
  const [changed] = (await runSqlProgram(c, runStatements, [
    perProvider(
      'run',
      {
        sql: `UPDATE "Job" SET "maxAttempts" = "attempts" + ?, "runAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "lockedBy" IS NULL AND "attempts" >= "maxAttempts"`,
        params: [moreAttempts, new Date(), new Date(), id],
      },
      {
        sql: `SELECT j.id FROM graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker.jobs WHERE id = ?::bigint AND locked_by IS NULL AND attempts >= max_attempts), run_at := now(), max_attempts := ?::int) AS j`,
        params: [id, job.attempts + moreAttempts],
      },
    ),
  ])) as number[]
  return changed > 0
}
