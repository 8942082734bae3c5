import { z } from 'zod'
import { cursorParam, fromParam, limitParam } from './list-params'
import type { PortoutRequest } from '../generated/sqlite/client'
import { redactPortoutPin } from '../bandwidth/redact-portout-pin'
import { maskCpni, maskCpniInXml } from '../portout/mask-cpni'
import { recordCpniReveal, type AuditActor } from './audit'
import type { Connections } from './client'
import { afterCursor, decodeCursor, iso, toPage } from './cursor'
import { AppError } from '../app-error'

export const listPortoutRequestsQuery = z.object({
  portable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** `true`: only answers the fallback gave (unreadable request, database trouble). */
  fallback: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only requests first received at or after this instant (the overview's window). */
  from: fromParam,
  cursor: cursorParam,
  limit: limitParam,
})

/** The CPNI the request carried, as stored (the PIN never is: only whether one was given, and its keyed hash). */
export function sentFields(r: PortoutRequest) {
  const req = JSON.parse(r.request) as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)
  return {
    accountNumber: text(req.accountNumber),
    zipCode: text(req.zipCode),
    subscriberName: text(req.subscriberName),
    pinGiven: req.pinGiven === true,
  }
}

/** A request as every screen and API response shows it: account number, ZIP and name masked (CPNI). */
export function toPortoutRequestDto(r: PortoutRequest) {
  const sent = sentFields(r)
  return {
    id: r.id,
    firstReceivedAt: iso(r.firstReceivedAt),
    lastReceivedAt: iso(r.lastReceivedAt),
    attempts: r.attempts,
    pon: r.pon,
    numbers: JSON.parse(r.numbers) as string[],
    masked: {
      accountNumber: maskCpni(sent.accountNumber),
      zipCode: maskCpni(sent.zipCode),
      subscriberName: maskCpni(sent.subscriberName),
      pinGiven: sent.pinGiven,
    },
    portable: r.portable,
    errorCodes: JSON.parse(r.errorCodes) as string[],
    decision: JSON.parse(r.decision) as { fired: unknown[]; monitored: unknown[] },
    policyVersion: r.policyVersion,
    latencyMs: r.latencyMs,
    fallbackReason: r.fallbackReason,
    deliveryId: r.deliveryId,
    /** Retention or an erasure removed its CPNI on this date. */
    cpniPurgedAt: r.cpniPurgedAt ? r.cpniPurgedAt.toISOString() : null,
  }
}

/** Every port-out validation request with our answer, newest first. */
export async function listPortoutRequests(c: Connections, q: z.infer<typeof listPortoutRequestsQuery>) {
  const where = [
    q.portable === undefined ? {} : { portable: q.portable },
    q.fallback === undefined ? {} : { fallbackReason: q.fallback ? { not: null } : null },
    q.from ? { firstReceivedAt: { gte: q.from } } : {},
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

export async function findPortoutRequest(c: Connections, id: string): Promise<PortoutRequest> {
  const r = await c.prisma.portoutRequest.findUnique({ where: { id } })
  if (!r) throw new AppError('not_found', `port-out request ${id} is not known`)
  return r
}

/** One request with the response XML we sent (its AcceptableValues masked like the rest). */
export async function getPortoutRequest(c: Connections, id: string) {
  const r = await findPortoutRequest(c, id)
  const responseXml = maskCpniInXml(r.responseXml)
  return { ...toPortoutRequestDto(r), responseXml, responseCpniMasked: responseXml !== r.responseXml }
}

/**
 * One request's CPNI in clear, for an operator or admin who asked: what the request said, the raw
 * request as stored (PIN withheld) and the exact response XML. The reveal is audited (who, which
 * request, when; never the values) before anything is read out.
 */
export async function revealPortoutRequest(c: Connections, actor: AuditActor, id: string) {
  const r = await findPortoutRequest(c, id)
  await recordCpniReveal(c, actor, `port-out request ${id}`, 'request fields, raw request and response')
  const delivery = await c.prisma.delivery.findUnique({ where: { id: r.deliveryId }, select: { body: true } })
  const { accountNumber, zipCode, subscriberName } = sentFields(r)
  return {
    id: r.id,
    cpni: 'revealed' as const,
    sent: { accountNumber, zipCode, subscriberName },
    requestXml: delivery ? redactPortoutPin(delivery.body) : null,
    responseXml: r.responseXml,
  }
}
