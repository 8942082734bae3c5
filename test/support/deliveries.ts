import { createHash, randomUUID } from 'node:crypto'
import { buildNotificationDedupKey } from '../../lib/bandwidth/notification-dedup-key'
import { parseNotification } from '../../lib/bandwidth/parse-notification'
import type { Connections } from '../../lib/db/client'
import { recordNotificationDelivery, type ReceivedDelivery } from '../../lib/db/record-delivery'

export function makeDelivery(xml: string, receivedAt = new Date()): ReceivedDelivery {
  return {
    id: randomUUID(),
    endpoint: 'notifications',
    receivedAt,
    contentType: 'application/xml; charset=utf-8',
    headers: { 'content-type': 'application/xml; charset=utf-8' },
    bodySha256: createHash('sha256').update(xml).digest('hex'),
    bodySize: Buffer.byteLength(xml),
    body: xml,
    bodyEncoding: 'utf8',
    bodyTruncated: false,
  }
}

/** Parses and records a body the way the receiver does; throws if the body does not parse. */
export async function ingest(c: Connections, xml: string, receivedAt = new Date()) {
  const parsed = parseNotification(xml)
  if (!parsed.ok) throw new Error(`fixture did not parse: ${parsed.error.reason}`)
  const delivery = makeDelivery(xml, receivedAt)
  return recordNotificationDelivery(c, delivery, parsed.value, buildNotificationDedupKey(parsed.value, receivedAt))
}

/** A minimal order notification body, compact like Bandwidth's. */
export function orderXml(o: { orderId: string; status?: string; type?: string; lmd?: string; note?: string; tns?: string[]; customerOrderId?: string }): string {
  const tns = o.tns?.length ? `<CompletedTelephoneNumbers>${o.tns.map((t) => `<TelephoneNumber>${t}</TelephoneNumber>`).join('')}</CompletedTelephoneNumbers>` : ''
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Notification>${o.status ? `<Status>${o.status}</Status>` : ''}<SubscriptionId>6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9</SubscriptionId><OrderId>${o.orderId}</OrderId><OrderType>${o.type ?? 'portins'}</OrderType>${o.customerOrderId ? `<CustomerOrderId>${o.customerOrderId}</CustomerOrderId>` : ''}${o.note ? `<Note>${o.note}</Note>` : ''}${tns}${o.lmd ? `<LastModifiedDate>${o.lmd}</LastModifiedDate>` : ''}</Notification>`
}
