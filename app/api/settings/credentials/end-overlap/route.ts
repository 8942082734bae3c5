// POST /api/settings/credentials/end-overlap ?endpoint=notifications|portout [&at=ISO] — stop accepting the previous webhook
// pair now, or from `at` (an expiry) (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { endOverlapQuery, endWebhookCredentialOverlap } from '@/lib/db/webhook-credentials'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { rememberWebhookCredentials } from '@/lib/server/responder-memory'
import { secretBox } from '@/lib/server/secret-box'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'credentials:rotate')
  const { endpoint, at } = parseSearchParams(request, endOverlapQuery)
  const creds = await endWebhookCredentialOverlap(db(), me, endpoint, config(), secretBox, at === undefined ? undefined : new Date(at))
  rememberWebhookCredentials(endpoint, creds)
  return Response.json({
    source: creds.source,
    username: creds.current?.username ?? null,
    previousUsername: creds.previous?.username ?? null,
    previousExpiresAt: creds.previousExpiresAt,
  })
})
