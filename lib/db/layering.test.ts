// lib/db is the bottom layer: it imports nothing from lib/http (HTTP), lib/server (services) or lib/auth (who may
// do what), so storing works the same for the receiver, the reconciler, the seed and the tests. The user and token
// stores' vocabulary (roles, scopes) is lib/roles.ts; passwords are hashed by lib/db/password-hash.ts, as session
// tokens are by sessions.ts.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const DB = path.resolve(import.meta.dirname)
const files = fs.readdirSync(DB).filter((f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f))
const importsOf = (file: string) => [...fs.readFileSync(path.join(DB, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1])

describe('lib/db layering', () => {
  it('imports nothing from lib/http, lib/server or lib/jobs runners', () => {
    const offences = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => /^(\.\.\/|@\/lib\/)(http|server)\//.test(i) || /jobs\/(?!job-kinds$)/.test(i))
        .map((i) => `${f}: ${i}`),
    )
    expect(offences).toEqual([])
  })

  it('imports nothing from lib/auth: the stores take their vocabulary from lib/roles.ts and hash with password-hash.ts', () => {
    const importers = files.filter((f) => importsOf(f).some((i) => /^(\.\.\/|@\/lib\/)auth\//.test(i)))
    expect(importers).toEqual([])
  })

  it('finds the files it checks', () => {
    expect(files).toContain('record-delivery.ts')
    expect(files.length).toBeGreaterThan(20)
  })
})
