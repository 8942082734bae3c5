// POST /api/alerts/channels — add a channel: email (SMTP), slack (webhookUrl), pagerduty (routingKey), webhook (url).
// Secrets are sealed at rest and never returned; a webhook channel's signing secret is shown once, here (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { createChannel, createChannelInput } from '@/lib/server/alert-channels'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'alerts:manage')
  return Response.json(await createChannel(db(), me, await parseJsonBody(request, createChannelInput)), { status: 201 })
})
