// Pure: the key a port-out request's account number is counted under (the port-out burst issue) — a digest, so
// neither the issue nor the index holds the number itself.
import { createHash } from 'node:crypto'

/** `null` when the request names no account. The same trimmed number always gives the same 24 hex digits. */
export function portoutAccountKey(accountNumber: unknown): string | null {
  if (typeof accountNumber !== 'string' || accountNumber.trim() === '') return null
  return createHash('sha256').update(accountNumber.trim()).digest('hex').slice(0, 24)
}
