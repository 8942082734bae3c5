import { decodePathSegment } from '@/lib/http/decode-path-segment'
// GET /api/numbers/{tn} — one telephone number (any format) across orders and events.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { getAppSettings } from '@/lib/db/settings'
import { getNumberHistory } from '@/lib/db/get-number'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type NumberResponse = Awaited<ReturnType<typeof getNumberHistory>>

export const GET = withErrors(async (request, { params }: { params: Promise<{ tn: string }> }) => {
  await requireUser(request, 'data:read')
  const { tn } = await params
  const { stuckThresholdsHours } = await getAppSettings(db())
  return Response.json(await getNumberHistory(db(), decodePathSegment(tn), stuckThresholdsHours))
})
