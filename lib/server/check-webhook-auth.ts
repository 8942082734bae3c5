// Whether a webhook request carries a pair we accept. The lookup of the accepted pairs (lib/db/webhook-credentials.ts)
// is behind this service; the HTTP parts (reading the header, the challenge) are lib/http's.
import { config } from '../config'
import { db } from '../db/client'
import { acceptedCredentials, getWebhookCredentials, type WebhookEndpoint } from '../db/webhook-credentials'
import { basicAuthChallenge, matchesAnyCredential, parseBasicAuthorization } from '../http/basic-auth'
import { WEBHOOK_REALM } from '../http/receive-webhook'
import { metrics } from './metrics'

export type WebhookAuth = { ok: true } | { ok: false; challenge: Response }

/** A request without valid credentials gets the 401 challenge and nothing of it is stored. */
export async function checkWebhookAuth(request: Request, endpoint: WebhookEndpoint): Promise<WebhookAuth> {
  const given = parseBasicAuthorization(request.headers.get('authorization'))
  if (given) {
    const creds = await getWebhookCredentials(db(), endpoint, config())
    if (matchesAnyCredential(given, acceptedCredentials(creds))) return { ok: true }
  }
  // Bandwidth's first try carries no credentials by design (it waits for the challenge): counted apart from wrong ones.
  metrics().webhookAuthFailures.inc({ endpoint, credentials: given ? 'wrong' : 'none' })
  return { ok: false, challenge: basicAuthChallenge(WEBHOOK_REALM) }
}
