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
 * A request without valid credentials gets the 401 challenge and nothing of it is stored. One with wrong
 * credentials is counted per source address and username given (the auth-failure spike issue reads it); one with
 * no Authorization at all is the first half of Basic auth's challenge (Bandwidth asks that way first), not a failure.
 */
export async function checkWebhookAuth(request: Request, endpoint: WebhookEndpoint): Promise<WebhookAuth> {
  const header = request.headers.get('authorization')
  const given = parseBasicAuthorization(header)
  if (given) {
    const creds = await getWebhookCredentials(db(), endpoint, config())
    if (matchesAnyCredential(given, acceptedCredentials(creds))) return { ok: true }
  }
  if (header !== null) {
    // Counting must never cost the caller its answer.
    const username = given ? given.username : '(not Basic credentials)'
    await recordWebhookAuthFailure(db(), { address: clientAddress(request), username, at: new Date() }).catch((error: Error) =>
      console.error(`[webhook] could not count a failed sign-in: ${error.message}`),
    )
  }
  return { ok: false, challenge: basicAuthChallenge(WEBHOOK_REALM) }
}
