import { z } from 'zod'
import { cursorParam, limitParam } from './list-params'
import type { Prisma } from '../generated/sqlite/client'
import type { Connections } from './client'
import { AppError } from '../app-error'
import type { Delivery } from '../generated/sqlite/client'
import { maskCpniInXml } from '../portout/mask-cpni'
import { afterCursor, decodeCursor, iso, toPage } from './cursor'

export const listDeliveriesQuery = z.object({
  outcome: z.enum(['accepted', 'duplicate', 'rejected']).optional(),
  endpoint: z.enum(['notifications', 'portout-validation']).optional(),
  cursor: cursorParam,
  limit: limitParam,
})
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>

/** The raw log of every authenticated request the receivers were sent, newest first. */
export async function listDeliveries(c: Connections, q: ListDeliveriesQuery) {
  const where: Prisma.DeliveryWhereInput[] = []
  if (q.outcome) where.push({ outcome: q.outcome })
  if (q.endpoint) where.push({ endpoint: q.endpoint })
  where.push(afterCursor('receivedAt', 'id', q.cursor ? decodeCursor(q.cursor) : undefined))
  const rows = await c.prisma.delivery.findMany({
    where: { AND: where },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
  })
  const { page, nextCursor } = toPage(rows, q.limit, (d) => ({ at: d.receivedAt, id: d.id }))
  return { deliveries: page.map((d) => toDeliverySummary(d)), nextCursor }
}

const PREVIEW_CHARS = 300

/**
 * A log row: everything but the body, of which only the start (the whole body comes from getDelivery).
 * Bodies are shown with their CPNI masked (a port-out request's account, ZIP and name), so `bodySha256`
 * is the hash of what was received, not of what is shown when `cpniMasked` is true.
 */
function toDeliverySummary(d: Delivery, body = shownBody(d)) {
  return {
    id: d.id,
    endpoint: d.endpoint,
    receivedAt: iso(d.receivedAt),
    outcome: d.outcome as 'accepted' | 'duplicate' | 'rejected',
    reason: d.reason,
    httpStatus: d.httpStatus,
    kind: d.kind,
    contentType: d.contentType,
    bodySha256: d.bodySha256,
    bodySize: d.bodySize,
    bodyPreview: d.bodyEncoding === 'utf8' ? body.slice(0, PREVIEW_CHARS) : null,
    bodyEncoding: d.bodyEncoding as 'utf8' | 'base64',
    cpniMasked: body !== d.body,
    bodyTruncated: d.bodyTruncated,
    /** Retention emptied the body on this date (its checksum and size are what was received). */
    bodyPurgedAt: d.bodyPurgedAt ? d.bodyPurgedAt.toISOString() : null,
    notificationId: d.notificationId,
  }
}

/** One delivery with its headers and its whole raw body: how an operator proves what Bandwidth sent. */
export async function getDelivery(c: Connections, id: string) {
  const d = await c.prisma.delivery.findUnique({ where: { id } })
  if (!d) throw new AppError('not_found', `delivery ${id} is not known`)
  const body = shownBody(d)
  return { ...toDeliverySummary(d, body), headers: JSON.parse(d.headers) as Record<string, string>, body }
}

/** The body as screens show it: CPNI masked (its clear form is revealed on the port-out request's page). */
function shownBody(d: Delivery): string {
  return d.bodyEncoding === 'utf8' ? maskCpniInXml(d.body) : d.body
}
