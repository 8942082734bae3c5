// The container image, as far as it can be checked without a container engine: the runtime folder is
// assembled by the script the Dockerfile's build stage runs, then started with the runtime stage's CMD
// and ENV (only HOSTNAME and the settings differ) against a fresh PostgreSQL database (and once on an
// embedded SQLite file). Runs in the postgresql project only (playwright.config.ts): the image is meant for PostgreSQL.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { JOB_QUEUE_MIGRATION } from '../../lib/db/migrate'
import { E2E_ADMIN, E2E_CREDENTIALS, E2E_PORT_BASE } from '../../playwright.config'
import { argsOf, environment, execCommand, readDockerfile, stage } from '../../test/support/dockerfile'
import { createDatabase, signInCookie, spawnServer, stopServer, waitForHealth, type Server } from '../support/server'
import { expect, test } from '../support/test'
import { basicAuth, NOTIFICATIONS_URL, orderXml } from '../support/webhooks'

const ROOT = path.resolve(import.meta.dirname, '../..')
const PIN_SECRET = 'container-pin-secret-0123456789abcdef0123'
const runtime = stage(readDockerfile(), 'runtime')
/** What a process in the container sees: the image's ENV and the given values (and a PATH to find node). */
const imageEnvironment = (values: Record<string, string>) =>
  ({ PATH: process.env.PATH, ...environment(runtime), ...values }) as unknown as NodeJS.ProcessEnv
const prismaMigrations = fs
  .readdirSync(path.join(ROOT, 'prisma/postgres/migrations'))
  .filter((d) => fs.existsSync(path.join(ROOT, 'prisma/postgres/migrations', d, 'migration.sql')))
  .sort()
// Then the job queue's schema (Graphile Worker's migrations, which the image's migrator applies from its own folder).
const committedMigrations = [...prismaMigrations, JOB_QUEUE_MIGRATION]

