// Email + password sign-in with a rate limit per account and per client address.
// The answer never tells whether the email exists: same message, same work (a dummy hash is checked).
import type { Connections } from '../db/client'
import { countRecentFailures, pruneLoginAttempts, recordLoginAttempt } from '../db/login-attempts'
import { createSession } from '../db/sessions'
import { findUserByEmail } from '../db/users'
import { AppError } from '../http/app-error'
import { dummyPasswordHash, verifyPassword } from './password'

export const RATE_LIMIT = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 30 }

export async function signIn(c: Connections, input: { email: string; password: string; ip: string; userAgent: string | null }) {
  const email = input.email.trim().toLowerCase()
  const since = new Date(Date.now() - RATE_LIMIT.windowMs)
  const failures = await countRecentFailures(c, { email, ip: input.ip }, since)
  if (failures.byEmail >= RATE_LIMIT.perAccount || failures.byIp >= RATE_LIMIT.perAddress) {
    throw new AppError('rate_limited', 'too many failed sign-ins: wait 15 minutes and try again')
  }
  const user = await findUserByEmail(c, email)
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()))
  const ok = Boolean(user && valid && !user.disabledAt)
  await recordLoginAttempt(c, { email, ip: input.ip, ok })
  if (Math.random() < 0.01) await pruneLoginAttempts(c, since)
  if (!ok || !user) throw new AppError('unauthorized', 'email or password is incorrect')
  const session = await createSession(c, user.id, { userAgent: input.userAgent, ip: input.ip })
  return { user, ...session }
}
