// POST /api/policy/proposals/{id}/withdraw — the proposer takes back a pending proposal (operator; only the proposer; audited, refusals too).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withdrawPolicyProposal } from '@/lib/db/policy-proposals'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request, { params }: { params: Promise<{ proposalId: string }> }) => {
  const me = await requireUser(request, 'rules:propose')
  const { proposalId } = await params
  return Response.json({ proposal: await withdrawPolicyProposal(db(), me, proposalId) })
})
