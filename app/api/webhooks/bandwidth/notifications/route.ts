// POST /api/webhooks/bandwidth/notifications — Bandwidth order and event notifications (XML).
// Answers exactly 200 only after the delivery and what it says are committed.
import { db } from '@/lib/db/client'
import { receiveWebhookBody, refusalResponse, textResponse } from '@/lib/http/receive-webhook'
import { checkWebhookAuth } from '@/lib/server/check-webhook-auth'
import { ingestNotification } from '@/lib/server/ingest-notification'
import { metrics } from '@/lib/server/metrics'
import { withTimeout } from '@/lib/server/with-timeout'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
// A commit takes milliseconds; the cap only bounds a stuck database on Vercel (Bandwidth does not retry these).
export const maxDuration = 30

/** How long the store may take before the answer is a 503: a hung database must not hold Bandwidth's connection. */
const STORE_DEADLINE_MS = 8_000

export async function POST(request: Request): Promise<Response> {
  const started = performance.now()
  const answer = await receive(request)
  metrics().acknowledge.observe({ status: String(answer.status) }, (performance.now() - started) / 1000)
  return answer
}

async function receive(request: Request): Promise<Response> {
  try {
    const auth = checkWebhookAuth(request, 'notifications')
    if (auth.ok === false) return auth.challenge
    if (auth.ok === 'unverified') return textResponse(503, `${auth.reason}; please retry`)

    const received = await receiveWebhookBody(request, 'notifications', { authUsername: auth.username })
    // Given up after the deadline, the store may still commit later: then a delivery answered 503 is stored (never
    // the reverse, a 200 for something not stored).
    const stored = await withTimeout(
      ingestNotification(
        db(),
        received.ok ? { delivery: received.delivery, xml: received.xml } : { delivery: received.delivery, problem: received.problem },
      ),
      STORE_DEADLINE_MS,
    )
    if (stored.outcome === 'rejected') return refusalResponse(stored.deliveryId, stored.problem)
    return new Response(null, {
      status: 200,
      headers: {
        'X-Portwatch-Delivery': stored.deliveryId,
        'X-Portwatch-Outcome': stored.outcome,
        'X-Portwatch-Notification': stored.notificationId,
      },
    })
  } catch (error) {
    // Not stored, so not acknowledged: never a 200 for something we do not have.
    console.error('[webhook] notifications: could not store the delivery:', error instanceof Error ? error.message : error)
    return textResponse(503, 'the notification could not be stored; please retry')
  }
}
