import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import { AppError } from '../app-error'
import type { StuckThresholds } from '../orders/detect-stuck'
import { lockEffect } from '../portout/lock-effect'
import type { Connections } from './client'
import { toOrderDto } from './list-orders'
import { toNotificationDto } from './notification-dto'
import { toPortoutRequestDto } from './list-portout-requests'
import { getActivePolicy, toSubscriberRecord } from './portout-requests'
import { toLockDto, toSubscriberDto } from './subscribers'

const MAX_ITEMS = 500

/** Everything about one telephone number, given in any common format: its orders and its story, newest first. */
export async function getNumberHistory(c: Connections, input: string, thresholds: StuckThresholds = {}) {
  const e164 = normalizeTelephoneNumber(input)
  if (!e164) throw new AppError('bad_request', `"${input.slice(0, 40)}" is not a telephone number`)
  const refs = await c.prisma.numberRef.findMany({
    where: { e164 },
    orderBy: [{ receivedAt: 'desc' }, { notificationId: 'desc' }],
    take: MAX_ITEMS,
    include: { notification: true },
  })
  const portoutRefs = await c.prisma.portoutNumberRef.findMany({
    where: { e164 },
    orderBy: { receivedAt: 'desc' },
    take: MAX_ITEMS,
    select: { requestId: true },
  })
  const portouts = portoutRefs.length
    ? await c.prisma.portoutRequest.findMany({
        where: { id: { in: portoutRefs.map((r) => r.requestId) } },
        orderBy: { firstReceivedAt: 'desc' },
      })
    : []
  const orderIds = [...new Set(refs.map((r) => r.orderId).filter((id): id is string => id !== null))]
  const orders = orderIds.length
    ? await c.prisma.order.findMany({ where: { orderId: { in: orderIds } }, orderBy: { lastSeenAt: 'desc' } })
    : []
  // Every step of every order that ever carried the number: a port-in names its numbers on one step only,
  // and the story of the number is the whole order (EXCEPTION, FOC, COMPLETE).
  const carrying = new Set(refs.map((r) => r.notificationId))
  const orderSteps = orderIds.length
    ? await c.prisma.notification.findMany({
        where: { orderId: { in: orderIds }, id: { notIn: [...carrying] } },
        orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
        take: MAX_ITEMS,
      })
    : []
  const history = [...refs.map((r) => r.notification), ...orderSteps]
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.id.localeCompare(a.id))
    .slice(0, MAX_ITEMS)
    .map((n) => ({ ...toNotificationDto(n), mentionsNumber: carrying.has(n.id) }))
  return {
    e164,
    portoutLock: await describePortoutLock(c, e164),
    formsSeen: [...new Set(refs.map((r) => r.asReceived))],
    orders: orders.map((o) => toOrderDto(o, thresholds)),
    history,
    portoutRequests: portouts.map(toPortoutRequestDto),
  }
}

/** Whether the number has a subscriber record, its lock, and whether the active policy makes the lock count. */
async function describePortoutLock(c: Connections, e164: string) {
  const [row, active] = await Promise.all([c.prisma.subscriberRecord.findUnique({ where: { e164 } }), getActivePolicy(c)])
  if (!row) return { hasRecord: false as const, record: null, lock: null, lockEffect: null, policyVersion: active.version }
  const lock = toLockDto(row)
  return {
    hasRecord: true as const,
    // CPNI masked for every role here: the record's clear values are revealed (audited) on /subscribers.
    record: toSubscriberDto(row),
    lock,
    lockEffect: lock ? lockEffect(active.policy, toSubscriberRecord(row), new Date()) : null,
    policyVersion: active.version,
  }
}
