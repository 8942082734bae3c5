// The cron route's one credential: the bearer secret Vercel Cron sends (`Authorization: Bearer $CRON_SECRET`).
import { timingSafeEqual } from 'node:crypto'

/** Why the request is refused (one line), or undefined when it carries the secret. */
export function isCronAuthorized(authorization: string | null, secret: string | undefined): string | undefined {
  if (!secret) return 'CRON_SECRET is not set on this deployment: the cron route is off'
  const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
  if (!given) return 'Authorization: Bearer <CRON_SECRET> required'
  const a = Buffer.from(given)
  const b = Buffer.from(secret)
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'wrong cron secret'
  return undefined
}
