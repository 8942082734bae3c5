// GET /api/reconciliation/runs — the reconciler's runs, newest first; POST — start one now (operator, audited):
// no body (or {}) for a sweep of the recent window, { from, to } (ISO dates) for a backfill; 202 { id }.
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { listReconcileRuns } from '@/lib/db/reconciliation'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { startReconcileRunAudited } from '@/lib/server/reconcile'

export const dynamic = 'force-dynamic'
export type ReconcileRunsResponse = { items: Awaited<ReturnType<typeof listReconcileRuns>> }

const day = z.iso.date().or(z.iso.datetime({ offset: true }))
const body = z.object({ from: day.optional(), to: day.optional() }).strict()

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json({ items: await listReconcileRuns(db()) } satisfies ReconcileRunsResponse)
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'reconcile:run')
  const input = request.body === null || request.headers.get('content-length') === '0' ? {} : await parseJsonBody(request, body)
  return Response.json(await startReconcileRunAudited(db(), me, input), { status: 202 })
})
