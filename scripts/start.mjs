// `npm start`: build the production server when it is missing or older than the sources, then serve it.
// The database (SQLite under ./data by default) is created and migrated by the server on start.
// It serves with `next start` from the repository rather than the standalone server.js (that one is for
// the container image): server.js changes into .next/standalone, so ./data would land inside the build
// output, which the next build replaces.
import { spawnSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
process.env.NEXT_TELEMETRY_DISABLED = '1'
process.env.CHECKPOINT_DISABLE = '1'

const buildId = path.join(root, '.next', 'BUILD_ID')
const sources = ['app', 'components', 'lib', 'prisma', 'instrumentation.ts', 'next.config.ts', 'package.json', 'postcss.config.mjs']

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0
  const st = fs.statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const entry of fs.readdirSync(p)) {
    if (p.endsWith('lib') && entry === 'generated') continue
    newest = Math.max(newest, newestMtime(path.join(p, entry)))
  }
  return newest
}

const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0
if (builtAt === 0 || Math.max(...sources.map((s) => newestMtime(path.join(root, s)))) > builtAt) {
  console.log('[start] building the production server (first start, or the sources changed)…')
  const build = spawnSync(process.execPath, ['scripts/db-generate.mjs'], { stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  const next = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], { stdio: 'inherit' })
  if (next.status !== 0) process.exit(next.status ?? 1)
}

const port = process.env.PORT ?? '3000'
const server = spawn(
  path.join(root, 'node_modules/.bin/next'),
  ['start', '-p', port, ...(process.env.HOSTNAME ? ['-H', process.env.HOSTNAME] : [])],
  { stdio: 'inherit' },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
