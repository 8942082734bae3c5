// GET /api/events — every notification (order steps and events), newest first: filters kind, type, status, number, from, to; keyset cursor.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { listNotifications, listNotificationsQuery } from '@/lib/db/list-notifications'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type EventsResponse = Awaited<ReturnType<typeof listNotifications>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json(await listNotifications(db(), parseSearchParams(request, listNotificationsQuery)))
})
