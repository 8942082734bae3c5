import { z } from 'zod'
import { cursorParam, limitParam } from './list-params'
import type { Prisma } from '../generated/sqlite/client'
import type { Connections } from './client'
import { AppError } from '../app-error'
import type { Delivery } from '../generated/sqlite/client'
import { maskCpniInXml } from '../portout/mask-cpni'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import { afterCursor, decodeCursor, iso, toPage } from './cursor'

export const listDeliveriesQuery = z.object({
  outcome: z.enum(['accepted', 'duplicate', 'rejected']).optional(),
  endpoint: z.enum(['notifications', 'portout-validation']).optional(),
  /** A delivery id, a body's SHA-256, an OrderId, or a telephone number in any common format. */
  q: z.string().trim().max(200).optional(),
  cursor: cursorParam,
  limit: limitParam,
})
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuery>

/** The raw log of every authenticated request the receivers were sent, newest first. */
export async function listDeliveries(c: Connections, q: ListDeliveriesQuery) {
  const where: Prisma.DeliveryWhereInput[] = []
  if (q.outcome) where.push({ outcome: q.outcome })
  if (q.endpoint) where.push({ endpoint: q.endpoint })
  if (q.q) where.push(await searchDeliveries(c, q.q))
  where.push(afterCursor('receivedAt', 'id', q.cursor ? decodeCursor(q.cursor) : undefined))
  const rows = await c.prisma.delivery.findMany({
    where: { AND: where },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
  })
  const { page, nextCursor } = toPage(rows, q.limit, (d) => ({ at: d.receivedAt, id: d.id }))
  const carried = await whatTheyCarried(c, page)
  return { deliveries: page.map((d) => ({ ...toDeliverySummary(d), carried: carried.get(d.id) ?? null })), nextCursor }
}

const SEARCH_MAX = 1000

/** The search box: a body hash, a delivery id, the deliveries of an order, or of a number (notifications and port-out requests). */
async function searchDeliveries(c: Connections, text: string): Promise<Prisma.DeliveryWhereInput> {
  if (/^[0-9a-f]{64}$/i.test(text)) return { bodySha256: text.toLowerCase() }
  const e164 = normalizeTelephoneNumber(text)
  const notificationIds = e164
    ? (await c.prisma.numberRef.findMany({ where: { e164 }, select: { notificationId: true }, take: SEARCH_MAX })).map(
        (r) => r.notificationId,
      )
    : (
        await c.prisma.notification.findMany({
          where: { orderId: { in: [text, text.toLowerCase()] } },
          select: { id: true },
          take: SEARCH_MAX,
        })
      ).map((n) => n.id)
  const requestIds = e164
    ? (await c.prisma.portoutNumberRef.findMany({ where: { e164 }, select: { requestId: true }, take: SEARCH_MAX })).map((r) => r.requestId)
    : []
  const portoutDeliveryIds = requestIds.length
    ? (await c.prisma.portoutRequest.findMany({ where: { id: { in: requestIds } }, select: { deliveryId: true } })).map((r) => r.deliveryId)
    : []
  return {
    OR: [
      { id: text },
      ...(notificationIds.length ? [{ notificationId: { in: notificationIds } }] : []),
      ...(portoutDeliveryIds.length ? [{ id: { in: portoutDeliveryIds } }] : []),
    ],
  }
}

/** What each delivery brought: the order step or event it created (or duplicated), or the port-out request it asked. */
async function whatTheyCarried(c: Connections, page: Delivery[]) {
  const notificationIds = page.map((d) => d.notificationId).filter((id): id is string => id !== null)
  const portoutIds = page.filter((d) => d.endpoint === 'portout-validation').map((d) => d.id)
  const [notifications, requests] = await Promise.all([
    notificationIds.length
      ? c.prisma.notification.findMany({
          where: { id: { in: notificationIds } },
          select: { id: true, kind: true, orderId: true, orderType: true, status: true, eventType: true, numbers: true },
        })
      : [],
    portoutIds.length
      ? c.prisma.portoutRequest.findMany({
          where: { deliveryId: { in: portoutIds } },
          select: { id: true, deliveryId: true, pon: true, portable: true, errorCodes: true },
        })
      : [],
  ])
  const byNotification = new Map(notifications.map((n) => [n.id, n]))
  const byDelivery = new Map(requests.map((r) => [r.deliveryId, r]))
  const carried = new Map<string, Carried>()
  for (const d of page) {
    const n = d.notificationId ? byNotification.get(d.notificationId) : undefined
    if (n) {
      carried.set(d.id, {
        kind: n.kind === 'event' ? 'event' : 'order',
        orderId: n.orderId,
        orderType: n.orderType,
        status: n.status,
        eventType: n.eventType,
        numbers: (JSON.parse(n.numbers) as string[]).slice(0, 3),
      })
      continue
    }
    const r = byDelivery.get(d.id)
    if (r)
      carried.set(d.id, {
        kind: 'portout',
        requestId: r.id,
        pon: r.pon,
        portable: r.portable,
        errorCodes: JSON.parse(r.errorCodes) as string[],
      })
  }
  return carried
}

type Carried =
  | {
      kind: 'order' | 'event'
      orderId: string | null
      orderType: string | null
      status: string | null
      eventType: string | null
      numbers: string[]
    }
  | { kind: 'portout'; requestId: string; pon: string | null; portable: boolean; errorCodes: string[] }

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
