// GET /api/overview — counts by type and status, orders needing attention, stuck orders, latest activity, notifications per day, quiet-time warning.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getOverview } from '@/lib/db/get-overview'
import { getAppSettings } from '@/lib/db/settings'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type OverviewResponse = Awaited<ReturnType<typeof getOverview>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json(await getOverview(db(), await getAppSettings(db())))
})
