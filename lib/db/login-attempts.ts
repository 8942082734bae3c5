// Sign-in attempts, kept in the database so the rate limit holds across instances and restarts.
import type { Connections } from './client'

export async function recordLoginAttempt(c: Connections, attempt: { email: string; ip: string; ok: boolean }): Promise<void> {
  await c.prisma.loginAttempt.create({ data: { at: new Date(), ...attempt } })
}

export async function countRecentFailures(c: Connections, key: { email: string; ip: string }, since: Date) {
  const [byEmail, byIp] = await Promise.all([
    c.prisma.loginAttempt.count({ where: { email: key.email, ok: false, at: { gte: since } } }),
    c.prisma.loginAttempt.count({ where: { ip: key.ip, ok: false, at: { gte: since } } }),
  ])
  return { byEmail, byIp }
}

/** Drops attempts older than the window; called now and then from the sign-in path. */
export async function pruneLoginAttempts(c: Connections, before: Date): Promise<void> {
  await c.prisma.loginAttempt.deleteMany({ where: { at: { lt: before } } })
}
