// The pure core stays pure: lib/bandwidth, lib/orders, lib/portout and lib/alerts import nothing from Next.js,
// the database layer or Prisma, and read no environment. Checked here instead of by memory.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const PURE = ['lib/bandwidth', 'lib/orders', 'lib/portout', 'lib/simulator', 'lib/csv', 'lib/alerts', 'lib/forwarding', 'lib/format']
const FORBIDDEN = [
  /from ['"]next(\/|['"])/,
  /from ['"](@\/lib\/db|\.\.\/db)\b/,
  /from ['"]@prisma\//,
  /generated\/(sqlite|postgres)/,
  /process\.env/,
  /from ['"](pg|better-sqlite3)['"]/,
  // No I/O and no scheduling: outbound calls live in lib/integrations, and the core takes a clock instead of timers.
  /from ['"](@\/lib\/(server|integrations|http)|\.\.\/(server|integrations|http))\b/,
  /\bfetch\s*\(/,
  /\bset(Timeout|Interval|Immediate)\s*\(/,
]

function sources(dir: string): string[] {
  const abs = path.resolve(import.meta.dirname, '..', dir)
  if (!fs.existsSync(abs)) return []
  return fs
    .readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(abs, f))
}

describe('pure folders', () => {
  it.each(PURE)('%s imports no framework, database or environment, and does no I/O or scheduling', (dir) => {
    const offences = sources(dir).flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8')
      return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${path.relative(process.cwd(), file)}: ${re}`)
    })
    expect(offences).toEqual([])
  })

  it('finds the files it checks', () => {
    expect(sources('lib/bandwidth').length).toBeGreaterThan(5)
    expect(sources('lib/orders').length).toBeGreaterThan(2)
    expect(sources('lib/alerts').length).toBeGreaterThan(3)
  })
})
