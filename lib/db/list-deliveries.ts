import { z } from 'zod'
import { cursorParam, limitParam } from '../http/list-query'
import type { Prisma } from '../generated/sqlite/client'
import type { Connections } from './client'
import { AppError } from '../http/app-error'
import type { Delivery } from '../generated/sqlite/client'
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
  return { deliveries: page.map(toDeliverySummary), nextCursor }
}

const PREVIEW_CHARS = 300

/** A log row: everything but the body, of which only the start (the whole body comes from getDelivery). */
function toDeliverySummary(d: Delivery) {
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
    bodyPreview: d.bodyEncoding === 'utf8' ? d.body.slice(0, PREVIEW_CHARS) : null,
    bodyEncoding: d.bodyEncoding as 'utf8' | 'base64',
    bodyTruncated: d.bodyTruncated,
    notificationId: d.notificationId,
  }
}

/** One delivery with its headers and its whole raw body: how an operator proves what Bandwidth sent. */
export async function getDelivery(c: Connections, id: string) {
  const d = await c.prisma.delivery.findUnique({ where: { id } })
  if (!d) throw new AppError('not_found', `delivery ${id} is not known`)
  return { ...toDeliverySummary(d), headers: JSON.parse(d.headers) as Record<string, string>, body: d.body }
}
