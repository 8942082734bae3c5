// POST /api/webhooks/bandwidth/portout-validation — Bandwidth asks whether a port-out may proceed; we answer
// synchronously with a PortOutValidationResponse: always 200 once a pair is given (any other status lets the port
// through), within ANSWER_DEADLINE_MS (1.5 s) of the request's arrival whatever the database does (answer-portout-request.ts).
import { receiveWebhookBody } from '@/lib/http/receive-webhook'
import { answerPortoutRequest, BODY_DEADLINE_MS } from '@/lib/server/answer-portout-request'
import { checkWebhookAuth } from '@/lib/server/check-webhook-auth'
import { metrics } from '@/lib/server/metrics'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
export const maxDuration = 30

export async function POST(request: Request): Promise<Response> {
  // The deadline starts now: the pair is checked from memory, the body's arrival and the work are bounded by it.
  const arrivedAt = performance.now()
  const auth = checkWebhookAuth(request, 'portout')
  if (auth.ok === false) return auth.challenge

  const received = await receiveWebhookBody(request, 'portout-validation', {
    authUsername: auth.ok === true ? auth.username : null,
    timeoutMs: arrivedAt + BODY_DEADLINE_MS - performance.now(),
  })
  const outcome = await answerPortoutRequest(
    received.delivery,
    received.ok ? { xml: received.xml } : { problem: received.problem.reason },
    arrivedAt,
    auth.ok === 'unverified' ? auth.reason : undefined,
  )
  const m = metrics()
  m.portoutDecisions.inc({ kind: outcome.kind, result: outcome.portable ? 'portable' : 'denied' })
  m.portoutAnswer.observe({ kind: outcome.kind }, (performance.now() - arrivedAt) / 1000)
  return new Response(outcome.xml, {
    status: 200,
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'X-Portwatch-Portout': outcome.kind,
      ...(outcome.requestId ? { 'X-Portwatch-Portout-Request': outcome.requestId } : {}),
    },
  })
}
