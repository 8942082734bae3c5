// Who is asking, for the per-address sign-in limit. Headers can be written by anyone, so the address
// is the socket's (stamped by node-server-hooks.ts), and X-Forwarded-For is believed only when the
// socket belongs to a proxy that PORTWATCH_TRUSTED_PROXIES names. On Vercel, whose edge sets X-Real-IP
// itself (it replaces whatever the client sent), that header is the address.
import { config } from '../config'
import { normalizeAddress, parseAddressList, type AddressList } from './address-list'
import { peerAddress } from './peer-address'

const NOBODY: AddressList = { has: () => false }
let trusted: { text: string | undefined; list: AddressList } | undefined

function trustedProxies(): AddressList {
  const text = config().PORTWATCH_TRUSTED_PROXIES
  if (trusted && trusted.text === text) return trusted.list
  const parsed = text ? parseAddressList(text) : undefined
  const list = parsed?.ok ? parsed.list : NOBODY
  trusted = { text, list }
  return list
}

/** The client's address for rate limiting, or 'unknown' when the server cannot tell. */
export function clientAddress(request: Request): string {
  if (config().VERCEL) return normalizeAddress(request.headers.get('x-real-ip') ?? '') ?? 'unknown'
  return resolveClientAddress(peerAddress(request), request.headers.get('x-forwarded-for'), trustedProxies())
}

/**
 * The socket's address, unless it is a trusted proxy: then the X-Forwarded-For hops are walked from
 * the right (the one the nearest proxy added) past every trusted proxy to the first address that is not
 * one. A hop that is not an address ends the walk at the last trusted hop: it cannot be believed.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | null, trusted: AddressList): string {
  let client = peer === undefined ? undefined : normalizeAddress(peer)
  if (client === undefined) return 'unknown'
  const hops = (forwardedFor ?? '').split(',')
  for (let i = hops.length - 1; i >= 0 && trusted.has(client); i--) {
    if (hops[i].trim() === '') continue
    const hop = normalizeAddress(hops[i])
    if (hop === undefined) break
    client = hop
  }
  return client
}