test.describe('container image (standalone server)', () => {
  // Outside the repository on purpose: Node would otherwise find the repository's node_modules by
  // walking up from the folder, and a module missing from the image would go unnoticed.
  let parent: string
  let folder: string
  const servers: Server[] = []
  const drops: (() => Promise<void>)[] = []

  test.beforeAll(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'portwatch-container-'))
    folder = path.join(parent, 'app')
    execFileSync(process.execPath, ['scripts/assemble-standalone.mjs', folder], { cwd: ROOT, stdio: 'pipe' })
  })
  test.afterAll(async () => {
    for (const s of servers) await stopServer(s)
    for (const drop of drops) await drop().catch(() => {})
    if (parent) fs.rmSync(parent, { recursive: true, force: true })
  })

  /** The container's start: CMD in the assembled folder, the image's ENV plus the settings given, nothing inherited. */
  function startContainer(port: number, settings: Record<string, string>): Server {
    const server = spawnServer(port, execCommand(runtime), {
      cwd: folder,
      env: imageEnvironment({ HOSTNAME: '127.0.0.1', PORT: String(port), ...settings }),
    })
    servers.push(server)
    return server
  }

  async function freshDatabase(label: string): Promise<string> {
    const database = await createDatabase('postgresql', label)
    drops.push(() => database.drop())
    return database.url
  }

  test('migrates at start, is healthy, accepts a signed notification and serves it back, from its own folder only', async () => {
    test.setTimeout(120_000)
    const port = E2E_PORT_BASE + 50
    const databaseUrl = await freshDatabase('container')
    const server = startContainer(port, {
      DATABASE_URL: databaseUrl,
      PORTWATCH_PIN_SECRET: PIN_SECRET,
      BANDWIDTH_WEBHOOK_USERNAME: E2E_CREDENTIALS.username,
      BANDWIDTH_WEBHOOK_PASSWORD: E2E_CREDENTIALS.password,
      PORTWATCH_ADMIN_EMAIL: E2E_ADMIN.email,
      PORTWATCH_ADMIN_PASSWORD: E2E_ADMIN.password,
    })
    await waitForHealth(server)

    // Migrations were applied by the server itself at start.
    expect(server.output.join('')).toContain(`(applied ${committedMigrations.join(', ')})`)
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    try {
      const { rows } = await db.query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      )
      expect(rows.map((r) => r.migration_name)).toEqual(prismaMigrations)
    } finally {
      await db.end()
    }

    const health = await fetch(`${server.base}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true, migrations: 'current' })

    // The image's HEALTHCHECK command, run as Docker would run it (inside the container's environment).
    const healthcheck = /CMD (\[.*\])$/.exec(argsOf(runtime, 'HEALTHCHECK').join())![1]
    const [probe, ...probeArgs] = JSON.parse(healthcheck) as string[]
    expect(probe).toBe('node')
    execFileSync(process.execPath, probeArgs, { cwd: folder, env: imageEnvironment({ PORT: String(port) }), timeout: 10_000 })

    // A signed notification is stored and can be read back through the API.
    const { orderId, xml } = orderXml({ status: 'SUBMITTED' })
    const posted = await fetch(`${server.base}${NOTIFICATIONS_URL}`, {
      method: 'POST',
      body: xml,
      headers: { 'Content-Type': 'application/xml; charset=utf-8', Authorization: basicAuth() },
    })
    expect(posted.status, await posted.text()).toBe(200)
    expect(posted.headers.get('x-portwatch-outcome')).toBe('accepted')
    const cookie = await signInCookie(server.base, E2E_ADMIN.email, E2E_ADMIN.password)
    const order = await fetch(`${server.base}/api/orders/${orderId}`, { headers: { Cookie: cookie } })
    expect(order.status).toBe(200)
    expect((await order.json()).order).toMatchObject({ orderId, status: 'SUBMITTED' })

    // A page and the static assets it links (copied from .next/static next to server.js).
    const page = await fetch(`${server.base}/login`)
    expect(page.status).toBe(200)
    const assets = [...(await page.text()).matchAll(/\/_next\/static\/[^"'\s]+\.(?:js|css)/g)].map((m) => m[0])
    expect(assets.length).toBeGreaterThan(0)
    for (const asset of new Set(assets)) expect((await fetch(`${server.base}${asset}`)).status, asset).toBe(200)

    // The process runs from the assembled folder and has nothing of the repository open or mapped.
    const pid = server.child.pid!
    expect(fs.realpathSync(`/proc/${pid}/cwd`)).toBe(fs.realpathSync(folder))
    const mapped = fs
      .readFileSync(`/proc/${pid}/maps`, 'utf8')
      .split('\n')
      .map((l) => l.split(/\s+/).slice(5).join(' '))
      .filter(Boolean)
    const open = fs.readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        return '' // closed meanwhile
      }
    })
    expect([...mapped, ...open].filter((p) => p.startsWith(ROOT + path.sep))).toEqual([])
    // PostgreSQL never loads the SQLite driver; it must still load from the folder for a file: DATABASE_URL.
    execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').prepare('SELECT 1').get()"], {
      cwd: folder,
      env: imageEnvironment({}),
    })
  })

  test('on the embedded database too: a file: DATABASE_URL stores a signed notification from the folder alone', async () => {
    test.setTimeout(120_000)
    // SQLite writes run on a worker thread; its bundled chunk must be in the folder (the folder has no dev tools such as tsx).
    const file = path.join(parent, 'embedded', 'portwatch.db')
    const server = startContainer(E2E_PORT_BASE + 53, {
      DATABASE_URL: `file:${file}`,
      BANDWIDTH_WEBHOOK_USERNAME: E2E_CREDENTIALS.username,
      BANDWIDTH_WEBHOOK_PASSWORD: E2E_CREDENTIALS.password,
    })
    await waitForHealth(server)
    const { orderId, xml } = orderXml({ status: 'FOC' })
    const posted = await fetch(`${server.base}${NOTIFICATIONS_URL}`, {
      method: 'POST',
      body: xml,
      headers: { 'Content-Type': 'application/xml; charset=utf-8', Authorization: basicAuth() },
    })
    expect(posted.status, await posted.text()).toBe(200)
    expect(posted.headers.get('x-portwatch-outcome')).toBe('accepted')
    await stopServer(server)
    const stored = execFileSync(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}, { readonly: true }); process.stdout.write(JSON.stringify(db.prepare('SELECT "status" FROM "Order" WHERE "orderId" = ?').get(${JSON.stringify(orderId)})))`,
      ],
      { cwd: folder, env: imageEnvironment({}) },
    )
    expect(JSON.parse(String(stored))).toEqual({ status: 'FOC' })
  })

  test('without PORTWATCH_PIN_SECRET it refuses to start, in one line naming the variable', async () => {
    const server = startContainer(E2E_PORT_BASE + 51, { DATABASE_URL: await freshDatabase('container_nokey') })
    const { code } = await server.exited
    expect(code).toBe(1)
    const refusal = server.output
      .join('')
      .split('\n')
      .filter((l) => l.includes('cannot start'))
    expect(refusal).toEqual([
      expect.stringMatching(/^\[portwatch\] cannot start: PORTWATCH_PIN_SECRET is required with PostgreSQL .*openssl rand -hex 32/),
    ])
  })

  test('with PORTWATCH_MIGRATE_ON_START=0 health says 503 until the deploy step (npm run db:migrate) has run', async () => {
    test.setTimeout(120_000)
    const databaseUrl = await freshDatabase('container_deploy')
    const server = startContainer(E2E_PORT_BASE + 52, {
      DATABASE_URL: databaseUrl,
      PORTWATCH_PIN_SECRET: PIN_SECRET,
      PORTWATCH_MIGRATE_ON_START: '0',
    })
    let pending: Response | undefined
    for (let i = 0; i < 150 && !pending; i++) {
      pending = await fetch(`${server.base}/api/health`).catch(() => undefined)
      if (!pending) await new Promise((r) => setTimeout(r, 200))
    }
    expect(pending?.status, server.output.join('')).toBe(503)
    expect(await pending!.json()).toEqual({
      ok: false,
      message: `migrations pending: ${committedMigrations.join(', ')} (run npm run db:migrate)`,
    })

    execFileSync('npm', ['run', '--silent', 'db:migrate'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' })
    const health = await fetch(`${server.base}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true, migrations: 'current' })
  })
})
