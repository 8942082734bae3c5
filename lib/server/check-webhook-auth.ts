// Whether a webhook request carries a pair we accept. The lookup of the accepted pairs (lib/db/webhook-credentials.ts)
// is behind this service; the HTTP parts (reading the header, the challenge) are lib/http's.
import { config } from '../config'
import { db } from '../db/client'
import { acceptedCredentials, getWebhookCredentials, type WebhookEndpoint } from '../db/webhook-credentials'
import { recordWebhookAuthFailure } from '../db/webhook-auth-failures'
import { basicAuthChallenge, matchesAnyCredential, parseBasicAuthorization } from '../http/basic-auth'
import { clientAddress } from '../http/client-address'
import { WEBHOOK_REALM } from '../http/receive-webhook'

export type WebhookAuth = { ok: true } | { ok: false; challenge: Response }

/**
 * A request without valid credentials gets the 401 challenge and nothing of it is stored but a count per source
 * address and username given (the auth-failure spike issue reads it).
 */
export async function checkWebhookAuth(request: Request, endpoint: WebhookEndpoint): Promise<WebhookAuth> {
  const given = parseBasicAuthorization(request.headers.get('authorization'))
  if (given) {
    const creds = await getWebhookCredentials(db(), endpoint, config())
    if (matchesAnyCredential(given, acceptedCredentials(creds))) return { ok: true }
  }
  // Counting must never cost the caller its answer.
  await recordWebhookAuthFailure(db(), { address: clientAddress(request), username: given?.username ?? '', at: new Date() }).catch(
    (error: Error) => console.error(`[webhook] could not count a failed sign-in: ${error.message}`),
  )
  return { ok: false, challenge: basicAuthChallenge(WEBHOOK_REALM) }
}
