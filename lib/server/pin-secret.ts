// The key for subscriber PIN hashes. It lives outside the database (PORTWATCH_PIN_SECRET, or with the
// embedded SQLite database a file in ./data), so a database dump alone does not let anyone test PIN guesses.
// With PostgreSQL the variable is required (checked at start, lib/server/check-deployment.ts): several
// instances must share the key, and Vercel's filesystem cannot keep a file.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { config, ConfigurationError } from '../config'
import { resolveDatabaseTarget } from '../db/database-url'

const FILE = path.resolve('data', 'pin-secret')
let cached: string | undefined

export function getPinSecret(): string {
  if (cached) return cached
  const env = config()
  if (env.PORTWATCH_PIN_SECRET) return (cached = env.PORTWATCH_PIN_SECRET)
  if (resolveDatabaseTarget(env.DATABASE_URL).provider !== 'sqlite')
    throw new ConfigurationError('PORTWATCH_PIN_SECRET is required with PostgreSQL')
  if (!fs.existsSync(FILE)) {
    fs.mkdirSync(path.dirname(FILE), { recursive: true })
    // wx: two processes starting at once cannot both write a different key.
    try {
      fs.writeFileSync(FILE, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
      console.log(`[portwatch] generated the PIN hashing key in ${FILE}; set PORTWATCH_PIN_SECRET to share it between instances`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return (cached = fs.readFileSync(FILE, 'utf8').trim())
}
