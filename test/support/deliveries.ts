import { createHash, randomUUID } from 'node:crypto'
import { buildOrderNotificationXml } from '../../lib/bandwidth/build-notification-xml'
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

/** A compact order notification body (port-in unless a type is given). */
export function orderXml(o: { orderId: string; status?: string; type?: string; lmd?: string; note?: string; tns?: string[] }): string {
  return buildOrderNotificationXml({
    orderId: o.orderId,
    orderType: o.type ?? 'portins',
    status: o.status,
    note: o.note,
    numbers: o.tns,
    lastModifiedDate: o.lmd,
  })
}
