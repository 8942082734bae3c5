// Email + password sign-in with a rate limit per account and per client address.
// The answer never tells whether the email exists: same message, same work (a dummy hash is checked).
import type { Connections } from '../db/client'
import { pruneLoginAttempts, reserveLoginAttempt, settleLoginAttempt, type AttemptKey } from '../db/login-attempts'
import { createSession } from '../db/sessions'
import { findUserByEmail } from '../db/users'
import type { User } from '../generated/sqlite/client'
import { AppError } from '../app-error'
import { dummyPasswordHash, verifyPassword } from '../db/password-hash'

export const RATE_LIMIT = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 30 }

/**
 * Every password check, at sign-in and for a password change, goes through here: an attempt is reserved
 * (and counted) before `check` runs, so guesses beyond the limit are refused (429) without being evaluated,
 * however many arrive at once. `check` gives the user whose password matched, or null.
 */
async function checkPasswordWithinLimit(c: Connections, key: AttemptKey, check: () => Promise<User | null>): Promise<User | null> {
  const since = new Date(Date.now() - RATE_LIMIT.windowMs)
  const attempt = await reserveLoginAttempt(c, key, since, RATE_LIMIT)
  if (attempt === null) throw new AppError('rate_limited', 'too many failed sign-ins: wait 15 minutes and try again')
  const user = await check()
  if (user) await settleLoginAttempt(c, attempt)
  if (Math.random() < 0.01) await pruneLoginAttempts(c, since)
  return user
}

export async function signIn(c: Connections, input: { email: string; password: string; ip: string; userAgent: string | null }) {
  const email = input.email.trim().toLowerCase()
  const user = await checkPasswordWithinLimit(c, { email, ip: input.ip }, async () => {
    const found = await findUserByEmail(c, email)
    const valid = await verifyPassword(input.password, found?.passwordHash ?? (await dummyPasswordHash()))
    return found && valid && !found.disabledAt ? found : null
  })
  if (!user) throw new AppError('unauthorized', 'email or password is incorrect')
  const session = await createSession(c, user.id, { userAgent: input.userAgent, ip: input.ip })
  return { user, ...session }
}

/** The current password, before a signed-in user may set a new one: limited like a sign-in of that account. */
export async function verifyCurrentPassword(c: Connections, me: { email: string }, password: string, ip: string): Promise<void> {
  const user = await checkPasswordWithinLimit(c, { email: me.email, ip }, async () => {
    const found = await findUserByEmail(c, me.email)
    return found && (await verifyPassword(password, found.passwordHash)) ? found : null
  })
  if (!user) throw new AppError('bad_request', 'current password is incorrect')
}
