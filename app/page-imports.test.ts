// Architecture: a page's files import shared pieces from components/ (or lib/), never from another page's folder.
// `./x` (its own folder) is fine; `../x` or `@/app/(dashboard)/…` reaches into a sibling page.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const APP = path.resolve(import.meta.dirname)

function pageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name)
    if (d.isDirectory()) return d.name === 'api' ? [] : pageFiles(full)
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [full] : []
  })
}

describe('page folders', () => {
  it('import nothing from a sibling page', () => {
    const offenders = pageFiles(APP).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/from '((?:\.\.\/|@\/app\/\()[^']*)'/g)]
        .map((m) => m[1])
        .filter((spec) => !spec.startsWith('@/app/api/'))
        .map((spec) => `${path.relative(APP, file)} imports ${spec}`),
    )
    expect(offenders).toEqual([])
  })
})
