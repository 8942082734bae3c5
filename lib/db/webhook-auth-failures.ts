// Webhook requests with wrong or missing credentials, counted per minute, source address and username given
// (the password and the body are never kept): what the auth-failure spike issue reads.
import type { Connections } from './client'
import { defineSqlProgram, run, runSqlProgram, type SqlProgram } from './sql'

export function recordWebhookAuthFailure(c: Connections, f: { address: string; username: string; at: Date }): Promise<void> {
  const windowStart = new Date(Math.floor(f.at.getTime() / 60_000) * 60_000)
  return runSqlProgram(c, recordFailure, windowStart, f.address.slice(0, 100), f.username.slice(0, 100), f.at)
}

const recordFailure = defineSqlProgram(
  'recordWebhookAuthFailure',
  function* (windowStart: Date, address: string, username: string, at: Date): SqlProgram<void> {
    yield run(
      `INSERT INTO "WebhookAuthFailure" ("windowStart", "address", "username", "count", "lastAt") VALUES (?, ?, ?, 1, ?) ON CONFLICT ("windowStart", "address", "username") DO UPDATE SET "count" = "WebhookAuthFailure"."count" + 1, "lastAt" = excluded."lastAt"`,
      [windowStart, address, username, at],
    )
  },
)

/** Failures since `since`, per address and username. */
export async function countWebhookAuthFailures(c: Connections, since: Date) {
  const groups = await c.prisma.webhookAuthFailure.groupBy({
    by: ['address', 'username'],
    where: { windowStart: { gte: new Date(Math.floor(since.getTime() / 60_000) * 60_000) } },
    _sum: { count: true },
  })
  return groups.map((g) => ({ address: g.address, username: g.username, count: g._sum.count ?? 0 }))
}

/** Rejected deliveries (refused bodies) since `since`. */
export function countRejectedDeliveries(c: Connections, since: Date): Promise<number> {
  return c.prisma.delivery.count({ where: { outcome: 'rejected', receivedAt: { gte: since } } })
}
