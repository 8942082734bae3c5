// Outbound URLs an admin typed (alert webhooks, Slack, forwarding targets) are a way to make the server call
// somewhere for someone: server-side request forgery. Only http(s), no credentials in the URL, and no private,
// loopback, link-local, multicast or reserved address, checked on every address the name resolves to, unless
// PORTWATCH_ALLOW_PRIVATE_URLS=1. The caller connects to the address checked here (see post-outbound.ts), so a
// name that resolves differently a moment later (DNS rebinding) cannot slip past.
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

export type GuardedUrl = { ok: true; url: URL; address: string; family: 4 | 6 } | { ok: false; reason: string }

const BLOCKED = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4')
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6')

/** Whether an address is one an outbound call must not reach (an IPv4-mapped IPv6 address is checked as IPv4). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return BLOCKED.check(mapped[1], 'ipv4')
  const family = isIP(address)
  if (family === 0) return true
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

export type GuardOptions = { allowPrivate: boolean; resolve?: (host: string) => Promise<{ address: string; family: number }[]> }

export async function guardOutboundUrl(raw: string, o: GuardOptions): Promise<GuardedUrl> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: 'not a URL' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, reason: `only http and https URLs are allowed, not ${url.protocol}` }
  if (url.username || url.password) return { ok: false, reason: 'a URL with a user name or password in it is not allowed' }
  const host = await guardOutboundHost(url.hostname.replace(/^\[|\]$/g, ''), o)
  if (!host.ok) return host
  return { ok: true, url, address: host.address, family: host.family }
}

/** The same check for a bare host name (an SMTP server): the address to connect to, or why not. */
export async function guardOutboundHost(
  host: string,
  o: GuardOptions,
): Promise<{ ok: true; address: string; family: 4 | 6 } | { ok: false; reason: string }> {
  let addresses: { address: string; family: number }[]
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }]
  else {
    try {
      addresses = await (o.resolve ?? ((h) => lookup(h, { all: true, verbatim: true })))(host)
    } catch (error) {
      return { ok: false, reason: `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})` }
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve` }
  }
  // Every address: a name with one public and one private address must not be usable to reach the private one.
  const blocked = o.allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address))
  if (blocked)
    return {
      ok: false,
      reason: `${host} is a private, loopback or reserved address (${blocked.address}); set PORTWATCH_ALLOW_PRIVATE_URLS=1 to allow it`,
    }
  return { ok: true, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 }
}
