// Forwarding (issue 17): normalised events handed on to other systems. The outbox jobs (a transition, a note, an
// event, a port-out decision), after the commit and so never before Bandwidth's answer, shape the event
// (lib/forwarding) and plan a delivery per destination that wants it; forward.send signs it per Standard Webhooks
// (both secrets during a rotation), sends it through the URL guard without following redirects, logs the attempt and
// reschedules it on Svix's schedule. A destination whose delivery used up the schedule (27.6 h) without one success
// since is disabled and raises a forwarding.disabled issue. Secrets are sealed, shown once, never logged.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { config } from '../config'
import type { AuditActor } from '../db/audit'
import type { Connections } from '../db/client'
import {
  claimForwardDelivery,
  countForwardDeliveries,
  deleteDestination,
  getDestinationRow,
  getForwardEvent,
  getRawBody,
  insertDestination,
  listDestinationRows,
  FORWARD_ATTEMPT_RETENTION_DAYS,
  listForwardEventsInRange,
  purgeForwardAttempts,
  planForwardDeliveries,
  recordForwardAttempt,
  releaseHeldDeliveries,
  replayForwardDelivery,
  replayForwardEvents,
  updateDestination,
  type DestinationRow,
} from '../db/forwarding'
import { AppError } from '../app-error'
import { buildForwardBody, FORWARD_EVENT_TYPES, type ShapedEvent } from '../forwarding/forward-events'
import { destinationWants } from '../forwarding/match-destination'
import { nextRetryDelayMs, parseRetrySchedule, SVIX_RETRY_DELAYS_MS } from '../forwarding/retry-schedule'
import { newSigningSecret, sendSignedWebhook } from '../integrations/http/send-signed-webhook'
import type { ForwardSendPayload } from '../jobs/job-kinds'
import { signalJobsEnqueued } from '../jobs/job-signal'
import { reportFinding } from './issue-signals-from-outbox'
import { metrics } from './metrics'
import { openSecret, sealSecret } from './secret-box'

/** Svix's worker timeout is 15 s; an answer slower than that counts as failed. */
const SEND_TIMEOUT_MS = 15_000
/** The start of a response kept in the attempt log. */
const RESPONSE_KEPT_CHARS = 500

export function retrySchedule(): readonly number[] {
  const text = config().PORTWATCH_FORWARDING_RETRY_SCHEDULE
  const parsed = text ? parseRetrySchedule(text) : null
  return parsed?.ok ? parsed.delays : SVIX_RETRY_DELAYS_MS
}

// ---------------------------------------------------------------------------------------------
// Destinations as admins see and change them

const list = (max: number, item: z.ZodString) => z.array(item).max(max).default([])
export const destinationInput = z.object({
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  eventTypes: z.array(z.enum(FORWARD_EVENT_TYPES)).min(1, 'choose at least one event type').max(FORWARD_EVENT_TYPES.length),
  orderTypes: list(50, z.string().trim().toLowerCase().min(1).max(60)),
  statuses: list(50, z.string().trim().min(1).max(60)),
  includeRaw: z.boolean().default(false),
})
export type DestinationInput = z.infer<typeof destinationInput>
export const destinationChange = destinationInput.partial().extend({ enabled: z.boolean().optional() })

const aad = (id: string) => `forward-destination:${id}`
const openSecrets = (d: DestinationRow) => JSON.parse(openSecret(d.sealedSecrets, aad(d.id))) as string[]

export function toDestinationDto(d: DestinationRow, counts: Record<string, number> = {}) {
  return {
    id: d.id,
    name: d.name,
    url: d.url,
    eventTypes: d.eventTypes,
    orderTypes: d.orderTypes,
    statuses: d.statuses,
    includeRaw: d.includeRaw,
    enabled: d.enabled,
    disabledReason: d.disabledReason,
    /** Two secrets sign while a rotation is under way. */
    rotating: openSecrets(d).length > 1,
    failingSince: d.failingSince?.toISOString() ?? null,
    lastSuccessAt: d.lastSuccessAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    deliveries: { pending: counts.pending ?? 0, delivered: counts.delivered ?? 0, failed: counts.failed ?? 0, held: counts.held ?? 0 },
  }
}
export type DestinationDto = ReturnType<typeof toDestinationDto>

export async function listDestinations(c: Connections): Promise<DestinationDto[]> {
  const [rows, counts] = await Promise.all([listDestinationRows(c), countForwardDeliveries(c)])
  return rows.map((d) => toDestinationDto(d, counts.get(d.id)))
}

