// What the /jobs page shows and its one action: the queue by state, each job's last error and attempt history,
// and a retry for a dead job (audited).
import { z } from 'zod'
import { recordAudit, type AuditActor } from '../db/audit'
import type { Connections } from '../db/client'
import { countJobs, getJob, JOB_STATES, listJobAttempts, listJobs, rescheduleDeadJob, type JobState } from '../db/jobs'
import { AppError } from '../app-error'
import { JOBS } from '../jobs/job-registry'

const LIST_LIMIT = 100
const RECENT_ATTEMPTS = 50

export const jobQueueQuery = z.object({ state: z.enum(JOB_STATES as [JobState, ...JobState[]]).optional() })

export async function getJobQueue(c: Connections, q: z.infer<typeof jobQueueQuery>) {
  const [{ counts, oldestDueSeconds }, jobs, recentAttempts] = await Promise.all([
    countJobs(c),
    listJobs(c, { state: q.state, limit: LIST_LIMIT }),
    listJobAttempts(c, { limit: RECENT_ATTEMPTS }),
  ])
  const history = jobs.length ? await listJobAttempts(c, { jobIds: jobs.map((j) => j.id), limit: jobs.length * 20 }) : []
  return {
    counts,
    oldestDueSeconds,
    jobs: jobs.map((j) => ({ ...j, history: history.filter((a) => a.jobId === j.id) })),
    /** The latest attempts of any job, done ones included (a job that succeeded is no longer in the queue). */
    recentAttempts,
    /** Only the first `limit` jobs are listed; the counts are complete. */
    limit: LIST_LIMIT,
  }
}

/** A dead job gets another round of its retry policy, starting now. */
export async function retryDeadJob(c: Connections, actor: AuditActor, id: string) {
  const job = await getJob(c, id)
  if (!job) throw new AppError('not_found', `no job ${id} in the queue`)
  if (job.state !== 'dead') throw new AppError('conflict', `job ${id} is ${job.state}, not dead: only a dead job can be retried`)
  const kind = JOBS.find((d) => d.kind.name === job.name)?.kind
  if (!kind) throw new AppError('conflict', `no handler for ${job.name} in this version of Portwatch`)
  if (!(await rescheduleDeadJob(c, id, kind.maxAttempts))) throw new AppError('conflict', `job ${id} changed meanwhile: reload`)
  await c.prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: 'job.retry',
      target: `${job.name} ${id}`,
      before: { attempts: job.attempts, lastError: job.lastError },
    }),
  )
  return getJob(c, id)
}
