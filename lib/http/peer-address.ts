// The address of the socket a request came in on. Next.js gives route handlers a Web Request, which has
// no socket, so node-server-hooks.ts copies the address into a request header as the request arrives.
// The header's name is random per process: no client can send it (or guess it) to pose as another address.
import { randomBytes } from 'node:crypto'

const HEADER = Symbol.for('portwatch.peerAddressHeader')
const g = globalThis as { [HEADER]?: string }

/** The header the server hooks write the socket address into (made once per process). */
export function peerAddressHeader(): string {
  return (g[HEADER] ??= `x-portwatch-peer-${randomBytes(12).toString('hex')}`)
}

/** The socket address of `request`, when the server hooks saw it arrive (not on Vercel). */
export function peerAddress(request: Request): string | undefined {
  const name = g[HEADER]
  return (name && request.headers.get(name)) || undefined
}
