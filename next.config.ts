import type { NextConfig } from 'next'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'

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
    serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
    poweredByHeader: false,
  }
}
