// GET /api/jobs?state=pending|running|retrying|dead — the job queue (admin): counts by state, the jobs with their
// last error and attempt history, and the latest attempts of any job.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { getJobQueue, jobQueueQuery } from '@/lib/server/job-queue'

export const dynamic = 'force-dynamic'
export type JobQueueResponse = Awaited<ReturnType<typeof getJobQueue>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'jobs:read')
  return Response.json(await getJobQueue(db(), parseSearchParams(request, jobQueueQuery)))
})
