// Sign-in attempts, kept in the database so the rate limit holds across instances and restarts.
import type { Connections } from './client'
import { defineSqlProgram, get, lock, run, runSqlProgram, type SqlProgram } from './sql'

export type AttemptKey = { email: string; ip: string }
export type AttemptLimits = { perAccount: number; perAddress: number }

/**
 * Reserves an attempt before a password is checked, so the count and the check are one atomic step:
 * however many guesses arrive at once (at one instance or several), at most the limit of them is ever
 * evaluated. The reservation is written as a failure and counted with the others, under a lock on the
 * account and the address; over the limit it is removed again and the answer is null. It stays a failure
 * unless settleLoginAttempt marks it a success.
 */
export function reserveLoginAttempt(c: Connections, key: AttemptKey, since: Date, limits: AttemptLimits): Promise<number | null> {
  return runSqlProgram(c, reserveAttempt, key, since, limits, new Date())
}

const reserveAttempt = defineSqlProgram(
  'reserveLoginAttempt',
  function* (key: AttemptKey, since: Date, limits: AttemptLimits, at: Date): SqlProgram<number | null> {
    yield lock(`sign-in account ${key.email}`, `sign-in address ${key.ip}`)
    const { id } = (yield get(`INSERT INTO "LoginAttempt" ("at", "email", "ip", "ok") VALUES (?, ?, ?, ?) RETURNING "id"`, [
      at,
      key.email,
      key.ip,
      false,
    ])) as { id: number }
    const failures = (column: 'email' | 'ip', value: string) =>
      get(`SELECT count(*) AS "n" FROM "LoginAttempt" WHERE "${column}" = ? AND "ok" = ? AND "at" >= ?`, [value, false, since])
    const byEmail = Number(((yield failures('email', key.email)) as { n: number | string }).n)
    const byIp = Number(((yield failures('ip', key.ip)) as { n: number | string }).n)
    if (byEmail <= limits.perAccount && byIp <= limits.perAddress) return id
    yield run(`DELETE FROM "LoginAttempt" WHERE "id" = ?`, [id])
    return null
  },
)

/** The reserved attempt succeeded: it no longer counts against the limit. */
export async function settleLoginAttempt(c: Connections, id: number): Promise<void> {
  await c.prisma.loginAttempt.update({ where: { id }, data: { ok: true } })
}

/** Drops attempts older than the window; called now and then from the sign-in path. */
export async function pruneLoginAttempts(c: Connections, before: Date): Promise<void> {
  await c.prisma.loginAttempt.deleteMany({ where: { at: { lt: before } } })
}
