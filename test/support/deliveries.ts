import { createHash, randomUUID } from 'node:crypto'
import { buildOrderNotificationXml } from '../../lib/bandwidth/build-notification-xml'
import type { Connections } from '../../lib/db/client'
import type { ReceivedDelivery } from '../../lib/db/record-delivery'
import { ingestNotification } from '../../lib/server/ingest-notification'

export function makeDelivery(xml: string, receivedAt = new Date()): ReceivedDelivery {
  return {
    id: randomUUID(),
    endpoint: 'notifications',
    source: 'test',
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

/** Stores a body through the one door the receiver uses (source "test"); throws if it was refused. */
export async function ingest(c: Connections, xml: string, receivedAt = new Date()) {
  const stored = await ingestNotification(c, { delivery: makeDelivery(xml, receivedAt), xml })
  if (stored.outcome === 'rejected') throw new Error(`fixture was refused: ${stored.problem.reason}`)
  return stored
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
