import { parseXmlElement, readTelephoneNumbers, readText, type XmlElement } from './parse-xml-document'
import { fail, ok, type Result } from './result'

/** A `<Notification>` about one of our orders (OrderType/OrderId). */
export type OrderNotification = {
  kind: 'order'
  subscriptionId?: string
  orderType: string
  /** OrderType lower-cased: Bandwidth spells the same type several ways (§9.9 of the spec). */
  orderTypeKey: string
  orderId: string
  customerOrderId?: string
  /** Upper-cased; absent on note-only notifications. */
  status?: string
  message?: string
  /** The leading `NNNN:` of message, e.g. "7513" for "7513: PIN Invalid". */
  errorCode?: string
  note?: string
  /** CompletedTelephoneNumbers (and ImpactedTelephoneNumbers if present), as received. */
  numbers: string[]
  lastModifiedDate?: Date
  actualFocDate?: Date
}

/** A `<Notification>` about an event (EventType), e.g. MESSAGING_LOST. */
export type EventNotification = {
  kind: 'event'
  subscriptionId?: string
  eventType: string
  /** ImpactedTelephoneNumbers, or CompletedTelephoneNumbers in the RAML variant; as received. */
  numbers: string[]
}

export type Notification = OrderNotification | EventNotification

const MAX_ID_LENGTH = 100
const ID_PATTERN = /^[\w.:-]+$/
const ERROR_CODE = /^\s*(\d{3,6})\s*:\s*/

/** Parses a body POSTed to the notifications URL. Never throws on bad input. */
export function parseNotification(xml: string): Result<Notification> {
  const root = parseXmlElement(xml, 'Notification')
  if (!root.ok) return root
  const el = root.value
  const fields = readFields(el, [
    'SubscriptionId',
    'OrderType',
    'OrderId',
    'EventType',
    'CustomerOrderId',
    'Status',
    'Message',
    'Note',
    'LastModifiedDate',
    'ActualFocDate',
  ])
  if (!fields.ok) return fields
  const f = fields.value

  const completed = readTelephoneNumbers(el, 'CompletedTelephoneNumbers')
  if (!completed.ok) return completed
  const impacted = readTelephoneNumbers(el, 'ImpactedTelephoneNumbers')
  if (!impacted.ok) return impacted
  const numbers = [...new Set([...impacted.value, ...completed.value])]

  if (f.OrderType !== undefined || f.OrderId !== undefined) return buildOrder(f, numbers)
  if (f.EventType !== undefined) {
    return ok({ kind: 'event', subscriptionId: f.SubscriptionId, eventType: f.EventType, numbers })
  }
  return fail('missing_field', 'Notification has neither OrderType/OrderId nor EventType')
}

type Fields = Partial<Record<string, string>>

function buildOrder(f: Fields, numbers: string[]): Result<OrderNotification> {
  if (f.OrderType === undefined) return fail('missing_field', 'order notification without OrderType')
  if (f.OrderId === undefined) return fail('missing_field', 'order notification without OrderId')
  if (f.OrderId.length > MAX_ID_LENGTH || !ID_PATTERN.test(f.OrderId)) {
    return fail('invalid_field', 'OrderId must be up to 100 letters, digits, dots, colons, dashes or underscores')
  }
  const lastModifiedDate = readDate(f, 'LastModifiedDate')
  if (!lastModifiedDate.ok) return lastModifiedDate
  const actualFocDate = readDate(f, 'ActualFocDate')
  if (!actualFocDate.ok) return actualFocDate

  const code = f.Message === undefined ? null : ERROR_CODE.exec(f.Message)
  return ok({
    kind: 'order',
    subscriptionId: f.SubscriptionId,
    orderType: f.OrderType,
    orderTypeKey: f.OrderType.toLowerCase(),
    orderId: f.OrderId,
    customerOrderId: f.CustomerOrderId,
    status: f.Status?.toUpperCase(),
    message: f.Message,
    errorCode: code ? code[1] : undefined,
    note: f.Note,
    numbers,
    lastModifiedDate: lastModifiedDate.value,
    actualFocDate: actualFocDate.value,
  })
}

function readFields(el: XmlElement, names: string[]): Result<Fields> {
  const out: Fields = {}
  for (const name of names) {
    const text = readText(el, name)
    if (!text.ok) return text
    out[name] = text.value
  }
  return ok(out)
}

// ISO-8601: a date, optionally a time, optionally an offset. A missing offset means UTC (Bandwidth's
// timestamps are UTC), never the server's local zone; a bare date (2025-03-18) is midnight UTC.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

function readDate(f: Fields, name: string): Result<Date | undefined> {
  const text = f[name]
  if (text === undefined) return ok(undefined)
  const m = ISO_DATE.exec(text)
  const date = m ? new Date(m[4] && !m[7] ? `${text}Z` : text) : null
  // Date.UTC rolls 2025-02-30 over to March: a real calendar day maps back to itself.
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null
  if (!m || !date || Number.isNaN(date.getTime()) || day!.getUTCDate() !== Number(m[3]) || day!.getUTCMonth() !== Number(m[2]) - 1) {
    return fail('invalid_field', `${name} is not an ISO-8601 timestamp`)
  }
  return ok(date)
}
