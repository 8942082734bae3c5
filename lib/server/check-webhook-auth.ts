// Whether a webhook request carries a pair we accept. The accepted pairs come from memory
// (lib/server/responder-memory.ts, refreshed in the background), never from a read on the request's path, so a
// hung database cannot hold the answer; the HTTP parts (reading the header, the challenge) are lib/http's.
import type { WebhookEndpoint } from '../db/webhook-credentials'
import { acceptedCredentials } from '../db/webhook-credentials'
import { db } from '../db/client'
import { recordWebhookAuthFailure } from '../db/webhook-auth-failures'
import { basicAuthChallenge, findMatchingCredential, parseBasicAuthorization } from '../http/basic-auth'
import { clientAddress } from '../http/client-address'
import { WEBHOOK_REALM } from '../http/receive-webhook'
import { metrics } from './metrics'
import { knownWebhookCredentials } from './responder-memory'

/**
 * `unverified`: the request carries a pair but this process has never read the stored pairs (the database was away
 * since it started), so it can be neither accepted nor refused. The port-out responder answers it with the fallback
 * (fail closed: a 401 would let the port through); the notifications receiver with a 503.
 */
export type WebhookAuth =
  | { ok: true; /** the pair that matched: kept on the delivery (Delivery.authUsername) */ username: string }
  | { ok: false; challenge: Response }
  | { ok: 'unverified'; reason: string }

/**
 * A request without valid credentials gets the 401 challenge and nothing of it is stored; one with a wrong pair is
 * counted per source address and username (the auth-failure spike issue reads it), off the answer's path.
 */
export function checkWebhookAuth(request: Request, endpoint: WebhookEndpoint): WebhookAuth {
  const header = request.headers.get('authorization')
  const given = parseBasicAuthorization(header)
  if (given) {
    const creds = knownWebhookCredentials(endpoint)
    if (!creds) {
      console.error(
        `[webhook] ${endpoint}: CREDENTIALS NOT VERIFIED — the stored webhook credentials were never read (the database has not answered since this process started)`,
      )
      return { ok: 'unverified', reason: 'credentials could not be verified (database unavailable)' }
    }
    // An expired previous pair is refused here, from memory, at the moment it expires (not a refresh later).
    const matched = findMatchingCredential(given, acceptedCredentials(creds, new Date()))
    if (matched) return { ok: true, username: matched.username }
  }
  // Bandwidth's first try carries no credentials by design (it waits for the challenge): counted apart from wrong ones.
  metrics().webhookAuthFailures.inc({ endpoint, credentials: given ? 'wrong' : 'none' })
  // No Authorization at all is the first half of Basic auth's challenge (Bandwidth asks that way first), not a failure.
  if (header !== null) countWrongPair(clientAddress(request), given ? given.username : '(not Basic credentials)')
  return { ok: false, challenge: basicAuthChallenge(WEBHOOK_REALM) }
}

// Counts in flight at most: with a hung database the 401 still goes at once, and memory stays bounded.
const MAX_COUNTS_IN_FLIGHT = 100
let countsInFlight = 0

/** Counted off the answer's path: never awaited, so a hung database cannot hold the 401. */
function countWrongPair(address: string, username: string): void {
  if (countsInFlight >= MAX_COUNTS_IN_FLIGHT) return
  countsInFlight++
  recordWebhookAuthFailure(db(), { address, username, at: new Date() })
    .catch((error: Error) => console.error(`[webhook] could not count a failed sign-in: ${error.message}`))
    .finally(() => countsInFlight--)
}
