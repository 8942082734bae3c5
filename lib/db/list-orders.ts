import { z } from 'zod'
import { normalizeTelephoneNumber, numberSuffixRange, parseNumberSuffix } from '../bandwidth/normalize-telephone-number'
import { cursorParam, fromParam, limitParam, toParam } from './list-params'
import type { Prisma } from '../generated/sqlite/client'
import type { Connections } from './client'
import { afterCursor, decodeCursor, iso, toPage } from './cursor'
import { FOC_ORDER_TYPES, focAlarm, focAlarmCutoff } from '../orders/foc-alarm'
import { ATTENTION_STATUSES, getLifecycle } from '../orders/order-lifecycles'
import { detectStuck, type StuckThresholds } from '../orders/detect-stuck'
import { firstOrdersOfPairs, readOrderCounts, stuckPairs, type OrderCountRow, type OrderPair } from './order-counts'
import { runReadProgram } from './sql'

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional()

export const listOrdersQuery = z.object({
  type: z.string().max(100).optional(),
  status: z.string().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  from: fromParam,
  to: toParam,
  /** With `status`: `true` matches orders that were ever in that status (any step), not only those in it now. */
  ever: flag,
  stuck: flag,
  /** Orders whose current status needs someone (the overview's "Needs attention", exactly). */
  attention: flag,
  /** Orders whose FOC date is tomorrow, today or passed while the order is not final (the overview's FOC card). */
  foc: z.enum(['due']).optional(),
  cursor: cursorParam,
  limit: limitParam,
})
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>

/**
 * Orders by last activity, newest first, with keyset pagination; `stuck` uses the same rule as detectStuck.
 * The stuck filter and a type filter read one index range per (type, status) pair that OrderCount knows
 * (firstOrdersOfPairs), so a page costs a few short ranges whatever the table's size; the rest is one query.
 */
export async function listOrders(c: Connections, q: ListOrdersQuery, thresholds: StuckThresholds = {}, now = new Date()) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : undefined
  const type = q.type?.toLowerCase()
  const status = q.status?.toUpperCase()
  // The pair ranges serve the stuck and type filters alone; ever-in-status, attention and FOC filters take the general query.
  const byPairs = !q.q && !q.ever && !q.attention && q.foc !== 'due' && (q.stuck || (type !== undefined && status === undefined))
  let rows: Prisma.OrderGetPayload<object>[]
  if (byPairs) {
    const ids = await runReadProgram(c, function* () {
      const counts = (yield* readOrderCounts()).filter(
        (p) => (type === undefined || p.orderTypeKey === type) && (status === undefined || p.status === status),
      )
      const pairs: OrderPair[] = (q.stuck ? stuckPairs(counts, now, thresholds) : counts).map((p) => ({ ...p, from: q.from, to: q.to }))
      return yield* firstOrdersOfPairs(pairs, q.limit + 1, 'desc', cursor)
    })
    // Fetched by key and put in the merged order here: with an ORDER BY the planner may walk the whole lastSeenAt index.
    const byId = new Map((await c.prisma.order.findMany({ where: { orderId: { in: ids } } })).map((o) => [o.orderId, o]))
    rows = ids.flatMap((id) => byId.get(id) ?? [])
  } else {
    const where: Prisma.OrderWhereInput[] = []
    if (type) where.push({ orderTypeKey: type })
    if (status) where.push(q.ever ? everInStatusWhere(status) : { status })
    if (q.attention) where.push(attentionWhere())
    if (q.foc === 'due') where.push(focAlarmWhere(now))
    if (q.from) where.push({ lastSeenAt: { gte: q.from } })
    if (q.to) where.push({ lastSeenAt: { lte: q.to } })
    if (q.q) where.push(await searchOrders(c, q.q))
    if (q.stuck) where.push(stuckWhere(await runReadProgram(c, readOrderCounts), now, thresholds))
    where.push(afterCursor('lastSeenAt', 'orderId', cursor))
    rows = await c.prisma.order.findMany({
      where: { AND: where },
      orderBy: [{ lastSeenAt: 'desc' }, { orderId: 'desc' }],
      take: q.limit + 1,
    })
  }
  const { page, nextCursor } = toPage(rows, q.limit, (o) => ({ at: o.lastSeenAt, id: o.orderId }))
  // A partial number also names numbers: the first page says which ones end with it.
  const numbers = q.cursor ? null : await findNumbersEndingWith(c, q.q)
  return { orders: page.map((o) => toOrderDto(o, thresholds, now)), nextCursor, numbersEndingWith: numbers }
}

