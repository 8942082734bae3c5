// GET /api/bandwidth/calls?outcome=ok|failed&method=&trigger=&path=&limit= — the outbound call log, newest first (admin).
import { requireUser } from '@/lib/auth/session'
import { bandwidthCallsQuery, listBandwidthCalls } from '@/lib/db/bandwidth-calls'
import { db } from '@/lib/db/client'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type BandwidthCallsResponse = Awaited<ReturnType<typeof listBandwidthCalls>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'bandwidth:connection')
  return Response.json(await listBandwidthCalls(db(), parseSearchParams(request, bandwidthCallsQuery)))
})
