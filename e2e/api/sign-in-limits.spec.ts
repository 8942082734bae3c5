// Sign-in against a server of the test's own (its per-address limit must not lock the shared server out
// for the other specs, and its memory is read from /proc): the limit counts the socket's address, not
// what a client writes in X-Forwarded-For, unless the socket is a proxy named in PORTWATCH_TRUSTED_PROXIES;
// the current-password check is limited; a huge body leaves the server's memory flat.
// 127.0.0.2 plays the reverse proxy: on Linux every 127/8 address is the loopback interface.
import fs from 'node:fs'
import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { E2E_ADMIN, E2E_PORT_BASE } from '../../playwright.config'
import { postJsonFrom, postLargeBody } from '../support/raw-http'
import { answers, createDatabase, startServer, stopServer, waitForHealth, type Provider, type Server } from '../support/server'

const PROVIDERS = ['sqlite', 'postgresql'] as const
const PROXY = '127.0.0.2'

let server: Server
let drop: (() => Promise<void>) | undefined

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  const provider = test.info().project.name as Provider
  const port = E2E_PORT_BASE + 76 + PROVIDERS.indexOf(provider)
  expect(await answers(port), `port ${port} is already in use`).toBe(false)
  const database = await createDatabase(provider, 'sign-in-limits')
  drop = database.drop
  server = startServer(port, database.url, {
    PORTWATCH_ADMIN_EMAIL: E2E_ADMIN.email,
    PORTWATCH_ADMIN_PASSWORD: E2E_ADMIN.password,
    PORTWATCH_TRUSTED_PROXIES: `${PROXY}, 10.0.0.0/8`,
  })
  await waitForHealth(server)
})

test.afterAll(async () => {
  await stopServer(server)
  await drop?.()
})

const guess = (from: string, headers: Record<string, string> = {}) =>
  postJsonFrom(
    from,
    `${server.base}/api/auth/login`,
    { email: `${randomUUID()}@e2e.test`, password: 'wrong-password-1' },
    { Origin: server.base, ...headers },
  )

test('X-Forwarded-For and X-Real-IP from a client are not believed: 30 guesses per address, however they are labelled', async () => {
  const statuses: number[] = []
  for (let i = 0; i < 40; i++) {
    const spoofed = `203.0.113.${i}`
    statuses.push((await guess('127.0.0.1', { 'X-Forwarded-For': spoofed, 'X-Real-IP': spoofed })).status)
  }
  expect(statuses.filter((s) => s === 401)).toHaveLength(30)
  expect(statuses.slice(30)).toEqual(Array(10).fill(429))
})

test('behind a trusted proxy each client behind it has its own limit, and the proxy cannot be spoofed past', async () => {
  // The proxy (127.0.0.2) forwards for 35 different clients: none of them is limited by the others.
  for (let i = 0; i < 35; i++) {
    const res = await guess(PROXY, { 'X-Forwarded-For': `198.51.100.${i}` })
    expect(res.status, `client ${i}`).toBe(401)
  }
  // One client behind it, whatever it writes itself before the proxy's hop: limited after 30.
  const statuses: number[] = []
  for (let i = 0; i < 32; i++) statuses.push((await guess(PROXY, { 'X-Forwarded-For': `10.9.9.${i}, 192.0.2.77` })).status)
  expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401))
  expect(statuses.slice(30)).toEqual([429, 429])
})

test('a 400 MiB body to sign-in, setup or a JSON route is refused with 413 and the memory stays flat', async () => {
  test.setTimeout(120_000)
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024
  const signIn = await postJsonFrom('127.0.0.4', `${server.base}/api/auth/login`, E2E_ADMIN, { Origin: server.base })
  expect(signIn.status, signIn.body).toBe(200)
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]
  const before = rss()
  for (const [path, headers] of [
    ['/api/auth/login', {}],
    ['/api/auth/setup', {}],
    ['/api/users', { Cookie: cookie }],
  ] as const) {
    const answer = await postLargeBody(`${server.base}${path}`, 400 * 1024 * 1024, {
      'Content-Type': 'application/json',
      Origin: server.base,
      ...headers,
    })
    expect(answer.status, path).toBe(413)
    expect(JSON.parse(answer.body).message, path).toMatch(/^body is larger than the \d+-byte limit$/)
  }
  const grown = rss() - before
  console.log(`[rss] server memory ${before.toFixed(0)} MiB → ${(before + grown).toFixed(0)} MiB after 3 × 400 MiB`)
  expect(grown).toBeLessThan(64)
})

test('the current-password check of a password change is limited', async () => {
  // Signed in from an address of its own (127.0.0.3), so the guesses above do not count here. Last: it
  // uses up the admin's own sign-in budget.
  const signIn = await postJsonFrom('127.0.0.3', `${server.base}/api/auth/login`, E2E_ADMIN, { Origin: server.base })
  expect(signIn.status, signIn.body).toBe(200)
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]
  const change = (currentPassword: string) =>
    postJsonFrom(
      '127.0.0.3',
      `${server.base}/api/auth/password`,
      { currentPassword, newPassword: 'a-brand-new-password-42' },
      {
        Origin: server.base,
        Cookie: cookie,
      },
    )
  const statuses: number[] = []
  for (let i = 0; i < 7; i++) statuses.push((await change(`not-the-password-${i}`)).status)
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429])
  expect((await change(E2E_ADMIN.password)).status).toBe(429)
})
