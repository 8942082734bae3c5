// GET /api/bandwidth/subscriptions — what Bandwidth has for the account, checked: one item per order type and event
// type Portwatch expects plus every stray subscription (viewer). Live: it reads Bandwidth's list each time.
// POST {action: create-missing | create {orderType|eventType} | repair {subscriptionId} | delete {subscriptionId} |
// move-to-current-credentials} — one fix (admin, audited). 502 with the one-line reason when Bandwidth refused it.
import { can } from '@/lib/auth/permissions'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { checkSubscriptions, runSubscriptionAction, subscriptionActionInput } from '@/lib/server/bandwidth-subscriptions'
import { getPublicBaseUrl, WEBHOOK_PATHS } from '@/lib/server/webhook-urls'

export const dynamic = 'force-dynamic'
export type SubscriptionsResponse = Awaited<ReturnType<typeof checkSubscriptions>>

export const GET = withErrors(async (request) => {
  const me = await requireUser(request, 'data:read')
  const view = await checkSubscriptions(db(), 'subscriptions.list', `${await getPublicBaseUrl()}${WEBHOOK_PATHS.notifications}`)
  // Which pair each subscription uses is shown to everyone; the webhook usernames only to those who see the credentials.
  const shown = can(me, 'settings:read')
    ? view
    : { ...view, currentUsername: null, previousUsername: null, items: view.items.map(({ username: _username, ...item }) => item) }
  return Response.json(shown, { headers: { 'Cache-Control': 'no-store' } })
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'bandwidth:subscriptions')
  const input = await parseJsonBody(request, subscriptionActionInput)
  const answer = await runSubscriptionAction(db(), me, input, `${await getPublicBaseUrl()}${WEBHOOK_PATHS.notifications}`)
  if (answer.ok) return Response.json(answer)
  return Response.json({ error: 'bandwidth', ...answer }, { status: 502 })
})
