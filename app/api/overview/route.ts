// GET /api/overview — counts by type and status, orders needing attention, stuck orders, latest activity, notifications per day, quiet-time warning, unhealthy Bandwidth subscriptions, open issues by kind, missed notifications the reconciler recovered.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getOverview } from '@/lib/db/get-overview'
import { countActiveIssues } from '@/lib/db/issues'
import { listMissedNotificationGroups } from '@/lib/db/reconciliation'
import { getAppSettings } from '@/lib/db/settings'
import { withErrors } from '@/lib/http/with-errors'
import { getUnhealthySubscriptions } from '@/lib/server/bandwidth-subscriptions'

export const dynamic = 'force-dynamic'
export type OverviewResponse = Awaited<ReturnType<typeof getOverview>> & {
  /** The latest scheduled (or page) check of Bandwidth's subscriptions: its unhealthy or expiring items. */
  subscriptions: Awaited<ReturnType<typeof getUnhealthySubscriptions>>
  issues: Awaited<ReturnType<typeof countActiveIssues>>
  /** States the reconciler recovered in the last 7 days, by the subscription that should have brought them and day. */
  missedNotifications: Awaited<ReturnType<typeof listMissedNotificationGroups>>
}

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  const [overview, subscriptions, issues, missedNotifications] = await Promise.all([
    getOverview(db(), await getAppSettings(db())),
    getUnhealthySubscriptions(db()),
    countActiveIssues(db()),
    listMissedNotificationGroups(db(), new Date(Date.now() - 7 * 86_400_000)),
  ])
  return Response.json({ ...overview, subscriptions, issues, missedNotifications } satisfies OverviewResponse)
})