/** One search box: an OrderId, a CustomerOrderId, any telephone number in any common format, or a number's last 4 to 9 digits. */
async function searchOrders(c: Connections, text: string): Promise<Prisma.OrderWhereInput> {
  const e164 = normalizeTelephoneNumber(text)
  const suffix = parseNumberSuffix(text)
  const byNumber =
    e164 || suffix
      ? (
          await c.prisma.numberRef.findMany({
            where: { ...(e164 ? { e164 } : { reversedDigits: numberSuffixRange(suffix!) }), orderId: { not: null } },
            select: { orderId: true },
            distinct: ['orderId'],
            take: 1000,
          })
        ).map((r) => r.orderId!)
      : []
  return {
    OR: [
      { orderId: text },
      { orderId: text.toLowerCase() },
      { customerOrderId: text },
      ...(byNumber.length ? [{ orderId: { in: byNumber } }] : []),
    ],
  }
}

/** The numbers that end with a partial number (the orders page lists them beside the orders), or null when the text is no suffix. */
export async function findNumbersEndingWith(c: Connections, text: string | undefined, limit = 20): Promise<string[] | null> {
  const suffix = text ? parseNumberSuffix(text) : null
  if (!suffix) return null
  const refs = await c.prisma.numberRef.findMany({
    where: { reversedDigits: numberSuffixRange(suffix) },
    select: { e164: true },
    distinct: ['e164'],
    orderBy: { reversedDigits: 'asc' },
    take: limit,
  })
  return refs.map((r) => r.e164)
}

/** The states that ask someone to act, from the order-type table; the overview's count and list and this filter share it. */
export function attentionWhere(): Prisma.OrderWhereInput {
  return { status: { in: [...ATTENTION_STATUSES] } }
}

/** An order that went through a status at any step (a notification about it carried that status). */
function everInStatusWhere(status: string): Prisma.OrderWhereInput {
  return { notifications: { some: { status: status.toUpperCase() } } }
}

/** focAlarm as a query: a FOC type, not final, FOC date before the end of tomorrow (UTC). */
export function focAlarmWhere(now: Date): Prisma.OrderWhereInput {
  return {
    OR: FOC_ORDER_TYPES.map((key) => ({
      AND: [
        { orderTypeKey: key },
        { actualFocDate: { lt: focAlarmCutoff(now) } },
        { OR: [{ status: null }, { status: { notIn: [...getLifecycle(key).terminal] } }] },
      ],
    })),
  }
}

/** detectStuck as a query over the pairs OrderCount knows (for the search box's few matches; else see firstOrdersOfPairs). */
function stuckWhere(counts: OrderCountRow[], now: Date, thresholds: StuckThresholds): Prisma.OrderWhereInput {
  return {
    OR: stuckPairs(counts, now, thresholds).map((p) => ({ orderTypeKey: p.orderTypeKey, status: p.status, lastSeenAt: { lt: p.before } })),
  }
}

export function toOrderDto(o: Prisma.OrderGetPayload<object>, thresholds: StuckThresholds = {}, now = new Date()) {
  const stuckSince = detectStuck(o, now, thresholds)
  return {
    orderId: o.orderId,
    orderType: o.orderType,
    orderTypeKey: o.orderTypeKey,
    customerOrderId: o.customerOrderId,
    status: o.status,
    lastModifiedDate: iso(o.lastModifiedDate),
    actualFocDate: iso(o.actualFocDate),
    firstSeenAt: iso(o.firstSeenAt),
    lastSeenAt: iso(o.lastSeenAt),
    notificationCount: o.notificationCount,
    stuckSince: stuckSince ? stuckSince.toISOString() : null,
    focAlarm: focAlarm(o, now),
  }
}
export type OrderDto = ReturnType<typeof toOrderDto>
