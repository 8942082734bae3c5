import { z } from 'zod'
import { cursorParam, limitParam } from '../http/list-query'
import type { PortoutRequest } from '../generated/sqlite/client'
import type { Connections } from './client'
import { afterCursor, decodeCursor, iso, toPage } from './cursor'
import { AppError } from '../http/app-error'

export const listPortoutRequestsQuery = z.object({
  portable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cursor: cursorParam,
  limit: limitParam,
})

/** Account number and ZIP are CPNI: lists show their last characters only. */
function mask(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null
  return value.length <= 3 ? '•••' : `${'•'.repeat(Math.min(6, value.length - 3))}${value.slice(-3)}`
}

export function toPortoutRequestDto(r: PortoutRequest) {
  const req = JSON.parse(r.request) as Record<string, unknown>
  return {
    id: r.id,
    firstReceivedAt: iso(r.firstReceivedAt),
    lastReceivedAt: iso(r.lastReceivedAt),
    attempts: r.attempts,
    pon: r.pon,
    numbers: JSON.parse(r.numbers) as string[],
    masked: {
      accountNumber: mask(req.accountNumber),
      zipCode: mask(req.zipCode),
      subscriberName: mask(req.subscriberName),
      pinGiven: req.pinGiven === true,
    },
    portable: r.portable,
    errorCodes: JSON.parse(r.errorCodes) as string[],
    decision: JSON.parse(r.decision) as { fired: unknown[]; monitored: unknown[] },
    policyVersion: r.policyVersion,
    latencyMs: r.latencyMs,
    fallbackReason: r.fallbackReason,
    deliveryId: r.deliveryId,
  }
}

/** Every port-out validation request with our answer, newest first. */
export async function listPortoutRequests(c: Connections, q: z.infer<typeof listPortoutRequestsQuery>) {
  const where = [
    q.portable === undefined ? {} : { portable: q.portable },
    afterCursor('firstReceivedAt', 'id', q.cursor ? decodeCursor(q.cursor) : undefined),
  ]
  const rows = await c.prisma.portoutRequest.findMany({
    where: { AND: where },
    orderBy: [{ firstReceivedAt: 'desc' }, { id: 'desc' }],
    take: q.limit + 1,
  })
  const { page, nextCursor } = toPage(rows, q.limit, (r) => ({ at: r.firstReceivedAt, id: r.id }))
  return { requests: page.map(toPortoutRequestDto), nextCursor }
}

/** One request with the exact response XML we sent. */
export async function getPortoutRequest(c: Connections, id: string) {
  const r = await c.prisma.portoutRequest.findUnique({ where: { id } })
  if (!r) throw new AppError('not_found', `port-out request ${id} is not known`)
  return { ...toPortoutRequestDto(r), responseXml: r.responseXml }
}
