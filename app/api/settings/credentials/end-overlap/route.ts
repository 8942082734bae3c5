// POST /api/settings/credentials/end-overlap — stop accepting the previous webhook pair (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { endWebhookCredentialOverlap } from '@/lib/db/webhook-credentials'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'credentials:rotate')
  const creds = await endWebhookCredentialOverlap(db(), me, 'notifications', config())
  return Response.json({ source: creds.source, username: creds.current?.username ?? null, previousUsername: null })
})
