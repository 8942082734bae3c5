// prisma/postgres/schema.prisma is derived from prisma/schema.prisma (the single source of the models):
// the same file with the PostgreSQL provider and the PostgreSQL client's output folder.
import fs from 'node:fs'
import path from 'node:path'

const HEADER = '// GENERATED from prisma/schema.prisma by scripts/db-generate.mjs — do not edit\n'

export function derivePostgresSchema(src) {
  const out = src
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output   = "../../lib/generated/postgres"')
  if (!out.includes('"postgresql"') || !out.includes('generated/postgres')) {
    throw new Error('db-generate: could not derive the PostgreSQL schema from prisma/schema.prisma')
  }
  return HEADER + out
}

/** Writes <root>/prisma/postgres/schema.prisma from <root>/prisma/schema.prisma (only when it changed); returns its path. */
export function writePostgresSchema(root) {
  const target = path.join(root, 'prisma/postgres/schema.prisma')
  const derived = derivePostgresSchema(fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8'))
  fs.mkdirSync(path.dirname(target), { recursive: true })
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== derived) fs.writeFileSync(target, derived)
  return target
}
