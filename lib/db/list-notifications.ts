import { z } from 'zod'
import { telephoneNumberKey } from '../bandwidth/normalize-telephone-number'
import { cursorParam, fromParam, limitParam, toParam } from '../http/list-query'
import type { Prisma } from '../generated/sqlite/client'
import type { Connections } from './client'
import { afterCursor, decodeCursor, toPage } from './cursor'
import { toNotificationDto } from './notification-dto'

export const listNotificationsQuery = z.object({
  kind: z.enum(['order', 'event']).optional(),
  type: z.string().max(100).optional(),
  status: z.string().max(100).optional(),
  number: z.string().max(40).optional(),
  from: fromParam,
  to: toParam,
  cursor: cursorParam,
  limit: limitParam,
})
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>

/** Everything that arrived (order steps and events), newest first, with keyset pagination. */
export async function listNotifications(c: Connections, q: ListNotificationsQuery) {
  const where: Prisma.NotificationWhereInput[] = []
  if (q.kind) where.push({ kind: q.kind })
  if (q.type) where.push({ typeKey: q.type.toLowerCase() })
  if (q.status) where.push({ status: q.status.toUpperCase() })
  if (q.number) where.push({ numberRefs: { some: { e164: telephoneNumberKey(q.number) } } })
  if (q.from) where.push({ receivedAt: { gte: q.from } })
  if (q.to) where.push({ receivedAt: { lte: q.to } })
  where.push(afterCursor('receivedAt', 'id', q.cursor ? decodeCursor(q.cursor) : undefined))

  const rows = await c.prisma.notification.findMany({ where: { AND: where }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: q.limit + 1 })
  const { page, nextCursor } = toPage(rows, q.limit, (n) => ({ at: n.receivedAt, id: n.id }))
  return { notifications: page.map(toNotificationDto), nextCursor }
}
