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
    return new URL(origin).host === host
  } catch {
    return false
  }
}

/** The client address for rate limiting: the last X-Forwarded-For hop (set by Next or the proxy in front). */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')
  const last = forwarded?.split(',').at(-1)?.trim()
  return last || request.headers.get('x-real-ip') || 'unknown'
}

export function isHttps(request: Request): boolean {
  const proto = request.headers.get('x-forwarded-proto')
  return proto ? proto.split(',')[0].trim() === 'https' : new URL(request.url).protocol === 'https:'
}
