// POST /api/forwarding/destinations — add a destination; its signing secret is shown once, here (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { createDestination, destinationInput } from '@/lib/server/forwarding'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'forwarding:manage')
  return Response.json(await createDestination(db(), me, await parseJsonBody(request, destinationInput)), { status: 201 })
})
