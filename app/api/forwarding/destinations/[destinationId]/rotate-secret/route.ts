// POST /api/forwarding/destinations/{id}/rotate-secret {finish?} — a new signing secret (shown once) signs alongside the
// old one; {finish: true} stops signing with the old one (admin, audited).
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { rotateDestinationSecret } from '@/lib/server/forwarding'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ destinationId: string }> }
const input = z.object({ finish: z.boolean().default(false) })

export const POST = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'forwarding:manage')
  const { finish } = await parseJsonBody(request, input)
  return Response.json(await rotateDestinationSecret(db(), me, (await params).destinationId, finish))
})
