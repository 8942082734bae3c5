// POST /api/policy/proposals/{id} — approve or reject a proposal with a comment (admin; never the proposer). Approval makes it the active policy at once.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { decideInput, decidePolicyProposal } from '@/lib/db/policy-proposals'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request, { params }: { params: Promise<{ proposalId: string }> }) => {
  const me = await requireUser(request, 'rules:approve')
  const { proposalId } = await params
  return Response.json({ proposal: await decidePolicyProposal(db(), me, proposalId, await parseJsonBody(request, decideInput)) })
})
