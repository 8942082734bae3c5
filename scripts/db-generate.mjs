// Derives prisma/postgres/schema.prisma from prisma/schema.prisma and generates both Prisma clients.
// Runs on `npm install` (postinstall) and before `next build`. Works offline: `prisma generate`
// only needs PRISMA_SCHEMA_ENGINE_BINARY to name an existing file (see prisma.config.ts).
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { writePostgresSchema } from './derive-postgres-schema.mjs'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const target = path.relative(root, writePostgresSchema(root))

const env = {
  ...process.env,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(root, 'scripts/prisma-schema-engine.mjs'),
}
const prisma = path.join(root, 'node_modules/.bin/prisma')
for (const schema of ['prisma/schema.prisma', target]) {
  execFileSync(prisma, ['generate', '--schema', schema], { stdio: ['ignore', 'ignore', 'inherit'], env })
}
console.log('db-generate: Prisma clients for SQLite and PostgreSQL are up to date')
