// The port-out responder's work: decide, store, answer. Bandwidth gives us 30 s and treats no answer,
// a bad answer or a 4xx/5xx as approval, so this ALWAYS produces a 200 answer: the policy's decision,
// the stored answer for a retry, or the approved fallback when the request is unreadable or the
// database does not answer within 1.5 s.
import { createHash } from 'node:crypto'
import { buildPortoutValidationResponse } from '../bandwidth/build-portout-validation-response'
import { redactPortoutPin, WITHHELD } from '../bandwidth/redact-portout-pin'
import { parsePortoutValidationRequest, type PortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import { db } from '../db/client'
import {
  findRecentPortoutRequest,
  findSubscriberRecords,
  getActivePolicy,
  recordPortoutAnswer,
  recordPortoutRetry,
  type ActivePolicy,
} from '../db/portout-requests'
import type { ReceivedDelivery } from '../db/record-delivery'
import { buildFallbackDecision, evaluatePortoutRequest, hashPortoutPin } from '../portout/evaluate-portout-request'
import { DEFAULT_POLICY } from '../portout/portout-policy'
import { getPinSecret } from './pin-secret'

/** Bandwidth retries every 5 minutes, 8 times: 40 minutes, plus slack for its clock and ours. */
const RETRY_WINDOW_MS = 45 * 60_000
const DATABASE_DEADLINE_MS = 1_500

export type PortoutOutcome = {
  xml: string
  portable: boolean
  kind: 'decided' | 'retry' | 'fallback' | 'database-unavailable'
  requestId?: string
}

// The policy last read successfully: what the fallback comes from when the database is gone.
let lastPolicy: ActivePolicy = { version: 0, policy: DEFAULT_POLICY }

/** `body` is the decoded XML, or a reason it could not be read (too large, not UTF-8...). */
export async function answerPortoutRequest(
  received: ReceivedDelivery,
  body: { xml: string } | { problem: string },
): Promise<PortoutOutcome> {
  const started = performance.now()
  const delivery = withoutPin(received)
  try {
    return await withDeadline(decideAndStore(delivery, body, started), DATABASE_DEADLINE_MS)
  } catch (error) {
    // Loud on purpose: every answer given here was not checked against the subscriber records.
    console.error(
      `[portout] DATABASE UNAVAILABLE — answered with the fallback (${lastPolicy.policy.fallback.portable ? 'Portable=true' : `Portable=false ${lastPolicy.policy.fallback.code}`}) from policy v${lastPolicy.version}: ${error instanceof Error ? error.message : String(error)}`,
    )
    const pon = 'xml' in body ? /<PON>([^<]{1,25})<\/PON>/.exec(body.xml)?.[1] : undefined
    const decision = buildFallbackDecision(lastPolicy.policy, 'database unavailable', pon)
    return { xml: buildPortoutValidationResponse(decision), portable: decision.portable, kind: 'database-unavailable' }
  }
}

async function decideAndStore(
  delivery: ReceivedDelivery,
  body: { xml: string } | { problem: string },
  started: number,
): Promise<PortoutOutcome> {
  const c = db()
  const active = (lastPolicy = await getActivePolicy(c))
  const parsed = 'xml' in body ? parsePortoutValidationRequest(body.xml) : null
  const secret = getPinSecret()

  if (!parsed?.ok) {
    const reason = parsed ? parsed.error.reason : (body as { problem: string }).problem
    const decision = buildFallbackDecision(active.policy, reason)
    const xml = buildPortoutValidationResponse(decision)
    const requestId = await recordPortoutAnswer(c, delivery, {
      requestKey: `body:${delivery.bodySha256}`,
      pon: null,
      numbers: [],
      request: {},
      decision,
      responseXml: xml,
      policyVersion: active.version,
      latencyMs: Math.round(performance.now() - started),
      fallbackReason: reason,
    })
    return { xml, portable: decision.portable, kind: 'fallback', requestId }
  }

  const request = parsed.value
  const pinHash = request.pin === undefined ? undefined : hashPortoutPin(request.pin, secret)
  const numbers = request.e164.map((e, i) => e ?? request.telephoneNumbers[i].trim())
  const requestKey = buildRequestKey(request, pinHash, numbers)
  const previous = await findRecentPortoutRequest(c, requestKey, new Date(delivery.receivedAt.getTime() - RETRY_WINDOW_MS))
  if (previous) {
    await recordPortoutRetry(c, delivery, previous.id)
    return { xml: previous.responseXml, portable: previous.portable, kind: 'retry', requestId: previous.id }
  }

  const records = await findSubscriberRecords(c, [...new Set(request.e164.filter((e): e is string => e !== null))])
  const decision = evaluatePortoutRequest({ ...request, pinHash }, records, active.policy, { now: delivery.receivedAt })
  const xml = buildPortoutValidationResponse(decision)
  const { pin, ...withoutPin } = request
  const requestId = await recordPortoutAnswer(c, delivery, {
    requestKey,
    pon: request.pon ?? null,
    numbers, // The keyed PIN hash (never the PIN) is kept so a proposed policy can be backtested on this request.
    request: { ...withoutPin, pinGiven: pin !== undefined, pinHash: pinHash ?? null },
    decision,
    responseXml: xml,
    policyVersion: active.version,
    latencyMs: Math.round(performance.now() - started),
    fallbackReason: null,
  })
  return { xml, portable: decision.portable, kind: 'decided', requestId }
}

/** The raw log keeps the request without its PIN; a body we could not decode is not kept at all (it may hold one). */
function withoutPin(d: ReceivedDelivery): ReceivedDelivery {
  if (d.bodyEncoding !== 'utf8') return { ...d, body: `${WITHHELD}: not valid UTF-8, and it may contain a PIN`, bodyEncoding: 'utf8' }
  return { ...d, body: redactPortoutPin(d.body) }
}

/** Identity of a request for retry matching: every field, numbers sorted, the PIN only as its keyed hash. */
function buildRequestKey(r: PortoutValidationRequest, pinHash: string | undefined, numbers: string[]): string {
  const parts = [r.pon ?? null, pinHash ?? null, r.accountNumber ?? null, r.zipCode ?? null, r.subscriberName ?? null, [...numbers].sort()]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms)
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}
