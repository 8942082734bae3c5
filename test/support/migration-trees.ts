// The two migration trees (prisma/migrations for SQLite, prisma/postgres/migrations for PostgreSQL) and
// Prisma's own schema comparison, for the tests that hold them to each other and to the schema.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const REPO = path.resolve(import.meta.dirname, '../..')
export type Provider = 'sqlite' | 'postgresql'

export function migrationTree(provider: Provider, root = REPO): { dir: string; schema: string } {
  return provider === 'sqlite'
    ? { dir: path.join(root, 'prisma/migrations'), schema: path.join(root, 'prisma/schema.prisma') }
    : { dir: path.join(root, 'prisma/postgres/migrations'), schema: path.join(root, 'prisma/postgres/schema.prisma') }
}

const STEP = /^(\d{14})_(.+)$/

/** The tree's steps in the order they are applied (folder name order), as { folder, timestamp, name }. */
export function migrationSteps(dir: string) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((folder) => {
      const m = STEP.exec(folder)
      return { folder, timestamp: m?.[1] ?? null, name: m?.[2] ?? folder, hasSql: fs.existsSync(path.join(dir, folder, 'migration.sql')) }
    })
}

/**
 * `prisma migrate diff --exit-code` through the offline schema-engine shim, run from the repository
 * (prisma.config.ts); `url` is the datasource (a scratch SQLite file or PostgreSQL database).
 * Exit 0: no difference; 2: a difference (summary in stdout); anything else: the comparison failed.
 */
export function prismaDiff(url: string, from: string[], to: string[]): { status: number | null; output: string } {
  const r = spawnSync(path.join(REPO, 'node_modules/.bin/prisma'), ['migrate', 'diff', ...from, ...to, '--exit-code'], {
    cwd: REPO,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`.trim() }
}
