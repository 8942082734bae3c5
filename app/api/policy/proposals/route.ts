// GET /api/policy/proposals — the approval queue and its history, with the active version (viewer).
// POST — propose a complete new port-out policy (operator, audited); it takes effect only once another admin approves it.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { listPolicyProposals, proposeInput, proposePolicyChange, type PolicyProposalDto } from '@/lib/db/policy-proposals'
import { getActivePolicy } from '@/lib/db/portout-requests'
import { BODY_LIMITS } from '@/lib/http/read-body'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

async function getApprovalQueue() {
  const [active, proposals] = await Promise.all([getActivePolicy(db()), listPolicyProposals(db())])
  return { active, proposals }
}
export type ProposalsResponse = Awaited<ReturnType<typeof getApprovalQueue>>
/** POST's answer, and the decide and withdraw routes' too. */
export type ProposalResponse = { proposal: PolicyProposalDto }

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json(await getApprovalQueue())
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'rules:propose')
  return Response.json(
    {
      proposal: await proposePolicyChange(db(), me, await parseJsonBody(request, proposeInput, BODY_LIMITS.policy)),
    } satisfies ProposalResponse,
    { status: 201 },
  )
})
