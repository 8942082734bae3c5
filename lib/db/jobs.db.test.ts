// The job runner on both providers (SQLite: our runner over the Job table; PostgreSQL: Graphile Worker):
// exactly once with two competing workers, a kill -9 between claim and finish runs the job again, a rolled-back
// transaction leaves no job, retries back off and end dead, an admin's retry, one instance per schedule slot.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeConnections, openConnections } from './client'
import { claimScheduleSlot, enqueueJob, enqueueJobs, getJob, listJobAttempts, listJobs, rescheduleDeadJob } from './jobs'
import { run, runSqlProgram, runStatements } from './sql'
import { defineJob, defineSchedule } from '../jobs/define-job'
import { jobKind, retryDelayMs } from '../jobs/job-kinds'
import { drainJobs, startJobRunner, tickSchedules } from '../jobs/start-job-runner'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const ROOT = path.resolve(import.meta.dirname, '../..')

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.each(testProviders())('job runner on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('runs each committed job exactly once with two workers competing on two connections', async () => {
    const kind = jobKind<{ n: number }>(`test.count.${randomUUID().slice(0, 8)}`, { maxAttempts: 3 })
    const seen = new Map<string, number>()
    const def = defineJob(kind, async (_p, ctx) => {
      seen.set(ctx.jobId, (seen.get(ctx.jobId) ?? 0) + 1)
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 10))
    })
    const count = 60
    const other = openConnections(t.url)
    const options = { definitions: [def], schedules: [], pollIntervalMs: 20, concurrency: 2 }
    const [a, b] = await Promise.all([startJobRunner(t.connections, options), startJobRunner(other, options)])
    try {
      await enqueueJobs(
        t.connections,
        Array.from({ length: count }, (_, n) => enqueueJob(kind, { n })),
      )
      await waitFor(
        'every job to be done',
        async () => seen.size === count && (await listJobs(t.connections, { limit: 500 })).every((j) => j.name !== kind.name),
      )
    } finally {
      await Promise.all([a.stop(), b.stop()])
      await closeConnections(other)
    }
    expect([...seen.values()].every((n) => n === 1)).toBe(true)
    const attempts = await listJobAttempts(t.connections, { jobIds: [...seen.keys()], limit: 1000 })
    expect(attempts).toHaveLength(count)
    expect(attempts.every((x) => x.outcome === 'succeeded' && x.attempt === 1 && x.finishedAt !== null)).toBe(true)
    // Both workers took part: each can run only two at a time, and a job takes 10-20 ms.
    expect(new Set(attempts.map((x) => x.workerId)).size).toBeGreaterThanOrEqual(2)
  })

  it('runs a job again when its worker is killed (kill -9) between claim and finish', async () => {
    const kind = jobKind<{ marker: string }>(`test.crash.${randomUUID().slice(0, 8)}`, { maxAttempts: 5 })
    await enqueueJobs(t.connections, [enqueueJob(kind, { marker: 'x' })])
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/job-worker-child.ts', t.url, kind.name], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise((r) => child.once('exit', r))
    try {
      await waitFor('the child to claim the job', async () => out.includes('claimed '), 30_000)
    } finally {
      child.kill('SIGKILL')
      await exited
    }
    const jobId = /claimed (\S+)/.exec(out)![1]
    expect((await getJob(t.connections, jobId))?.state).toBe('running') // still claimed by the dead worker

    const ran: number[] = []
    const runner = await startJobRunner(t.connections, {
      definitions: [defineJob(kind, async (_p, ctx) => void ran.push(ctx.attempt))],
      schedules: [],
      heartbeatMs: 200,
      staleAfterMs: 1_000,
      pollIntervalMs: 50,
    })
    try {
      await waitFor('the job to run again', async () => ran.length > 0 && (await getJob(t.connections, jobId)) === null)
    } finally {
      await runner.stop()
    }
    expect(ran).toEqual([2])
    const history = await listJobAttempts(t.connections, { jobIds: [jobId], limit: 10 })
    expect(history.map((h) => [h.attempt, h.outcome])).toEqual([
      [1, 'interrupted'],
      [2, 'succeeded'],
    ])
    expect(history[0].error).toMatch(/worker stopped before the attempt finished/)
    expect(history[1].workerId).not.toBe(history[0].workerId)
  }, 60_000)

  it('leaves no job when the transaction that enqueued it rolls back', async () => {
    const kind = jobKind<{ n: number }>(`test.rollback.${randomUUID().slice(0, 8)}`, { maxAttempts: 1 })
    await expect(
      runSqlProgram(t.connections, runStatements, [enqueueJob(kind, { n: 1 }), run(`INSERT INTO "NoSuchTable" ("x") VALUES (?)`, [1])]),
    ).rejects.toThrow()
    expect((await listJobs(t.connections, { limit: 500 })).filter((j) => j.name === kind.name)).toEqual([])
    await enqueueJobs(t.connections, [enqueueJob(kind, { n: 2 })])
    expect((await listJobs(t.connections, { limit: 500 })).filter((j) => j.name === kind.name).map((j) => j.payload)).toEqual([{ n: 2 }])
  })

  it('retries a failing job with exponential backoff, keeps it dead after its last attempt, and an admin retry runs it again', async () => {
    const kind = jobKind<{ n: number }>(`test.fail.${randomUUID().slice(0, 8)}`, { maxAttempts: 2 })
    let fail = true
    const def = defineJob(kind, async (_p, ctx) => {
      if (fail) throw new Error(`upstream said no (attempt ${ctx.attempt})\nsecond line is dropped`)
      return 'worked this time'
    })
    await enqueueJobs(t.connections, [enqueueJob(kind, { n: 1 })])
    const [queued] = (await listJobs(t.connections, { limit: 500 })).filter((j) => j.name === kind.name)
    const runner = await startJobRunner(t.connections, { definitions: [def], schedules: [], pollIntervalMs: 100 })
    try {
      const retrying = await waitFor('the first failure', async () => {
        const j = await getJob(t.connections, queued.id)
        return j?.state === 'retrying' && j
      })
      expect(retrying.lastError).toBe('upstream said no (attempt 1)')
      // The backoff after attempt 1: e^1 s ≈ 2.7 s from the failure (the database's clock on PostgreSQL).
      const delay = Date.parse(retrying.runAt) - Date.now()
      expect(delay).toBeGreaterThan(retryDelayMs(1) - 1_500)
      expect(delay).toBeLessThanOrEqual(retryDelayMs(1) + 500)
      const dead = await waitFor('the job to be dead', async () => {
        const j = await getJob(t.connections, queued.id)
        return j?.state === 'dead' && j
      })
      expect(dead).toMatchObject({ attempts: 2, maxAttempts: 2, lastError: 'upstream said no (attempt 2)' })
      const history = await listJobAttempts(t.connections, { jobIds: [queued.id], limit: 10 })
      expect(history.map((h) => [h.attempt, h.outcome, h.error])).toEqual([
        [1, 'failed', 'upstream said no (attempt 1)'],
        [2, 'failed', 'upstream said no (attempt 2)'],
      ])
      // Dead stays dead: nothing runs it again by itself.
      await new Promise((r) => setTimeout(r, 500))
      expect((await getJob(t.connections, queued.id))?.state).toBe('dead')

      fail = false
      expect(await rescheduleDeadJob(t.connections, queued.id, 1)).toBe(true)
      expect(await rescheduleDeadJob(t.connections, queued.id, 1)).toBe(false) // no longer dead
      await waitFor('the retried job to succeed', async () => (await getJob(t.connections, queued.id)) === null)
      const after = await listJobAttempts(t.connections, { jobIds: [queued.id], limit: 10 })
      expect(after.map((h) => [h.attempt, h.outcome, h.detail])).toEqual([
        [1, 'failed', null],
        [2, 'failed', null],
        [3, 'succeeded', 'worked this time'],
      ])
    } finally {
      await runner.stop()
    }
  }, 30_000)

  it('gives each schedule slot to one instance, which enqueues its task with the claim', async () => {
    const kind = jobKind<{ slot: string }>(`test.scheduled.${randomUUID().slice(0, 8)}`, { maxAttempts: 1 })
    const other = openConnections(t.url)
    try {
      const slot = new Date('2031-06-01T10:05:00.000Z')
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          claimScheduleSlot(i % 2 ? other : t.connections, kind.name, slot, kind, { slot: slot.toISOString() }),
        ),
      )
      expect(claims.filter(Boolean)).toHaveLength(1)
      // An older slot never wins after a newer one; the next slot does.
      expect(await claimScheduleSlot(t.connections, kind.name, new Date('2031-06-01T10:00:00.000Z'), kind, { slot: 'old' })).toBe(false)
      expect(await claimScheduleSlot(other, kind.name, new Date('2031-06-01T10:10:00.000Z'), kind, { slot: 'next' })).toBe(true)
      const jobs = (await listJobs(t.connections, { limit: 500 })).filter((j) => j.name === kind.name)
      expect(jobs.map((j) => (j.payload as { slot: string }).slot).sort()).toEqual(['2031-06-01T10:05:00.000Z', 'next'])
      const schedule = defineSchedule({ name: `${kind.name}.tick`, everyMs: 60_000, kind, payload: (s) => ({ slot: s.toISOString() }) })
      const now = Date.parse('2031-06-01T11:00:30.000Z')
      expect(await tickSchedules(t.connections, [schedule], now)).toEqual([schedule.name])
      expect(await tickSchedules(other, [schedule], now + 10_000)).toEqual([])
    } finally {
      await closeConnections(other)
    }
  })

  it('drains due work once for the cron route, the scheduled outbox.health task included, and reports it', async () => {
    const kind = jobKind<{ n: number }>(`test.drain.${randomUUID().slice(0, 8)}`, { maxAttempts: 1 })
    const failing = jobKind<{ n: number }>(`test.drain-fail.${randomUUID().slice(0, 8)}`, { maxAttempts: 3 })
    const ran: number[] = []
    const def = defineJob(kind, async (p) => void ran.push(p.n))
    const fails = defineJob(failing, async () => {
      throw new Error('not today')
    })
    await enqueueJobs(t.connections, [...[1, 2, 3].map((n) => enqueueJob(kind, { n })), enqueueJob(failing, { n: 4 })])
    const { JOBS, SCHEDULES } = await import('../jobs/job-registry')
    const report = await drainJobs(t.connections, {
      definitions: [...JOBS, def, fails],
      schedules: SCHEDULES,
      deadline: Date.now() + 20_000,
    })
    expect(ran.sort()).toEqual([1, 2, 3])
    expect(report.scheduled).toEqual(SCHEDULES.map((s) => s.name))
    expect(report.attempts.failed).toBe(1)
    expect(report.attempts.succeeded).toBeGreaterThanOrEqual(4)
    // What the drain ran is finished in the queue too, although it stopped the moment it found nothing more to do:
    // the successes are gone, the failure waits for its retry, nothing is left claimed.
    const left = (await listJobs(t.connections, { limit: 500 })).filter((j) => j.name === kind.name || j.name === failing.name)
    expect(left.map((j) => [j.name, j.state, j.attempts, j.lastError])).toEqual([[failing.name, 'retrying', 1, 'not today']])
    const [health] = (await listJobAttempts(t.connections, { limit: 50 })).filter((a) => a.jobName === 'outbox.health')
    expect(health).toMatchObject({ outcome: 'succeeded' })
    expect(health.detail).toMatch(/^pending \d+, running \d+, retrying \d+, dead \d+; oldest due job waiting \d+ s$/)
    const [retention] = (await listJobAttempts(t.connections, { limit: 50 })).filter((a) => a.jobName === 'retention.purge')
    expect(retention).toMatchObject({
      outcome: 'succeeded',
      detail:
        'purged 0 delivery bodies, the CPNI of 0 port-out requests, 0 timeline entries, 0 Bandwidth API calls, 0 forwarding attempts older than 30 days',
    })
    // Without a Bandwidth configuration the subscription check says why instead of failing (and retrying).
    const [subs] = (await listJobAttempts(t.connections, { limit: 50 })).filter((a) => a.jobName === 'bandwidth.subscription-health')
    expect(subs).toMatchObject({
      outcome: 'succeeded',
      detail: expect.stringMatching(/^not checked: not configured: set BANDWIDTH_ACCOUNT_ID/),
    })
    // A lone job that fails, drained while the other workers already found nothing: its failure is recorded in the
    // queue before the drain returns (on PostgreSQL a stop used to drop Graphile Worker's unawaited fail_job).
    await enqueueJobs(t.connections, [enqueueJob(failing, { n: 5 })])
    expect((await drainJobs(t.connections, { definitions: [fails], schedules: [], deadline: Date.now() + 20_000 })).attempts).toEqual({
      succeeded: 0,
      failed: 1,
    })
    const alone = (await listJobs(t.connections, { limit: 500 })).filter(
      (j) => j.name === failing.name && (j.payload as { n: number }).n === 5,
    )
    expect(alone.map((j) => [j.state, j.attempts])).toEqual([['retrying', 1]])
    // The same slot again: another call (another instance) enqueues nothing new.
    expect((await drainJobs(t.connections, { definitions: [def], schedules: SCHEDULES, deadline: Date.now() + 5_000 })).scheduled).toEqual(
      [],
    )
  })
})
