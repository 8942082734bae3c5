// GET /api/policy/proposals/{id}/backtest?limit= — what the proposed policy would have answered to the last 30 days of requests, against what we answered.
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { backtestProposal, type Backtest } from '@/lib/db/backtest-proposal'
import { db } from '@/lib/db/client'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
/** This route's answer, and POST /api/policy/backtest's (a draft's). */
export type BacktestResponse = Backtest
const query = z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(1_000) })

export const GET = withErrors(async (request, { params }: { params: Promise<{ proposalId: string }> }) => {
  await requireUser(request, 'data:read')
  const { proposalId } = await params
  return Response.json(await backtestProposal(db(), proposalId, parseSearchParams(request, query)))
})
