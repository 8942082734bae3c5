// The SQLite writer thread knows a program only if the module defining it is imported by
// sqlite-writer.worker.ts, and by name only: both are easy to miss when adding a program.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const dir = import.meta.dirname
const sources = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }))
const definitions = sources.flatMap(({ file, text }) =>
  [...text.matchAll(/defineSqlProgram\(\s*'([^']+)'/g)].map((m) => ({ file, name: m[1] })),
)
const worker = fs.readFileSync(path.join(dir, 'sqlite-writer.worker.ts'), 'utf8').replace(/^\s*\/\/.*$/gm, '') // imports only, not comments

describe('SQL write programs', () => {
  it('are found in lib/db (so the checks below check something)', () => {
    expect(definitions.map((d) => d.name)).toEqual(
      expect.arrayContaining(['recordNotification', 'recordRejectedDelivery', 'recordPortoutAnswer', 'upsertSubscribers', 'statements']),
    )
  })

  it('have unique names', () => {
    const names = definitions.map((d) => d.name)
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([])
  })

  it('live in modules the writer thread imports', () => {
    const imported = new Set([...worker.matchAll(/from '\.\/([\w-]+)'|import '\.\/([\w-]+)'/g)].map((m) => `${m[1] ?? m[2]}.ts`))
    const files = [...new Set(definitions.map((d) => d.file))]
    expect(files.filter((f) => !imported.has(f))).toEqual([])
  })
})
