// POST /api/webhooks/bandwidth/portout-validation — Bandwidth asks whether a port-out may proceed; we answer
// synchronously with a PortOutValidationResponse (always 200 once authenticated: any other status lets the port through).
import { answerPortoutRequest } from '@/lib/server/answer-portout-request'
import { receiveWebhookBody } from '@/lib/http/receive-webhook'
import { checkWebhookAuth } from '@/lib/server/check-webhook-auth'
import { metrics } from '@/lib/server/metrics'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
export const maxDuration = 30

export async function POST(request: Request): Promise<Response> {
  const started = performance.now()
  const auth = await checkWebhookAuth(request, 'portout')
  if (!auth.ok) return auth.challenge

  const received = await receiveWebhookBody(request, 'portout-validation')
  const outcome = await answerPortoutRequest(received.delivery, received.ok ? { xml: received.xml } : { problem: received.problem.reason })
  const m = metrics()
  m.portoutDecisions.inc({ kind: outcome.kind, result: outcome.portable ? 'portable' : 'denied' })
  m.portoutAnswer.observe({ kind: outcome.kind }, (performance.now() - started) / 1000)
  return new Response(outcome.xml, {
    status: 200,
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'X-Portwatch-Portout': outcome.kind,
      ...(outcome.requestId ? { 'X-Portwatch-Portout-Request': outcome.requestId } : {}),
    },
  })
}
