// `node scripts/assemble-standalone.mjs <folder>`: after `npm run build`, puts into <folder> everything the
// production server needs and nothing else: Next's standalone output (server.js, the traced node_modules
// with better-sqlite3's native module and pg), the static assets Next leaves out of it, and the
// migrations of both providers (read at start from prisma/… relative to the folder).
// The Dockerfile's build stage runs this, and e2e/api/container.spec.ts runs it too, so the folder the
// test starts is the folder the image ships.
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const target = process.argv[2] && path.resolve(process.argv[2])
if (!target) fail('usage: node scripts/assemble-standalone.mjs <folder>')
const standalone = path.join(root, '.next', 'standalone')
if (!fs.existsSync(path.join(standalone, 'server.js')))
  fail(`${path.relative(root, standalone)}/server.js is missing: run npm run build first (next.config.ts sets output: 'standalone')`)
if (target === root || root.startsWith(target + path.sep)) fail(`refusing to replace ${target}: it holds the repository`)

/** [from (repository), to (folder)]: Next's docs say to copy .next/static and public next to server.js. */
const COPIES = [
  ['.next/standalone', '.'],
  ['.next/static', '.next/static'],
  ['public', 'public'],
  ['prisma/migrations', 'prisma/migrations'],
  ['prisma/postgres/migrations', 'prisma/postgres/migrations'],
]
/** What the server loads at run time; a build that lost one of them must not ship. */
const REQUIRED = [
  'server.js',
  '.next/BUILD_ID',
  '.next/static',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  'node_modules/pg/package.json',
  'node_modules/@prisma/client/package.json',
  'node_modules/@prisma/adapter-pg/package.json',
  'node_modules/@prisma/adapter-better-sqlite3/package.json',
  'prisma/migrations',
  'prisma/postgres/migrations',
]

fs.rmSync(target, { recursive: true, force: true })
for (const [from, to] of COPIES) {
  const source = path.join(root, from)
  if (!fs.existsSync(source)) continue // public/ is optional
  // verbatimSymlinks: Next links its hashed externals (.next/node_modules/*) to ../../node_modules, relative to the folder.
  fs.cpSync(source, path.join(target, to), { recursive: true, verbatimSymlinks: true })
}
const missing = REQUIRED.filter((p) => !fs.existsSync(path.join(target, p)))
if (missing.length) fail(`the standalone build lacks ${missing.join(', ')}`)
for (const dir of ['prisma/migrations', 'prisma/postgres/migrations']) {
  if (!fs.readdirSync(path.join(target, dir)).some((d) => fs.existsSync(path.join(target, dir, d, 'migration.sql'))))
    fail(`${dir} holds no migration`)
}
console.log(
  `assemble-standalone: ${path.relative(process.cwd(), target) || '.'} is ready: node server.js there (PORT, HOSTNAME and DATABASE_URL from the environment)`,
)

function fail(message) {
  console.error(`assemble-standalone: ${message}`)
  process.exit(1)
}
