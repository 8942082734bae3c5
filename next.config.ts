import type { NextConfig } from 'next'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from './lib/http/security-headers'

export default function nextConfig(phase: string): NextConfig {
  return {
    // The build also writes Next's standalone server (.next/standalone/server.js) for the container
    // image (Dockerfile, scripts/assemble-standalone.mjs). Only the build reads this setting: `next start`
    // (npm start, the tests) keeps serving the same build from the repository, where ./data lives, and
    // would otherwise warn that it "does not work" with standalone (it does; the warning is about the
    // recommended way). Vercel packages its own functions from the traces, so it skips the copy.
    output: phase === PHASE_PRODUCTION_BUILD && !process.env.VERCEL ? 'standalone' : undefined,
    // Read with fs at run time (lib/db/migrate.ts), so the tracer cannot see them: start-up migrates
    // and /api/health compares against them, on either provider.
    outputFileTracingIncludes: { '*': ['prisma/migrations/**/*', 'prisma/postgres/migrations/**/*'] },
    // sharp serves next/image optimisation, which Portwatch does not use: ~30 MB less in the image.
    outputFileTracingExcludes: { '*': ['node_modules/sharp/**', 'node_modules/@img/**'] },
    // Native and driver packages stay outside the bundle (Next lists most already; explicit is clearer).
    // Graphile Worker (the PostgreSQL job queue) too: it loads its SQL and optional config at run time.
    serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg', 'graphile-worker'],
    poweredByHeader: false,
    // lib/http/security-headers.ts: the fixed headers everywhere; the API's policy; HSTS over HTTPS only.
    // Pages get their Content-Security-Policy (with a nonce) from proxy.ts.
    async headers() {
      return [
        { source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
        { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
        {
          source: '/:path*',
          has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
          headers: [{ key: 'Strict-Transport-Security', value: STRICT_TRANSPORT_SECURITY }],
        },
      ]
    },
  }
}
