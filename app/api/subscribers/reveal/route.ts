// POST /api/subscribers/reveal {telephoneNumber} — one subscriber record with its CPNI in clear (operator; each reveal audited; never the PIN).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { revealSubscriber, revealSubscriberInput } from '@/lib/db/subscribers'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export type RevealResponse = Awaited<ReturnType<typeof revealSubscriber>>

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'cpni:reveal')
  const { telephoneNumber } = await parseJsonBody(request, revealSubscriberInput)
  return Response.json(await revealSubscriber(db(), me, telephoneNumber), { headers: { 'Cache-Control': 'no-store' } })
})
