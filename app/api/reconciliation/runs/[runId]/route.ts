// GET /api/reconciliation/runs/{runId} — one run: status (running, done, failed), progress, counters and its findings.
import { AppError } from '@/lib/app-error'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getReconcileRun } from '@/lib/db/reconciliation'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type ReconcileRunResponse = NonNullable<Awaited<ReturnType<typeof getReconcileRun>>>

export const GET = withErrors(async (request, { params }: { params: Promise<{ runId: string }> }) => {
  await requireUser(request, 'data:read')
  const { runId } = await params
  const run = await getReconcileRun(db(), runId)
  if (!run) throw new AppError('not_found', `run ${runId} is not known`)
  return Response.json(run satisfies ReconcileRunResponse)
})
