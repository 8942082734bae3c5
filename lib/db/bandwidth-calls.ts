// The log of every call Portwatch made to Bandwidth's API (the /bandwidth/calls page): method, path, status,
// latency, what triggered it and a one-line reason. Never a token, a secret or a body.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { AttemptRecord } from '../integrations/bandwidth/http-attempt'
import type { Connections } from './client'
import { limitParam } from './list-params'

/** One attempt, as the client records it. */
export type BandwidthCallInput = AttemptRecord

export async function recordBandwidthCall(c: Connections, call: BandwidthCallInput): Promise<void> {
  await c.prisma.bandwidthCall.create({
    data: { id: randomUUID(), ...call, latencyMs: Math.round(call.latencyMs), reason: call.reason?.slice(0, 500) ?? null },
  })
}

export const bandwidthCallsQuery = z.object({
  outcome: z.enum(['ok', 'failed']).optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  trigger: z.string().max(100).optional(),
  path: z.string().max(200).optional(),
  limit: limitParam,
})

export async function listBandwidthCalls(c: Connections, q: z.infer<typeof bandwidthCallsQuery>) {
  const rows = await c.prisma.bandwidthCall.findMany({
    where: {
      ...(q.outcome ? { ok: q.outcome === 'ok' } : {}),
      ...(q.method ? { method: q.method } : {}),
      ...(q.trigger ? { trigger: { startsWith: q.trigger } } : {}),
      ...(q.path ? { path: { contains: q.path } } : {}),
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: q.limit,
  })
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) }
}

/** The latest successful and the latest failed call: what the connection card shows. */
export async function getLastBandwidthCalls(c: Connections) {
  const [lastOk, lastFailed] = await Promise.all([
    c.prisma.bandwidthCall.findFirst({ where: { ok: true }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
    c.prisma.bandwidthCall.findFirst({ where: { ok: false }, orderBy: [{ at: 'desc' }, { id: 'desc' }] }),
  ])
  return { lastOk, lastFailed }
}
