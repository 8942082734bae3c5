// GET /api/bandwidth/connection — configured?, connected? (or why not), last success, last error (admin; never a secret).
// PATCH — save the account, client id/secret and hosts on Settings (admin, audited; the secret stored sealed; the environment wins).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { bandwidthSettingsInput, getConnectionStatus, saveBandwidthSettings } from '@/lib/server/bandwidth-connection'

export const dynamic = 'force-dynamic'

export const GET = withErrors(async (request) => {
  await requireUser(request, 'bandwidth:connection')
  return Response.json(await getConnectionStatus(db()), { headers: { 'Cache-Control': 'no-store' } })
})

export const PATCH = withErrors(async (request) => {
  const me = await requireUser(request, 'bandwidth:connection')
  await saveBandwidthSettings(db(), me, await parseJsonBody(request, bandwidthSettingsInput))
  return Response.json(await getConnectionStatus(db()), { headers: { 'Cache-Control': 'no-store' } })
})
