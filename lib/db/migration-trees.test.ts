// The SQLite and PostgreSQL migration trees are twins: the same steps, by name, in the same order.
// Timestamps may differ (the trees used to be made by two commands a few seconds apart, and deployed
// databases record those folder names, so they stay); `npm run db:migration` now gives both one name and one time.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrationSteps, migrationTree } from '../../test/support/migration-trees'

describe('migration trees', () => {
  const sqlite = migrationSteps(migrationTree('sqlite').dir)
  const postgres = migrationSteps(migrationTree('postgresql').dir)

  it('hold the same steps in the same order', () => {
    expect(
      postgres.map((s) => s.name),
      `SQLite:     ${sqlite.map((s) => s.folder).join(', ')}\nPostgreSQL: ${postgres.map((s) => s.folder).join(', ')}\n` +
        'every step needs its twin in the other tree, in the same place: npm run db:migration -- <name> creates both (README "Changing the schema")',
    ).toEqual(sqlite.map((s) => s.name))
    expect(sqlite.length).toBeGreaterThan(5)
  })

  it('name every step <14-digit UTC timestamp>_<name> with its migration.sql, and lock each tree to its provider', () => {
    for (const step of [...sqlite, ...postgres]) {
      expect(step.timestamp, step.folder).toMatch(/^20\d{12}$/)
      expect(step.hasSql, `${step.folder} has no migration.sql`).toBe(true)
    }
    for (const provider of ['sqlite', 'postgresql'] as const)
      expect(fs.readFileSync(path.join(migrationTree(provider).dir, 'migration_lock.toml'), 'utf8')).toMatch(
        new RegExp(`^provider = "${provider}"$`, 'm'),
      )
  })
})
