// A list of IP addresses and CIDR ranges (PORTWATCH_TRUSTED_PROXIES), as Node's own matcher.
import { BlockList, isIP } from 'node:net'

export type AddressList = { has(address: string): boolean }

/** "10.0.0.0/8, 127.0.0.1, fd00::/8" → a matcher, or the first entry that is neither an address nor a range. */
export function parseAddressList(text: string): { ok: true; list: AddressList } | { ok: false; entry: string } {
  const blocks = new BlockList()
  for (const entry of text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address, prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = Number(prefix)
    if (family === 0 || extra !== undefined) return { ok: false, entry }
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) blocks.addAddress(address, type)
    else if (/^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128)) blocks.addSubnet(address, bits, type)
    else return { ok: false, entry }
  }
  return {
    ok: true,
    list: {
      has(address) {
        const family = isIP(address)
        return family !== 0 && blocks.check(address, family === 4 ? 'ipv4' : 'ipv6')
      },
    },
  }
}

/**
 * One address as it appears in a socket or an X-Forwarded-For hop → its plain form: an IPv4-mapped
 * IPv6 address (::ffff:192.0.2.1) is the IPv4 address, a port or brackets are dropped. Not an address: undefined.
 */
export function normalizeAddress(text: string): string | undefined {
  let a = text.trim()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a)
  if (bracketed) a = bracketed[1]
  else if (/^[\d.]+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'))
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)
  if (mapped) a = mapped[1]
  return isIP(a) ? a.toLowerCase() : undefined
}
