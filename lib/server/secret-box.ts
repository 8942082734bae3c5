// Secrets Portwatch must be able to read back (webhook passwords, API client secrets, alert channel
// tokens) are stored sealed: AES-256-GCM with a key derived from the PIN key, which lives outside the
// database (PORTWATCH_PIN_SECRET, or ./data/pin-secret with SQLite). A database dump alone reveals none of them.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { getPinSecret } from './pin-secret'

const PREFIX = 'sealed:v1:'

/** The key for `info`: HKDF keeps it independent of the PIN hashes made with the same secret. */
function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'portwatch', 'portwatch sealed settings v1', 32))
}

let cachedKey: { secret: string; key: Buffer } | undefined
function key(secret = getPinSecret()): Buffer {
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveKey(secret) }
  return cachedKey.key
}

/** `sealed:v1:<iv>.<tag>.<ciphertext>` (base64url); `aad` binds the value to where it is stored (e.g. its setting key). */
export function sealSecret(plaintext: string, aad: string, secret?: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX)
}

/** Opens what sealSecret made with the same key and `aad`; throws on a wrong key, a different `aad` or tampering. */
export function openSecret(sealed: string, aad: string, secret?: string): string {
  if (!isSealed(sealed)) throw new Error('not a sealed value')
  const [iv, tag, body] = sealed.slice(PREFIX.length).split('.')
  if (!iv || !tag || body === undefined) throw new Error('sealed value is malformed')
  const decipher = createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

/** sealSecret/openSecret with the key from PORTWATCH_PIN_SECRET, for stores that take a SecretBox (lib/db/webhook-credentials.ts). */
export const secretBox = {
  seal: (plaintext: string, aad: string) => sealSecret(plaintext, aad),
  open: (sealed: string, aad: string) => openSecret(sealed, aad),
  isSealed,
}
