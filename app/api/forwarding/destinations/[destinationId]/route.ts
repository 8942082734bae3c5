// PATCH /api/forwarding/destinations/{id} — edit, disable or enable (enabling sends what it held); DELETE — remove it with
// its deliveries and attempt log (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { changeDestination, destinationChange, removeDestination } from '@/lib/server/forwarding'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ destinationId: string }> }

export const PATCH = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'forwarding:manage')
  const { destinationId } = await params
  return Response.json({ destination: await changeDestination(db(), me, destinationId, await parseJsonBody(request, destinationChange)) })
})

export const DELETE = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'forwarding:manage')
  await removeDestination(db(), me, (await params).destinationId)
  return new Response(null, { status: 204 })
})
