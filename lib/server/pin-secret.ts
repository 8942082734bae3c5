// The key for subscriber PIN hashes. It lives outside the database (PORTWATCH_PIN_SECRET, or a file
// next to the embedded database), so a database dump alone does not let anyone test PIN guesses.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { config } from '../config'

const FILE = path.resolve('data', 'pin-secret')
let cached: string | undefined

export function getPinSecret(): string {
  if (cached) return cached
  const fromEnv = config().PORTWATCH_PIN_SECRET
  if (fromEnv) return (cached = fromEnv)
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
