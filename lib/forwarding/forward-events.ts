// Pure: the events Portwatch forwards, as a versioned JSON shape (one zod schema per type; the published JSON Schema
// at GET /api/forwarding/schema and docs/forwarding-events.schema.json is derived from these), and the functions that
// shape them from what the outbox entries carry. The envelope follows Standard Webhooks' recommendation:
// { type, timestamp, data } plus our id and version; `raw` (the XML Bandwidth sent) only for destinations that ask.
import { z } from 'zod'

/** Bump when a field changes meaning or goes away; adding an optional field keeps the version. */
export const FORWARD_EVENT_VERSION = 1

export const FORWARD_EVENT_TYPES = ['order.status_changed', 'order.note_added', 'event.received', 'portout.decided'] as const
export type ForwardEventType = (typeof FORWARD_EVENT_TYPES)[number]

const order = z.object({
  id: z.string().describe("Bandwidth's order id"),
  type: z.string().describe('the order type as Bandwidth names it, e.g. portins'),
  customerOrderId: z.string().nullable(),
})
const source = z.enum(['webhook', 'reconciled', 'test']).describe('webhook: Bandwidth sent it; reconciled: recovered from its API')

export const EVENT_DATA = {
  'order.status_changed': z.object({
    order,
    from: z.string().nullable().describe("the order's status before; null for its first status"),
    to: z.string(),
    numbers: z.array(z.string()),
    source,
  }),
  'order.note_added': z.object({ order, note: z.string(), status: z.string().nullable(), source }),
  'event.received': z.object({
    eventType: z.string().describe('e.g. MESSAGING_LOST'),
    numbers: z.array(z.string()),
    source,
  }),
  'portout.decided': z.object({
    requestId: z.string(),
    pon: z.string().nullable().describe('the port-out order number'),
    portable: z.boolean(),
    errorCodes: z.array(z.string()),
    fallback: z.boolean().describe('answered by the fallback (deadline or error), not by the policy'),
    numbers: z.array(z.string()),
  }),
} as const satisfies Record<ForwardEventType, z.ZodType>

const raw = z
  .object({ contentType: z.string().nullable(), body: z.string() })
  .nullable()
  .describe('the XML Bandwidth sent, when the destination asked for it; null once retention purged it')

function envelope<T extends ForwardEventType>(type: T) {
  return z.object({
    id: z.string().describe('evt_…: one event, whichever destinations receive it'),
    type: z.literal(type),
    version: z.literal(FORWARD_EVENT_VERSION),
    timestamp: z.iso.datetime().describe('when it happened (the notification time, else its arrival)'),
    data: EVENT_DATA[type],
    raw: raw.optional(),
  })
}

export const forwardEventSchema = z.discriminatedUnion(
  'type',
  FORWARD_EVENT_TYPES.map((t) => envelope(t)) as unknown as [ReturnType<typeof envelope>, ...ReturnType<typeof envelope>[]],
)
export type ForwardEventBody = z.infer<typeof forwardEventSchema>

/** The JSON Schema (draft 2020-12) of every forwarded body. */
export function buildForwardEventJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://portwatch.dev/schemas/forwarding-event.v1.json',
    title: `Portwatch forwarded event, version ${FORWARD_EVENT_VERSION}`,
    ...z.toJSONSchema(forwardEventSchema, { target: 'draft-2020-12' }),
  }
}

/** An event as it is stored: what filters look at, and its data. */
export type ShapedEvent = {
  sourceKey: string
  type: ForwardEventType
  occurredAt: string
  orderId: string | null
  /** lower-case, e.g. "portins" */
  orderType: string | null
  status: string | null
  deliveryId: string | null
  data: unknown
}

type OrderFacts = { orderId: string; orderType: string; customerOrderId: string | null; numbers: string[]; deliveryId: string | null }
type Source = z.infer<typeof source>
const asSource = (s: string): Source => (s === 'reconciled' || s === 'test' ? s : 'webhook')

export function shapeStatusChanged(
  t: { notificationId: string; from: string | null; to: string; at: string; source: string },
  o: OrderFacts,
): ShapedEvent {
  return {
    sourceKey: `transition:${t.notificationId}`,
    type: 'order.status_changed',
    occurredAt: t.at,
    orderId: o.orderId,
    orderType: o.orderType.toLowerCase(),
    status: t.to,
    deliveryId: o.deliveryId,
    data: {
      order: { id: o.orderId, type: o.orderType, customerOrderId: o.customerOrderId },
      from: t.from,
      to: t.to,
      numbers: o.numbers,
      source: asSource(t.source),
    },
  }
}

export function shapeNoteAdded(
  n: { notificationId: string; note: string; status: string | null; at: string; source: string },
  o: OrderFacts,
): ShapedEvent {
  return {
    sourceKey: `note:${n.notificationId}`,
    type: 'order.note_added',
    occurredAt: n.at,
    orderId: o.orderId,
    orderType: o.orderType.toLowerCase(),
    status: n.status,
    deliveryId: o.deliveryId,
    data: {
      order: { id: o.orderId, type: o.orderType, customerOrderId: o.customerOrderId },
      note: n.note,
      status: n.status,
      source: asSource(n.source),
    },
  }
}

export function shapeEventReceived(
  e: { notificationId: string; eventType: string; numbers: string[]; at: string; source: string },
  deliveryId: string | null,
): ShapedEvent {
  return {
    sourceKey: `event:${e.notificationId}`,
    type: 'event.received',
    occurredAt: e.at,
    orderId: null,
    orderType: null,
    status: e.eventType,
    deliveryId,
    data: { eventType: e.eventType, numbers: e.numbers, source: asSource(e.source) },
  }
}

export function shapePortoutDecided(
  d: { requestId: string; portable: boolean; errorCodes: string[]; fallback: boolean },
  r: { pon: string | null; at: string; numbers: string[]; deliveryId: string | null },
): ShapedEvent {
  return {
    sourceKey: `portout:${d.requestId}`,
    type: 'portout.decided',
    occurredAt: r.at,
    orderId: null,
    orderType: null,
    status: d.portable ? 'portable' : 'denied',
    deliveryId: r.deliveryId,
    data: { requestId: d.requestId, pon: r.pon, portable: d.portable, errorCodes: d.errorCodes, fallback: d.fallback, numbers: r.numbers },
  }
}

/** The body sent: the envelope around the stored data, with the raw XML when the destination asked and it is still kept. */
export function buildForwardBody(
  e: { id: string; type: ForwardEventType; occurredAt: string; data: unknown },
  raw: { contentType: string | null; body: string } | null | undefined,
): ForwardEventBody {
  const body = { id: e.id, type: e.type, version: FORWARD_EVENT_VERSION, timestamp: e.occurredAt, data: e.data }
  return (raw === undefined ? body : { ...body, raw }) as ForwardEventBody
}

/** Deliveries of one order to one destination go in order; an event about no order is a chain of its own. */
export function orderKeyOf(e: { orderId: string | null }, eventId: string): string {
  return e.orderId ? `order:${e.orderId}` : `event:${eventId}`
}
