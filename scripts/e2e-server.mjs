// Starts the production build on a fresh database for the e2e tier: `node scripts/e2e-server.mjs <sqlite|postgresql> <port>`.
// SQLite: a new file under test-results/; PostgreSQL: a new database next to PORTWATCH_TEST_POSTGRES_URL,
// dropped again when the server stops. The server migrates it on start like any other start.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

const [provider, port] = process.argv.slice(2)
const root = path.resolve(import.meta.dirname, '..')
const name = `portwatch_e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`

let url
let drop = async () => {}
if (provider === 'postgresql') {
  const admin = process.env.PORTWATCH_TEST_POSTGRES_URL
  if (!admin) throw new Error('PORTWATCH_TEST_POSTGRES_URL is required for the postgresql e2e server')
  const query = async (sql) => {
    const c = new pg.Client({ connectionString: admin })
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end()
    }
  }
  await query(`CREATE DATABASE "${name}"`)
  const u = new URL(admin)
  u.pathname = `/${name}`
  url = u.toString()
  drop = () => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
} else {
  const dir = path.join(root, 'test-results', 'e2e-db')
  fs.mkdirSync(dir, { recursive: true })
  url = `file:${path.join(dir, `${name}.db`)}`
}

const server = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-p', port, '-H', '127.0.0.1'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' },
})
let stopping = false
async function stop(signal) {
  if (stopping) return
  stopping = true
  server.kill(signal)
}
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => stop(s))
server.on('exit', async (code) => {
  await drop().catch((e) => console.error('[e2e-server] could not drop the test database:', e.message))
  process.exit(code ?? 0)
})
