import { createHash, timingSafeEqual } from 'node:crypto'
import type { Credential } from '../db/webhook-credentials'

/** `Authorization: Basic base64(user:pass)` → the pair, or null when absent or not Basic. */
export function parseBasicAuthorization(header: string | null): Credential | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header) : null
  if (!match) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/**
 * Whether `given` equals any accepted pair. Compares fixed-length digests with timingSafeEqual and
 * always checks every pair, so the time taken says nothing about which part was wrong.
 */
export function matchesAnyCredential(given: Credential, accepted: readonly Credential[]): boolean {
  return findMatchingCredential(given, accepted) !== undefined
}

/** The accepted pair the given one matches; every pair is compared, so the time taken does not say which one. */
export function findMatchingCredential<C extends Credential>(given: Credential, accepted: readonly C[]): C | undefined {
  const user = digest(given.username)
  const pass = digest(given.password)
  let matched: C | undefined
  for (const a of accepted) {
    const userOk = timingSafeEqual(user, digest(a.username))
    const passOk = timingSafeEqual(pass, digest(a.password))
    if (userOk && passOk && !matched) matched = a
  }
  return matched
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/** Bandwidth sends first without credentials and only repeats with them after exactly this challenge. */
export function basicAuthChallenge(realm: string): Response {
  return new Response('401 Unauthorized: valid HTTP Basic credentials are required\n', {
    status: 401,
    headers: { 'WWW-Authenticate': `Basic realm="${realm}", charset="UTF-8"`, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
