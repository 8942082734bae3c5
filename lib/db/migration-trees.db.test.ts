// Each migration tree, applied to an empty database by Portwatch's own migrator (what every deployed
// database gets), yields exactly prisma/schema.prisma: Prisma's diff between that database and the
// schema is empty. And `npm run db:migration` writes both providers' next step under one name and time.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrationSteps, migrationTree, prismaDiff, REPO } from '../../test/support/migration-trees'
import { createTestDatabase, createTestDatabaseUrl, testProviders, type TestDatabase } from '../../test/support/test-database'

describe.each(testProviders())('the %s migration tree', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider) // an empty database, migrated by lib/db/migrate.ts
  })
  afterAll(async () => t?.drop())

  it('applied to an empty database gives exactly the schema', () => {
    const { schema } = migrationTree(provider)
    const diff = prismaDiff(t.url, ['--from-config-datasource'], ['--to-schema', schema])
    expect(
      diff.status,
      `${path.relative(REPO, schema)} and the migrated database differ — create the missing migration with npm run db:migration -- <name>:\n${diff.output}`,
    ).toBe(0)
    // The comparison can see a difference at all: an empty schema is not the schema.
    expect(prismaDiff(t.url, ['--from-empty'], ['--to-schema', schema]).status).toBe(2)
  })
})

// The command always writes both trees, so it needs PostgreSQL: it runs where the db tier runs on PostgreSQL.
if (testProviders().includes('postgresql'))
  describe('npm run db:migration', () => {
    let root: string
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-db-migration-'))
      fs.cpSync(path.join(REPO, 'prisma'), path.join(root, 'prisma'), { recursive: true })
    })
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
    const command = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(REPO, 'scripts/db-migration.mjs'), ...args, '--root', root], {
        encoding: 'utf8',
        timeout: 120_000,
      })

    it('writes the next step for both providers under one name and one timestamp, each matching the changed schema', async () => {
      const schemaFile = path.join(root, 'prisma/schema.prisma')
      fs.appendFileSync(schemaFile, '\nmodel Widget {\n  id    String   @id\n  name  String   @unique\n  addedAt DateTime\n}\n')
      const before = {
        sqlite: migrationSteps(migrationTree('sqlite', root).dir),
        postgresql: migrationSteps(migrationTree('postgresql', root).dir),
      }

      const made = command('add_widget')
      expect(made.status, made.stderr).toBe(0)
      const after = {
        sqlite: migrationSteps(migrationTree('sqlite', root).dir),
        postgresql: migrationSteps(migrationTree('postgresql', root).dir),
      }
      const added = { sqlite: after.sqlite.at(-1)!, postgresql: after.postgresql.at(-1)! }
      expect(after.sqlite).toHaveLength(before.sqlite.length + 1)
      expect(after.postgresql).toHaveLength(before.postgresql.length + 1)
      expect(added.sqlite.folder).toMatch(/^\d{14}_add_widget$/)
      expect(added.postgresql.folder).toBe(added.sqlite.folder)
      expect(added.sqlite.timestamp! > before.postgresql.at(-1)!.timestamp!).toBe(true)
      const sql = (p: 'sqlite' | 'postgresql') =>
        fs.readFileSync(path.join(migrationTree(p, root).dir, added[p].folder, 'migration.sql'), 'utf8')
      expect(sql('sqlite')).toContain('CREATE TABLE "Widget"')
      expect(sql('sqlite')).toContain('"addedAt" DATETIME NOT NULL')
      expect(sql('postgresql')).toContain('"addedAt" TIMESTAMP(3) NOT NULL')
      expect(fs.readFileSync(path.join(root, 'prisma/postgres/schema.prisma'), 'utf8')).toContain('model Widget')

      // Each tree, replayed from scratch, now matches its (changed) schema.
      for (const p of ['sqlite', 'postgresql'] as const) {
        const scratch = await createTestDatabaseUrl(p)
        try {
          const { dir, schema } = migrationTree(p, root)
          const diff = prismaDiff(scratch.url, ['--from-migrations', dir], ['--to-schema', schema])
          expect(diff.status, diff.output).toBe(0)
        } finally {
          await scratch.drop()
        }
      }

      // Nothing left to migrate, and a name is used once.
      expect(command('add_widget_again').stderr).toMatch(/has no change to migrate/)
      expect(command('add_widget', '--empty').stderr).toMatch(/already has a migration named add_widget/)
    }, 240_000)
  })
