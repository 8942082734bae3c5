// POST /api/settings/credentials/rotate ?endpoint=notifications|portout — new webhook pair; the old one stays accepted until the overlap is ended (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { endpointQuery, rotateWebhookCredentials } from '@/lib/db/webhook-credentials'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { rememberWebhookCredentials } from '@/lib/server/responder-memory'
import { secretBox } from '@/lib/server/secret-box'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'credentials:rotate')
  const endpoint = parseSearchParams(request, endpointQuery).endpoint
  const creds = await rotateWebhookCredentials(db(), me, endpoint, config(), secretBox)
  rememberWebhookCredentials(endpoint, creds)
  return Response.json(creds, { headers: { 'Cache-Control': 'no-store' } })
})
