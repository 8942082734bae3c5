import fs from 'node:fs'
import path from 'node:path'

export const FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/bandwidth')

/** A sample body from test/fixtures/bandwidth (copied from the Bandwidth spec samples). */
export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8')
}

export function listFixtures(prefix: string): string[] {
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.xml'))
    .sort()
}
