// `npm run db:migration -- <name> [--empty]`: after editing prisma/schema.prisma, writes the migration
// for BOTH providers, under one name and one timestamp:
//   prisma/migrations/<timestamp>_<name>/migration.sql            (SQLite)
//   prisma/postgres/migrations/<timestamp>_<name>/migration.sql   (PostgreSQL)
// Each is what `prisma migrate diff` finds between its tree and the schema, replayed into a shadow
// database (through the offline schema-engine shim): a temporary SQLite file, and a scratch PostgreSQL
// database created next to PORTWATCH_TEST_POSTGRES_URL (default: the local postgres://postgres@127.0.0.1:5432/postgres)
// and dropped afterwards. Nothing else is touched. `--empty` writes empty files for a hand-written data migration.
// (`--root <dir>`: another checkout's prisma/ folder, for tests.)
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { writePostgresSchema } from './derive-postgres-schema.mjs'

const repo = path.resolve(import.meta.dirname, '..')
const EMPTY = '-- This is an empty migration.'
const STEP = /^(\d{14})_(.+)$/

function fail(message) {
  console.error(`db:migration: ${message}`)
  process.exit(1)
}

const args = process.argv.slice(2)
const rootAt = args.indexOf('--root')
const root = rootAt === -1 ? repo : path.resolve(args[rootAt + 1] ?? fail('--root needs a folder'))
const allowEmpty = args.includes('--empty')
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--root')
if (positional.length !== 1) fail('usage: npm run db:migration -- <name> [--empty]   (e.g. add_outbox)')
const name = positional[0]
if (!/^[a-z][a-z0-9_]{0,80}$/.test(name)) fail(`"${name}" is not a migration name: use lower-case letters, digits and _ (e.g. add_outbox)`)

const trees = {
  sqlite: { dir: path.join(root, 'prisma/migrations'), schema: path.join(root, 'prisma/schema.prisma') },
  postgresql: { dir: path.join(root, 'prisma/postgres/migrations'), schema: writePostgresSchema(root) },
}
const steps = (dir) => fs.readdirSync(dir).filter((d) => STEP.test(d) && fs.existsSync(path.join(dir, d, 'migration.sql')))
for (const [provider, { dir }] of Object.entries(trees)) {
  const taken = steps(dir).find((d) => STEP.exec(d)[2] === name)
  if (taken) fail(`${provider} already has a migration named ${name} (${taken}): choose another name`)
}

// One timestamp for both, later than every step either tree already has (they are applied in name order).
const utc = (ms) => new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14)
const latest = Math.max(
  0,
  ...Object.values(trees).flatMap(({ dir }) =>
    steps(dir).map((d) => {
      const t = STEP.exec(d)[1]
      return Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14))
    }),
  ),
)
const stamp = utc(Math.max(Date.now(), latest + 1000))

const prisma = path.join(repo, 'node_modules/.bin/prisma')
function diff(tree, url) {
  return execFileSync(prisma, ['migrate', 'diff', '--from-migrations', tree.dir, '--to-schema', tree.schema, '--script'], {
    cwd: repo, // prisma.config.ts: the schema-engine shim; the datasource is DATABASE_URL
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

async function withScratchPostgres(work) {
  const pg = createRequire(import.meta.url)('pg')
  const server = new URL(process.env.PORTWATCH_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
  const db = `portwatch_migration_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: server.toString() })
    await client.connect()
    try {
      await client.query(sql)
    } finally {
      await client.end()
    }
  }
  try {
    await admin(`CREATE DATABASE "${db}"`)
  } catch (error) {
    fail(`cannot create a scratch database on ${server.host} (${error.message}): start PostgreSQL or set PORTWATCH_TEST_POSTGRES_URL`)
  }
  try {
    const url = new URL(server)
    url.pathname = `/${db}`
    return work(url.toString())
  } finally {
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`)
  }
}

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-migration-'))
const scripts = {}
let failure
try {
  scripts.sqlite = diff(trees.sqlite, `file:${path.join(sqliteDir, 'scratch.db')}`)
  scripts.postgresql = await withScratchPostgres((url) => diff(trees.postgresql, url))
} catch (error) {
  failure = String(error.stderr || error.message)
    .trim()
    .split('\n')
    .slice(-3)
    .join(' ')
} finally {
  fs.rmSync(sqliteDir, { recursive: true, force: true })
}
if (failure) fail(`prisma migrate diff failed: ${failure}`)

const isEmpty = (sql) => sql.trim() === EMPTY || sql.trim() === ''
const empty = Object.entries(scripts).filter(([, sql]) => isEmpty(sql))
if (empty.length === 1)
  fail(
    `the ${empty[0][0]} tree already matches the schema but the other does not: the trees have drifted (npx vitest run --project db lib/db/migration-trees.db.test.ts says how)`,
  )
if (empty.length === 2 && !allowEmpty)
  fail('prisma/schema.prisma has no change to migrate (pass --empty for a hand-written data migration)')

for (const [provider, tree] of Object.entries(trees)) {
  const folder = path.join(tree.dir, `${stamp}_${name}`)
  fs.mkdirSync(folder)
  fs.writeFileSync(path.join(folder, 'migration.sql'), scripts[provider].replace(/\s*$/, '\n'))
  console.log(`db:migration: ${path.relative(root, folder)}/migration.sql`)
}
