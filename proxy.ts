// Runs before every page is rendered (not the API, not static files: see the matcher): a fresh nonce
// for the page's Content-Security-Policy, which Next.js reads from the request to put on its scripts.
// The API is left out on purpose: Proxy would buffer (and cap) every request body it sees, the webhooks' too.
import { NextResponse, type NextRequest } from 'next/server'
import { pageContentSecurityPolicy } from './lib/http/security-headers'
import { isHttps } from './lib/http/same-origin'

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64')
  const policy = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https: isHttps(request) })
  const headers = new Headers(request.headers)
  headers.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('Content-Security-Policy', policy)
  return response
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
