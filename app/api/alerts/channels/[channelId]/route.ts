// PATCH /api/alerts/channels/{id} {name?, enabled?} — rename, turn off or on; DELETE — remove it (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { getChannelRow, updateChannel } from '@/lib/db/alerts'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { removeChannel, toChannelDto, updateChannelInput } from '@/lib/server/alert-channels'

export const dynamic = 'force-dynamic'
type Params = { params: Promise<{ channelId: string }> }

export const PATCH = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'alerts:manage')
  const { channelId } = await params
  await updateChannel(db(), me, channelId, await parseJsonBody(request, updateChannelInput))
  return Response.json({ channel: toChannelDto(await getChannelRow(db(), channelId)) })
})

export const DELETE = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'alerts:manage')
  await removeChannel(db(), me, (await params).channelId)
  return new Response(null, { status: 204 })
})
