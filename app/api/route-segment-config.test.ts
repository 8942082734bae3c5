// Every route handler runs on the Node.js runtime (the database drivers are native Node modules), and
// the Bandwidth webhooks declare how long they may run on Vercel: a port-out answer is worthless after
// Bandwidth's 30-second timeout. Read from the files, as Next reads these exports at build time.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const API = path.resolve(import.meta.dirname)
const routes = fs
  .readdirSync(API, { recursive: true, encoding: 'utf8' })
  .filter((f) => path.basename(f) === 'route.ts')
  .sort()
const exported = (source: string, name: string) => new RegExp(`^export const ${name} = (.+)$`, 'm').exec(source)?.[1].trim()
const read = (file: string) => fs.readFileSync(path.join(API, file), 'utf8')

describe('route segment config', () => {
  it('finds the route handlers, both webhooks among them', () => {
    expect(routes.length).toBeGreaterThan(20)
    expect(routes.filter((f) => f.startsWith('webhooks/'))).toEqual([
      'webhooks/bandwidth/notifications/route.ts',
      'webhooks/bandwidth/portout-validation/route.ts',
    ])
  })

  it.each(routes.filter((f) => f.startsWith('webhooks/')))('%s runs on nodejs with a maxDuration of at most 30 s', (file) => {
    const source = read(file)
    expect(exported(source, 'runtime')).toBe("'nodejs'")
    const maxDuration = Number(exported(source, 'maxDuration'))
    expect(maxDuration).toBeGreaterThan(0)
    expect(maxDuration).toBeLessThanOrEqual(30)
  })

  it('no route handler asks for the edge runtime', () => {
    expect(routes.filter((f) => /^export const runtime = (?!'nodejs')/m.test(read(f)))).toEqual([])
  })
})
