import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // Native and driver packages stay outside the bundle (Next lists most already; explicit is clearer).
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
  poweredByHeader: false,
}

export default nextConfig
