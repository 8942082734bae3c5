// GET /api/portouts/{id} — one port-out request with the rules that fired and the exact response XML we sent.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getPortoutRequest } from '@/lib/db/list-portout-requests'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const GET = withErrors(async (request, { params }: { params: Promise<{ requestId: string }> }) => {
  await requireUser(request, 'data:read')
  const { requestId } = await params
  return Response.json(await getPortoutRequest(db(), requestId))
})
