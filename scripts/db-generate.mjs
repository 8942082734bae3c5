// Derives prisma/postgres/schema.prisma from prisma/schema.prisma and generates both Prisma clients.
// Runs on `npm install` (postinstall) and before `next build`. Works offline: `prisma generate`
// only needs PRISMA_SCHEMA_ENGINE_BINARY to name an existing file (see prisma.config.ts).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const src = fs.readFileSync('prisma/schema.prisma', 'utf8')
const out = src
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output   = "../../lib/generated/postgres"')
if (!out.includes('"postgresql"') || !out.includes('generated/postgres')) {
  throw new Error('db-generate: could not derive the PostgreSQL schema from prisma/schema.prisma')
}
fs.mkdirSync('prisma/postgres', { recursive: true })
const header = '// GENERATED from prisma/schema.prisma by scripts/db-generate.mjs — do not edit\n'
const target = 'prisma/postgres/schema.prisma'
if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== header + out) fs.writeFileSync(target, header + out)

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
