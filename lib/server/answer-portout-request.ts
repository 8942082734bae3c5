// The port-out responder's work: decide, store, answer. Bandwidth gives us 30 s and treats no answer,
// a bad answer or a 4xx/5xx as approval, so this ALWAYS produces a 200 answer within ANSWER_DEADLINE_MS of the
// request's arrival: the policy's decision, the stored answer for a retry, or the approved fallback when the
// request is unreadable, its pair cannot be verified, or the database does not answer in time.
// What is stored for a request is exactly what was sent: the answer is decided first, and its store commits only if
// it wins the answer claim (sql.ts's claim) before the deadline; when the deadline wins, the fallback is sent and
// stored instead (lib/server/keep-sent-answers.ts, once the database answers), and the late store rolls back.
import { createHash, randomUUID } from 'node:crypto'
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
  type PortoutAnswer,
} from '../db/portout-requests'
import type { ReceivedDelivery } from '../db/record-delivery'
import { CLAIM_FALLBACK, newAnswerClaim, takeAnswerClaim } from '../db/sql'
import type { Result } from '../bandwidth/result'
import { buildFallbackDecision, evaluatePortoutRequest, hashPortoutPin } from '../portout/evaluate-portout-request'
import { getPinSecret } from './pin-secret'
import { keepSentAnswer } from './keep-sent-answers'
import { fallbackPolicy, rememberActivePolicy } from './responder-memory'

/** Bandwidth retries every 5 minutes, 8 times: 40 minutes, plus slack for its clock and ours. */
const RETRY_WINDOW_MS = 45 * 60_000
/** From the request's arrival to our answer, whatever the database does (the promise is 2 s; the rest is slack). */
export const ANSWER_DEADLINE_MS = 1_500
/** From the request's arrival: how long its body may take to arrive, leaving the rest of the deadline for the work. */
export const BODY_DEADLINE_MS = 1_000

export type PortoutOutcome = {
  xml: string
  portable: boolean
  kind: 'decided' | 'retry' | 'fallback' | 'database-unavailable' | 'unverified'
  requestId?: string
}

type Body = { xml: string } | { problem: string }
/** An answer ready to send and the store that makes it the stored answer. */
type Prepared = { outcome: PortoutOutcome; store: () => Promise<unknown>; evidence?: PortoutAnswer }

/**
 * `body` is the decoded XML, or a reason it could not be read (too large, too slow, not UTF-8...). `arrivedAt` is
 * performance.now() when the request arrived: the deadline counts from there, the body's arrival included.
 * `unverified`: the request's pair could not be checked (check-webhook-auth.ts): the fallback, and nothing stored.
 */
export async function answerPortoutRequest(
  received: ReceivedDelivery,
  body: Body,
  arrivedAt: number,
  unverified?: string,
): Promise<PortoutOutcome> {
  const delivery = withoutPin(received)
  const parsed = 'xml' in body ? parsePortoutValidationRequest(body.xml) : null
  if (unverified) return answerWithFallback(delivery, parsed, unverified, 'unverified', arrivedAt).outcome

  const claim = newAnswerClaim()
  let prepared: Prepared | undefined
  const deadlineAt = arrivedAt + ANSWER_DEADLINE_MS
  const work = (async () => {
    prepared = await prepareAnswer(delivery, body, parsed, arrivedAt, claim)
    // Past the deadline the answer is the fallback's already (or about to be): do not even try to store this one.
    if (performance.now() > deadlineAt) throw new Error(`no answer from the database within ${ANSWER_DEADLINE_MS} ms`)
    await prepared.store()
    return prepared.outcome
  })()
  const settled = await settleBy(work, deadlineAt)
  if (settled.ok) return settled.value

  if (takeAnswerClaim(claim, CLAIM_FALLBACK)) {
    // Loud on purpose: every answer given here was not checked against the subscriber records.
    const reason = 'database unavailable'
    const fallback = answerWithFallback(delivery, parsed, reason, 'database-unavailable', arrivedAt)
    console.error(`[portout] DATABASE UNAVAILABLE — ${fallback.logLine}: ${describe(settled.error)}`)
    keepSentAnswer(delivery, fallback.evidence, fallback.id)
    return fallback.outcome
  }
  // The store claimed the answer before the deadline (its commit is in flight or failed after the claim): that
  // answer is the one to send, and if its commit did not happen it is stored again until it is.
  const { outcome, evidence } = prepared!
  work.catch((error: unknown) => {
    console.error(`[portout] the store of answer ${outcome.requestId} failed after it was claimed: ${describe(error)}; storing it again`)
    if (evidence) keepSentAnswer(delivery, evidence, outcome.requestId!)
  })
  return outcome
}

