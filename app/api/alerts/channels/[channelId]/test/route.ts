// POST /api/alerts/channels/{id}/test — "Send a test alert": one delivery through the job runner, in the channel's log (admin).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { sendTestAlert } from '@/lib/server/dispatch-issue-alert'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request, { params }: { params: Promise<{ channelId: string }> }) => {
  await requireUser(request, 'alerts:manage')
  return Response.json(await sendTestAlert(db(), (await params).channelId), { status: 202 })
})
