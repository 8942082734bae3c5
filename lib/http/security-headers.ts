// The security headers of every answer, in one place: next.config.ts sends the fixed ones on every
// path (pages, API, static files), proxy.ts adds each page's Content-Security-Policy with its nonce.

/** On every response: no framing by any site (clickjacking), no MIME sniffing, no full URL in Referer to other sites. */
export const SECURITY_HEADERS: Record<string, string> = {
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
}

/** Sent only when the request came over HTTPS (X-Forwarded-Proto: https); a year, this host only. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000'

/** The API answers JSON, XML and text: nothing in them may load or run anything, nor be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

/**
 * A page's policy, after the Next.js guide (nonces set by proxy.ts; Next.js puts the nonce on its own
 * scripts and inline styles). `'strict-dynamic'` lets those scripts load the page's chunks. Style
 * attributes stay allowed (`style-src-attr`): React renders `style={…}` props (the chart's bar heights)
 * as attributes, which a nonce cannot cover. The dev server needs eval and injects styles without a nonce.
 */
export function pageContentSecurityPolicy(nonce: string, { dev, https }: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}
