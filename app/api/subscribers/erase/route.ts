// POST /api/subscribers/erase {telephoneNumber} — a subscriber asked to be forgotten: their record (account, PIN hash,
// ZIP, name) is deleted and their port-out requests lose their CPNI; decisions stay (admin; audited, without values).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { eraseNumberCpni } from '@/lib/db/retention'
import { revealSubscriberInput } from '@/lib/db/subscribers'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'cpni:erase')
  const { telephoneNumber } = await parseJsonBody(request, revealSubscriberInput)
  return Response.json({ telephoneNumber, erased: await eraseNumberCpni(db(), me, telephoneNumber) })
})
