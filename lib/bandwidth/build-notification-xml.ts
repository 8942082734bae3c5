// Builds `<Notification>` bodies the way Bandwidth sends them (compact, one line, Status first as in
// real captures). Used by the tests, the benchmark and the traffic simulator, so they all speak one dialect.

export type OrderNotificationFields = {
  orderId: string
  orderType: string
  status?: string
  /** Absent: a made-up default; null: none at all (a state the reconciler recovered came through no subscription). */
  subscriptionId?: string | null
  customerOrderId?: string
  message?: string
  note?: string
  numbers?: string[]
  lastModifiedDate?: string
  actualFocDate?: string
}

export type EventNotificationFields = {
  eventType: string
  numbers: string[]
  subscriptionId?: string
  listName?: 'ImpactedTelephoneNumbers' | 'CompletedTelephoneNumbers'
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
const DEFAULT_SUBSCRIPTION = '6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9'

export function buildOrderNotificationXml(f: OrderNotificationFields): string {
  return (
    `${DECLARATION}<Notification>` +
    xmlElement('Status', f.status) +
    xmlElement('SubscriptionId', f.subscriptionId === null ? undefined : (f.subscriptionId ?? DEFAULT_SUBSCRIPTION)) +
    xmlElement('Message', f.message) +
    xmlElement('OrderId', f.orderId) +
    xmlElement('OrderType', f.orderType) +
    xmlElement('CustomerOrderId', f.customerOrderId) +
    xmlElement('Note', f.note) +
    numberList('CompletedTelephoneNumbers', f.numbers) +
    xmlElement('LastModifiedDate', f.lastModifiedDate) +
    xmlElement('ActualFocDate', f.actualFocDate) +
    '</Notification>'
  )
}

export function buildEventNotificationXml(f: EventNotificationFields): string {
  return `${DECLARATION}<Notification>${xmlElement('SubscriptionId', f.subscriptionId ?? DEFAULT_SUBSCRIPTION)}${xmlElement('EventType', f.eventType)}${numberList(f.listName ?? 'ImpactedTelephoneNumbers', f.numbers)}</Notification>`
}

/** `<name>value</name>`, escaped; nothing at all when the value is absent (Bandwidth omits empty elements). */
export function xmlElement(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`
}

function numberList(name: string, numbers: string[] | undefined): string {
  return numbers?.length ? `<${name}>${numbers.map((n) => xmlElement('TelephoneNumber', n)).join('')}</${name}>` : ''
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
}
