// POST /api/settings/retention/purge — queue a retention purge now (admin, audited); 202: the job runner does it.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { queuePurgeNow } from '@/lib/server/retention'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'settings:write')
  await queuePurgeNow(db(), me)
  return Response.json({ queued: true }, { status: 202 })
})
