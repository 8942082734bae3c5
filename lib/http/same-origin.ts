// Cross-site request protection for the session-authenticated API: a state-changing request must
// come from a page of this very origin. Browsers always send Origin on such requests.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase())
}

export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (!origin || origin === 'null') return false
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  try {
    const from = new URL(origin)
    // The whole origin: an http:// page on the same host and port is another site than this https:// one.
    return from.host === host && from.protocol === (isHttps(request) ? 'https:' : 'http:')
  } catch {
    return false
  }
}

/**
 * Whether the browser reached Portwatch over HTTPS: the X-Forwarded-Proto that Next.js sets from the
 * socket, or that the TLS-terminating proxy in front sets. Believed from anyone on purpose: a page of
 * another site cannot set it on a request, and what it decides (the origin, HSTS, the cookie's Secure
 * flag) a client gains nothing by faking: browsers ignore HSTS and Secure cookies over plain HTTP.
 */
export function isHttps(request: Request): boolean {
  const proto = request.headers.get('x-forwarded-proto')
  return proto ? proto.split(',')[0].trim() === 'https' : new URL(request.url).protocol === 'https:'
}
