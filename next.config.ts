import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // The container image runs Next's standalone server (.next/standalone/server.js, see Dockerfile).
  // Vercel packages its own functions from the traces, so the copy would be wasted work there.
  output: process.env.VERCEL ? undefined : 'standalone',
  // Read with fs at run time (lib/db/migrate.ts), so the tracer cannot see them: start-up migrates
  // and /api/health compares against them, on either provider.
  outputFileTracingIncludes: { '*': ['prisma/migrations/**/*', 'prisma/postgres/migrations/**/*'] },
  // Native and driver packages stay outside the bundle (Next lists most already; explicit is clearer).
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
}

export default nextConfig