/** A new destination and its signing secret, shown once in this answer and never again. */
export async function createDestination(c: Connections, actor: AuditActor, input: DestinationInput) {
  const id = randomUUID()
  const signingSecret = newSigningSecret()
  await insertDestination(c, actor, { id, ...input, sealedSecrets: sealSecret(JSON.stringify([signingSecret]), aad(id)) })
  return { destination: toDestinationDto(await getDestinationRow(c, id)), signingSecret }
}

/** Edits settings, or enables/disables; enabling sends what was held and resolves the destination's issue. */
export async function changeDestination(c: Connections, actor: AuditActor, id: string, change: z.infer<typeof destinationChange>) {
  const before = await getDestinationRow(c, id)
  await updateDestination(c, actor, id, change)
  if (change.enabled === true && !before.enabled) {
    const released = await releaseHeldDeliveries(c, id)
    if (released > 0) signalJobsEnqueued()
    await reportFinding(c, {
      ...findingSubject(before),
      holds: false,
      at: new Date(),
      sourceKey: `forwarding:${id}:enabled:${randomUUID()}`,
      detail: `enabled again by ${actor?.email ?? 'an admin'}; ${released} held deliveries sent`,
    })
  }
  return toDestinationDto(await getDestinationRow(c, id))
}

export async function removeDestination(c: Connections, actor: AuditActor, id: string): Promise<void> {
  const before = await getDestinationRow(c, id)
  await deleteDestination(c, actor, id)
  await reportFinding(c, {
    ...findingSubject(before),
    holds: false,
    at: new Date(),
    sourceKey: `forwarding:${id}:deleted`,
    detail: 'the destination was deleted',
  })
}

/**
 * A rotation: a new secret signs alongside the current one (receivers see both signatures and may switch at their
 * pace); `finish` drops the old one. The new secret is shown once, in this answer.
 */
export async function rotateDestinationSecret(c: Connections, actor: AuditActor, id: string, finish: boolean) {
  const d = await getDestinationRow(c, id)
  const secrets = openSecrets(d)
  if (finish) {
    if (secrets.length < 2) throw new AppError('conflict', 'no rotation is under way')
    await updateDestination(c, actor, id, { sealedSecrets: sealSecret(JSON.stringify([secrets[0]]), aad(id)) }, 'forwarding.secret.finish')
    return { destination: toDestinationDto(await getDestinationRow(c, id)) }
  }
  const signingSecret = newSigningSecret()
  await updateDestination(
    c,
    actor,
    id,
    { sealedSecrets: sealSecret(JSON.stringify([signingSecret, secrets[0]]), aad(id)) },
    'forwarding.secret.rotate',
  )
  return { destination: toDestinationDto(await getDestinationRow(c, id)), signingSecret }
}

const findingSubject = (d: { id: string; name: string }) => ({
  kind: 'forwarding.disabled' as const,
  subjectKey: `destination:${d.id}`,
  subjectLabel: `forwarding destination "${d.name}"`,
})

// ---------------------------------------------------------------------------------------------
// From the outbox: an event, planned for the destinations that want it

/**
 * Plans the event for every destination that wants it (each once). `probe` is what the outbox entry already says
 * (type, order type, status), so the event's record is read only when some destination could want it.
 */
export async function forwardEvent(
  c: Connections,
  probe: Pick<ShapedEvent, 'type' | 'orderType' | 'status'>,
  load: () => Promise<ShapedEvent | null>,
): Promise<string> {
  const candidates = (await listDestinationRows(c)).filter((d) => destinationWants(d, probe))
  if (candidates.length === 0) return 'forwarded nowhere'
  const e = await load()
  if (!e) return 'forwarded nowhere (its record is gone)'
  const wanting = candidates.filter((d) => destinationWants(d, e))
  if (wanting.length === 0) return 'forwarded nowhere'
  const { created } = await planForwardDeliveries(
    c,
    e,
    wanting.map((d) => ({ id: d.id, enabled: d.enabled })),
  )
  if (created.length > 0) signalJobsEnqueued()
  return `forwarded to ${created.length} destination(s)`
}

// ---------------------------------------------------------------------------------------------
// forward.send: one attempt

