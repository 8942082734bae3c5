// Sessions live in the database (every instance sees them). The browser holds a random token;
// only its SHA-256 is stored, so a database dump cannot be replayed as a login.
import { createHash, randomBytes } from 'node:crypto'
import type { User } from '../generated/sqlite/client'
import type { Connections } from './client'

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
// A session in use is extended, at most once per this interval (keeps reads cheap).
const EXTEND_AFTER_MS = 10 * 60 * 1000

/** SHA-256 of a random bearer secret (session or API token): 256 random bits need no slow hash. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

export async function createSession(
  c: Connections,
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await c.prisma.session.create({
    data: {
      id: hashToken(token),
      userId,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    },
  })
  return { token, expiresAt }
}

/** The signed-in user for a session token, or null when the token is unknown, expired or the user is disabled. */
export async function getSessionUser(c: Connections, token: string | undefined): Promise<User | null> {
  if (!token || token.length > 200) return null
  const session = await c.prisma.session.findUnique({ where: { id: hashToken(token) }, include: { user: true } })
  if (!session) return null
  const now = Date.now()
  if (session.expiresAt.getTime() <= now || session.user.disabledAt) {
    await c.prisma.session.deleteMany({ where: { id: session.id } })
    return null
  }
  if (now - session.lastSeenAt.getTime() > EXTEND_AFTER_MS) {
    await c.prisma.session.updateMany({
      where: { id: session.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_TTL_MS) },
    })
  }
  return session.user
}

export async function deleteSession(c: Connections, token: string): Promise<void> {
  await c.prisma.session.deleteMany({ where: { id: hashToken(token) } })
}
