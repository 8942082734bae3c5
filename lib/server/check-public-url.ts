// Whether Bandwidth could reach a public URL at all: it must be HTTPS and name a host outside this machine
// and outside private networks. Pure (no lookups): a name that resolves privately is not caught here.

/** One line per problem; empty when the URL looks reachable from outside. */
export function publicUrlProblems(url: string): string[] {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return [`“${url.slice(0, 80)}” is not a URL.`]
  }
  const problems: string[] = []
  if (parsed.protocol !== 'https:') problems.push('It is not HTTPS: Bandwidth would send the Basic-auth credentials in clear.')
  const why = privateHostReason(parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase())
  if (why) problems.push(`${parsed.hostname} is ${why}: Bandwidth cannot reach it from the internet.`)
  return problems
}

function privateHostReason(host: string): string | null {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'this machine'
  if (host === '::1' || host === '0.0.0.0' || /^127\./.test(host)) return 'a loopback address'
  if (/^10\./.test(host) || /^192\.168\./.test(host) || /^172\.(1[6-9]|2\d|3[01])\./.test(host)) return 'a private address'
  if (/^169\.254\./.test(host) || /^fe80:/.test(host)) return 'a link-local address'
  if (/^f[cd][0-9a-f]{2}:/.test(host)) return 'a private address'
  if (host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) return 'a local name'
  return null
}