export async function sendForwardDelivery(c: Connections, p: ForwardSendPayload): Promise<string> {
  const claim = await claimForwardDelivery(c, p.deliveryId, p.token)
  if (!claim.ok) return `not sent: ${claim.reason}`
  const d = claim.delivery
  const [destination, event] = await Promise.all([getDestinationRow(c, d.destinationId), getForwardEvent(c, d.eventId)])
  if (!event) throw new Error(`forward event ${d.eventId} is not stored`)
  const raw = destination.includeRaw ? await getRawBody(c, event.deliveryId) : undefined
  const startedAt = new Date()
  const started = performance.now()
  const result = await sendSignedWebhook({
    url: destination.url,
    secret: openSecrets(destination),
    payload: buildForwardBody(event, raw),
    messageId: d.id,
    timeoutMs: SEND_TIMEOUT_MS,
  })
  const latencyMs = Math.round(performance.now() - started)
  const failedAttempts = d.attempts + 1
  const delay = result.ok ? null : nextRetryDelayMs(failedAttempts, retrySchedule())
  const recorded = await recordForwardAttempt(
    c,
    d,
    {
      ok: result.ok,
      status: result.response?.status ?? null,
      responseBody: result.response?.body.slice(0, RESPONSE_KEPT_CHARS) ?? null,
      error: result.ok ? null : result.reason.slice(0, 500),
      latencyMs,
      startedAt,
      trigger: p.trigger ?? 'schedule',
    },
    delay === null ? null : new Date(Date.now() + delay),
  )
  metrics().forwardingAttempts.inc({
    result: result.ok ? 'delivered' : result.response ? 'http_error' : result.reason.startsWith('refused:') ? 'refused' : 'network_error',
  })
  if (recorded.next || recorded.state === 'pending') signalJobsEnqueued()
  if (recorded.disabled)
    await reportFinding(c, {
      ...findingSubject(destination),
      holds: true,
      at: new Date(),
      sourceKey: `forwarding:${d.id}:${failedAttempts}:disabled`,
      detail: `disabled: every attempt to deliver ${event.type} ${event.id} failed (last: ${result.ok ? '' : result.reason.slice(0, 200)}), with no success in between`,
    })
  const line = `${event.type} ${event.id} to "${destination.name}", attempt ${failedAttempts}: `
  if (result.ok) return `${line}delivered (${result.response.status}, ${latencyMs} ms)`
  if (recorded.state === 'pending') return `${line}${result.reason}; next attempt in ${delay} ms`
  return `${line}${result.reason}; given up${recorded.disabled ? ', destination disabled' : ''}`
}

// ---------------------------------------------------------------------------------------------
// Replay

export async function replayDelivery(c: Connections, deliveryId: string): Promise<void> {
  const d = await c.prisma.forwardDelivery.findUnique({ where: { id: deliveryId }, select: { destinationId: true } })
  if (!d) throw new AppError('not_found', 'no such forwarded delivery')
  await assertEnabled(c, d.destinationId)
  await replayForwardDelivery(c, deliveryId)
  signalJobsEnqueued()
}

export const replayInput = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    types: z.array(z.enum(FORWARD_EVENT_TYPES)).max(FORWARD_EVENT_TYPES.length).default([]),
  })
  .refine((r) => new Date(r.from) < new Date(r.to), 'from must be before to')

/** At most this many events in one replay request (a bigger range: replay it in parts). */
export const REPLAY_LIMIT = 5_000
const REPLAY_BATCH = 200

/**
 * Replays the events of a time range that this destination wants (its event types and filters, narrowed to `types`):
 * a delivered one is sent again with its webhook-id, one it never had gets a delivery; each order's in order.
 */
export async function replayRange(c: Connections, destinationId: string, r: z.infer<typeof replayInput>) {
  const destination = await assertEnabled(c, destinationId)
  const events = await listForwardEventsInRange(c, { from: new Date(r.from), to: new Date(r.to), types: r.types }, REPLAY_LIMIT + 1)
  if (events.length > REPLAY_LIMIT)
    throw new AppError('bad_request', `more than ${REPLAY_LIMIT} events in this range: replay a shorter one`)
  const wanted = events.filter((e) => destinationWants(destination, e)).map((e) => e.id)
  let replayed = 0
  let added = 0
  for (let i = 0; i < wanted.length; i += REPLAY_BATCH) {
    const done = await replayForwardEvents(c, destination, wanted.slice(i, i + REPLAY_BATCH))
    replayed += done.replayed
    added += done.added
  }
  if (wanted.length > 0) signalJobsEnqueued()
  return { matched: wanted.length, replayed, added }
}

async function assertEnabled(c: Connections, destinationId: string): Promise<DestinationRow> {
  const destination = await getDestinationRow(c, destinationId)
  if (!destination.enabled) throw new AppError('conflict', 'the destination is disabled: enable it first (that sends what it holds)')
  return destination
}

/** The attempt log's own retention: everything older than FORWARD_ATTEMPT_RETENTION_DAYS, in batches. */
export async function purgeOldForwardAttempts(c: Connections, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - FORWARD_ATTEMPT_RETENTION_DAYS * 86_400_000)
  let total = 0
  for (let n = -1; n !== 0 && total < 100_000; total += n) n = await purgeForwardAttempts(c, before, 500)
  return total
}
