// POST /api/portouts/{id}/reveal — one port-out request's CPNI in clear: the fields it carried, the raw request and the response (operator; each reveal audited).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { revealPortoutRequest } from '@/lib/db/list-portout-requests'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type PortoutRevealResponse = Awaited<ReturnType<typeof revealPortoutRequest>>

export const POST = withErrors(async (request, { params }: { params: Promise<{ requestId: string }> }) => {
  const me = await requireUser(request, 'cpni:reveal')
  const { requestId } = await params
  return Response.json(await revealPortoutRequest(db(), me, requestId), { headers: { 'Cache-Control': 'no-store' } })
})
