// GET /api/overview — counts by type and status, orders needing attention, stuck orders, latest activity, notifications per day, quiet-time warning, open issues by kind.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getOverview } from '@/lib/db/get-overview'
import { countActiveIssues } from '@/lib/db/issues'
import { getAppSettings } from '@/lib/db/settings'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type OverviewResponse = Awaited<ReturnType<typeof getOverview>> & { issues: Awaited<ReturnType<typeof countActiveIssues>> }

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  const [overview, issues] = await Promise.all([getOverview(db(), await getAppSettings(db())), countActiveIssues(db())])
  return Response.json({ ...overview, issues } satisfies OverviewResponse)
})
