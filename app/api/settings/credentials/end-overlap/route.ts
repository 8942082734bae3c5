// POST /api/settings/credentials/end-overlap ?endpoint=notifications|portout — stop accepting the previous webhook pair (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { endpointQuery, endWebhookCredentialOverlap } from '@/lib/db/webhook-credentials'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { rememberWebhookCredentials } from '@/lib/server/responder-memory'
import { secretBox } from '@/lib/server/secret-box'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'credentials:rotate')
  const endpoint = parseSearchParams(request, endpointQuery).endpoint
  const creds = await endWebhookCredentialOverlap(db(), me, endpoint, config(), secretBox)
  rememberWebhookCredentials(endpoint, creds)
  return Response.json({ source: creds.source, username: creds.current?.username ?? null, previousUsername: null })
})
