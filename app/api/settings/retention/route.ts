// GET /api/settings/retention — how long each class of data is kept, what a purge would remove now, the last purge (admin).
// The periods themselves change through PATCH /api/settings ({ "retentionDays": { … } }).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { getRetention } from '@/lib/server/retention'

export const dynamic = 'force-dynamic'
export type RetentionResponse = Awaited<ReturnType<typeof getRetention>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'settings:read')
  return Response.json(await getRetention(db()))
})
