// POST /api/policy/backtest — a draft policy replayed on the last 30 days of requests before it is proposed (operator):
// the same answer as a proposal's backtest, so the author sees what the approver will see.
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { backtestPolicy } from '@/lib/db/backtest-proposal'
import { db } from '@/lib/db/client'
import { BODY_LIMITS } from '@/lib/http/read-body'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { policySchema } from '@/lib/portout/portout-policy'

export const dynamic = 'force-dynamic'
const input = z.object({ policy: policySchema, limit: z.number().int().min(1).max(10_000).default(1_000) })

export const POST = withErrors(async (request) => {
  await requireUser(request, 'rules:propose')
  const { policy, limit } = await parseJsonBody(request, input, BODY_LIMITS.policy)
  return Response.json(await backtestPolicy(db(), policy, { limit }))
})
