// POST /api/bandwidth/connection/test — one live call to Bandwidth (the subscriptions list), answered like GET /api/bandwidth/connection (admin).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { testBandwidthConnection } from '@/lib/server/bandwidth-connection'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  await requireUser(request, 'bandwidth:connection')
  return Response.json(await testBandwidthConnection(db()), { headers: { 'Cache-Control': 'no-store' } })
})
