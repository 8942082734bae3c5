// The HTTP half of both webhook receivers: read the body within the limit, check its type and encoding,
// describe it as a delivery ready to store, and turn a refusal into its response. Only HTTP: checking the
// credentials (lib/server/check-webhook-auth.ts) and storing (lib/server/ingest-notification.ts) are services.
import { createHash, randomUUID } from 'node:crypto'
import { decodeXmlBody } from '../bandwidth/decode-xml-body'
import { config } from '../config'
import type { DeliveryProblem, ReceivedDelivery } from '../db/record-delivery'
import { BODY_TIMEOUT_MS, bodyProblem, readBodyWithLimit } from './read-body'

export const WEBHOOK_REALM = 'portwatch'
const KEPT_HEADERS = ['content-type', 'content-length', 'user-agent', 'x-forwarded-for', 'x-real-ip', 'x-request-id']
const XML_TYPES = /^(application|text)\/([\w.+-]+\+)?xml$/i
// Some HTTP clients label a body they know nothing about as octet-stream: treat it like no type at all.
const UNSPECIFIED_TYPE = 'application/octet-stream'

export type WebhookBody =
  { ok: true; delivery: ReceivedDelivery; xml: string } | { ok: false; delivery: ReceivedDelivery; problem: DeliveryProblem }

/**
 * Reads and checks the body of an authenticated request. What a problem means is the route's call. `timeoutMs`
 * bounds the body's arrival (the port-out responder passes what is left of its deadline); `authUsername` is the pair
 * that authenticated it (null when it could not be verified), stored with the delivery.
 */
export async function receiveWebhookBody(
  request: Request,
  endpoint: ReceivedDelivery['endpoint'],
  { authUsername, timeoutMs = BODY_TIMEOUT_MS }: { authUsername: string | null; timeoutMs?: number },
): Promise<WebhookBody> {
  const receivedAt = new Date()
  const limit = { bytes: config().PORTWATCH_MAX_BODY_BYTES, timeoutMs: Math.max(0, Math.round(timeoutMs)) }
  const body = await readBodyWithLimit(request, limit.bytes, { timeoutMs: limit.timeoutMs })
  const text = decodeXmlBody(body.bytes)
  const contentType = request.headers.get('content-type')
  const delivery: ReceivedDelivery = {
    id: randomUUID(),
    endpoint,
    source: 'webhook',
    receivedAt,
    contentType,
    headers: pickHeaders(request.headers),
    bodySha256: createHash('sha256').update(body.bytes).digest('hex'),
    bodySize: body.size,
    body: text.ok ? text.value : Buffer.from(body.bytes).toString('base64'),
    bodyEncoding: text.ok ? 'utf8' : 'base64',
    bodyTruncated: body.oversize || body.timedOut,
    authUsername,
  }
  const tooLargeOrSlow = bodyProblem(body, limit)
  // The rest of the body is never read, so the connection cannot be reused: close it.
  if (tooLargeOrSlow) return { ok: false, delivery, problem: { ...tooLargeOrSlow, headers: { Connection: 'close' } } }
  const mediaType = contentType?.split(';')[0].trim()
  if (mediaType && mediaType !== UNSPECIFIED_TYPE && !XML_TYPES.test(mediaType)) {
    return {
      ok: false,
      delivery,
      problem: { status: 415, reason: `Content-Type must be application/xml or text/xml, got ${mediaType.slice(0, 80)}` },
    }
  }
  if (!text.ok) return { ok: false, delivery, problem: { status: 400, reason: text.error.reason } }
  if (text.value.trim() === '') return { ok: false, delivery, problem: { status: 400, reason: 'body is empty' } }
  return { ok: true, delivery, xml: text.value }
}

/** The answer to a refused delivery (already kept, with its reason, by the service): the status and the same one-line reason. */
export function refusalResponse(deliveryId: string, problem: DeliveryProblem): Response {
  return textResponse(problem.status, problem.reason, { 'X-Portwatch-Delivery': deliveryId, ...problem.headers })
}

export function textResponse(status: number, reason: string, headers: Record<string, string> = {}): Response {
  return new Response(`${status} ${reason}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } })
}

function pickHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name)
    if (value !== null) out[name] = value.slice(0, 500)
  }
  return out
}
