// POST /api/jobs/{jobId}/retry — run a dead job again, with a fresh round of its retries (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { retryDeadJob } from '@/lib/server/job-queue'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request, { params }: { params: Promise<{ jobId: string }> }) => {
  const me = await requireUser(request, 'jobs:retry')
  const { jobId } = await params
  return Response.json({ job: await retryDeadJob(db(), me, jobId) })
})