/** Reads what the decision needs, decides, and returns the answer with the store that makes it the stored one. */
async function prepareAnswer(
  delivery: ReceivedDelivery,
  body: Body,
  parsed: Result<PortoutValidationRequest> | null,
  started: number,
  claim: Int32Array,
): Promise<Prepared> {
  const c = db()
  const active = await getActivePolicy(c)
  rememberActivePolicy(active)
  const secret = getPinSecret()
  const id = randomUUID()

  if (!parsed?.ok) {
    const reason = parsed ? parsed.error.reason : (body as { problem: string }).problem
    const decision = buildFallbackDecision(active.policy, reason)
    const xml = buildPortoutValidationResponse(decision)
    const evidence: PortoutAnswer = {
      requestKey: `body:${delivery.bodySha256}`,
      pon: null,
      numbers: [],
      request: {},
      decision,
      responseXml: xml,
      policyVersion: active.version,
      latencyMs: Math.round(performance.now() - started),
      fallbackReason: reason,
    }
    return {
      outcome: { xml, portable: decision.portable, kind: 'fallback', requestId: id },
      store: () => recordPortoutAnswer(c, delivery, evidence, { id, claim }),
      evidence,
    }
  }

  const request = parsed.value
  const pinHash = request.pin === undefined ? undefined : hashPortoutPin(request.pin, secret)
  const numbers = request.e164.map((e, i) => e ?? request.telephoneNumbers[i].trim())
  const requestKey = buildRequestKey(request, pinHash, numbers)
  const previous = await findRecentPortoutRequest(c, requestKey, new Date(delivery.receivedAt.getTime() - RETRY_WINDOW_MS))
  if (previous) {
    return {
      outcome: { xml: previous.responseXml, portable: previous.portable, kind: 'retry', requestId: previous.id },
      store: () => recordPortoutRetry(c, delivery, previous.id, { claim }),
    }
  }

  const records = await findSubscriberRecords(c, [...new Set(request.e164.filter((e): e is string => e !== null))])
  const decision = evaluatePortoutRequest({ ...request, pinHash }, records, active.policy, { now: delivery.receivedAt })
  const xml = buildPortoutValidationResponse(decision)
  const evidence: PortoutAnswer = {
    requestKey,
    pon: request.pon ?? null,
    numbers, // The keyed PIN hash (never the PIN) is kept so a proposed policy can be backtested on this request.
    request: requestWithoutPin(request, pinHash),
    decision,
    responseXml: xml,
    policyVersion: active.version,
    latencyMs: Math.round(performance.now() - started),
    fallbackReason: null,
  }
  return {
    outcome: { xml, portable: decision.portable, kind: 'decided', requestId: id },
    store: () => recordPortoutAnswer(c, delivery, evidence, { id, claim }),
    evidence,
  }
}

/**
 * The fallback from memory (never the database): the approved policy's as last refreshed, or the built-in
 * Portable=false when none was ever read. Its evidence row is keyed to this delivery only (`unavailable:<id>`), so
 * Bandwidth's next attempt is decided afresh once the database answers instead of getting an outage's answer for 45 minutes.
 */
function answerWithFallback(
  delivery: ReceivedDelivery,
  parsed: Result<PortoutValidationRequest> | null,
  reason: string,
  kind: 'database-unavailable' | 'unverified',
  started: number,
): { outcome: PortoutOutcome; evidence: PortoutAnswer; id: string; logLine: string } {
  const { active, source } = fallbackPolicy()
  const request = parsed?.ok ? parsed.value : undefined
  const decision = buildFallbackDecision(active.policy, reason, request?.pon)
  const xml = buildPortoutValidationResponse(decision)
  const id = randomUUID()
  const evidence: PortoutAnswer = {
    requestKey: `unavailable:${id}`,
    pon: request?.pon ?? null,
    numbers: request ? request.e164.map((e, i) => e ?? request.telephoneNumbers[i].trim()) : [],
    request: request ? requestWithoutPin(request, null) : {},
    decision,
    responseXml: xml,
    policyVersion: source === 'approved' ? active.version : null,
    latencyMs: Math.round(performance.now() - started),
    fallbackReason: reason,
  }
  const answer = decision.portable ? 'Portable=true' : `Portable=false ${decision.errors[0]?.code}`
  const from = source === 'approved' ? `approved policy v${active.version}` : 'the built-in fallback (no policy was ever read)'
  return {
    outcome: { xml, portable: decision.portable, kind, ...(kind === 'database-unavailable' ? { requestId: id } : {}) },
    evidence,
    id,
    logLine: `answered with the fallback (${answer}) from ${from}`,
  }
}

function requestWithoutPin(request: PortoutValidationRequest, pinHash: string | null | undefined): Record<string, unknown> {
  const { pin, ...rest } = request
  return { ...rest, pinGiven: pin !== undefined, pinHash: pinHash ?? null }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The work's result if it settles by `deadlineAt` (performance.now() time), else a timeout error. */
async function settleBy<T>(work: Promise<T>, deadlineAt: number): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<{ ok: false; error: unknown }>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: new Error(`no answer from the database within ${ANSWER_DEADLINE_MS} ms`) }),
      Math.max(0, deadlineAt - performance.now()),
    )
  })
  const done = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  )
  try {
    return await Promise.race([done, late])
  } finally {
    clearTimeout(timer)
  }
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
