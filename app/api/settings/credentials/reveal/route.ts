// POST /api/settings/credentials/reveal ?endpoint=notifications|portout — shows the webhook Basic-auth pair(s) to an admin; every reveal is audited.
import { requireUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { endpointQuery, revealWebhookCredentials } from '@/lib/db/webhook-credentials'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { secretBox } from '@/lib/server/secret-box'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'credentials:reveal')
  const creds = await revealWebhookCredentials(db(), me, parseSearchParams(request, endpointQuery).endpoint, config(), secretBox)
  return Response.json(creds, { headers: { 'Cache-Control': 'no-store' } })
})
