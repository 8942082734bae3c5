// Issue 11 §1: the port-out responder never fails open. With the generated (database-stored) pair, whatever the
// database does — hung, refused, dropped mid-request, slow (PostgreSQL, through a TCP proxy this test starts);
// held by a long write lock, contended (SQLite, another connection of this process) — every request is answered
// 200 with a valid PortOutValidationResponse within 2 s; the fallback is the approved one from the last background
// refresh; once the database is back, what is stored for each request is exactly what was sent; a retry gets the
// stored answer; and a process that never read its pair still answers (fail closed, or the 401 challenge).
// Issue 11 §2: the notifications receiver answers 503 within 10 s on a hung database. §4: no PIN digit of a body
// whose <Pin> is not closed is stored, shown or exported.
import http from 'node:http'
import Database from 'better-sqlite3'
import { XMLValidator } from 'fast-xml-parser'
import pg from 'pg'
import { E2E_ADMIN, E2E_PORT_BASE, E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { createDatabase, signInCookie, sleep, startServer, stopServer, waitForHealth, type Provider, type Server } from '../support/server'
import { TcpProxy } from '../support/tcp-proxy'
import { expect, test } from '../support/test'
import { basicAuth } from '../support/webhooks'

const PORTOUT = '/api/webhooks/bandwidth/portout-validation'
const NOTIFICATIONS = '/api/webhooks/bandwidth/notifications'
const PG_TARGET = () => {
  const u = new URL(process.env.PORTWATCH_TEST_POSTGRES_URL!)
  return { host: u.hostname, port: Number(u.port || 5432) }
}
// An approved fallback different from the built-in one (Portable=false 7598), to see which one answers.
const APPROVED_FALLBACK = { portable: false, code: '7512', description: 'Port-out held, please retry later' }
const ADMIN_ENV = { PORTWATCH_ADMIN_EMAIL: E2E_ADMIN.email, PORTWATCH_ADMIN_PASSWORD: E2E_ADMIN.password }

type Pair = { username: string; password: string }
type Answer = { status: number; kind: string | null; xml: string; ms: number; requestId: string | null }

const requestXml = (pon: string, pin?: string) =>
  `<PortOutValidationRequest><PON>${pon}</PON>${pin ? `<Pin>${pin}</Pin>` : ''}<TelephoneNumbers><TelephoneNumber>9195550100</TelephoneNumber></TelephoneNumbers></PortOutValidationRequest>`

async function postPortout(server: Server, pair: Pair | null, body: string): Promise<Answer> {
  const started = Date.now()
  const res = await fetch(`${server.base}${PORTOUT}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/xml', ...(pair ? { Authorization: basicAuth(pair.username, pair.password) } : {}) },
    signal: AbortSignal.timeout(15_000),
  })
  const xml = await res.text()
  return {
    status: res.status,
    kind: res.headers.get('x-portwatch-portout'),
    xml,
    ms: Date.now() - started,
    requestId: res.headers.get('x-portwatch-portout-request'),
  }
}

/** The promise Bandwidth relies on: 200, a well-formed PortOutValidationResponse, within 2 s. */
function expectValidAnswer(a: Answer, what: string) {
  expect(a.status, `${what}: status`).toBe(200)
  expect(a.ms, `${what}: answered within 2 s`).toBeLessThan(2_000)
  expect(XMLValidator.validate(a.xml), `${what}: well-formed XML`).toBe(true)
  expect(a.xml, what).toMatch(
    /^(<\?xml [^>]*\?>)?<PortOutValidationResponse><Portable>(true|false)<\/Portable>[\s\S]*<\/PortOutValidationResponse>$/,
  )
}

async function revealPair(server: Server, cookie: string, endpoint: 'portout' | 'notifications'): Promise<Pair> {
  const res = await fetch(`${server.base}/api/settings/credentials/reveal?endpoint=${endpoint}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: server.base },
  })
  expect(res.status).toBe(200)
  return (await res.json()).current
}

/** Reads the stored rows with a connection of the test's own (never through the proxy). */
type Reader = {
  rows(pon: string): Promise<{ responseXml: string; fallbackReason: string | null }[]>
  raw(sql: string): Promise<string>
  installFallbackPolicy(): Promise<void>
  close(): Promise<void>
}

function sqliteReader(file: string): Reader {
  const d = new Database(file, { timeout: 5_000 })
  return {
    rows: async (pon) => d.prepare(`SELECT "responseXml", "fallbackReason" FROM "PortoutRequest" WHERE "pon" = ?`).all(pon) as never,
    raw: async (sql) => JSON.stringify(d.prepare(sql).all()),
    installFallbackPolicy: async () => {
      d.prepare(`INSERT INTO "PolicyVersion" ("version", "createdAt", "policy", "approvedBy") VALUES (1, ?, ?, 'e2e')`).run(
        new Date().toISOString().replace('Z', '+00:00'),
        JSON.stringify({ rules: [], fallback: APPROVED_FALLBACK }),
      )
    },
    close: async () => void d.close(),
  }
}

async function pgReader(url: string): Promise<Reader> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  return {
    rows: async (pon) => (await client.query(`SELECT "responseXml", "fallbackReason" FROM "PortoutRequest" WHERE "pon" = $1`, [pon])).rows,
    raw: async (sql) => JSON.stringify((await client.query(sql)).rows),
    installFallbackPolicy: async () => {
      await client.query(`INSERT INTO "PolicyVersion" ("version", "createdAt", "policy", "approvedBy") VALUES (1, now(), $1, 'e2e')`, [
        JSON.stringify({ rules: [], fallback: APPROVED_FALLBACK }),
      ])
    },
    close: () => client.end(),
  }
}

/** Once the database is back: every request's stored answer, exactly one, is the one it was sent. */
async function expectStoredAsSent(reader: Reader, sent: Map<string, Answer>) {
  const deadline = Date.now() + 30_000
  for (const [pon] of sent) {
    while ((await reader.rows(pon)).length === 0 && Date.now() < deadline) await sleep(250)
  }
  await sleep(4_000) // long enough for any late work to land, were it able to
  for (const [pon, answer] of sent) {
    const rows = await reader.rows(pon)
    expect(
      rows.map((r) => r.responseXml),
      `${pon}: the stored answer is the one sent`,
    ).toEqual([answer.xml])
  }
}

test.describe('the port-out responder never fails open', () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = []
  test.afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await Promise.resolve(step()).catch(() => {})
  })

  test('answers 200 within 2 s whatever the database does, and stores exactly what it sent', async ({}, info) => {
    test.setTimeout(180_000)
    const provider = info.project.name as Provider
    const database = await createDatabase(provider, 'never-fails-open')
    cleanup.push(() => database.drop())
    let proxy: TcpProxy | undefined
    let url = database.url
    if (provider === 'postgresql') {
      proxy = await TcpProxy.start(E2E_PORT_BASE + 100, PG_TARGET())
      cleanup.push(() => proxy!.close())
      url = proxy.via(database.url)
    }
    const server = startServer(E2E_PORT_BASE + 80 + (provider === 'postgresql' ? 1 : 0), url, ADMIN_ENV)
    cleanup.push(() => stopServer(server))
    await waitForHealth(server)
    const cookie = await signInCookie(server.base, E2E_ADMIN.email, E2E_ADMIN.password)
    const pair = await revealPair(server, cookie, 'portout')
    const notificationsPair = await revealPair(server, cookie, 'notifications')
    const reader = provider === 'postgresql' ? await pgReader(database.url) : sqliteReader(database.url.slice('file:'.length))
    cleanup.push(() => reader.close())

    const decided = await postPortout(server, pair, requestXml('OK-1'))
    expectValidAnswer(decided, 'database up')
    expect(decided.kind).toBe('decided')
    expect(decided.xml).toContain('<Portable>true</Portable>')

    // Another instance approves a policy with its own fallback; this process serves no port-out meanwhile, so only
    // its background refresh can know it.
    await reader.installFallbackPolicy()
    await sleep(2_500)

    const sent = new Map<string, Answer>()
    const expectFallback = async (pon: string, what: string) => {
      const a = await postPortout(server, pair, requestXml(pon, '8642'))
      expectValidAnswer(a, what)
      expect(a.kind, what).toBe('database-unavailable')
      expect(a.xml, `${what}: the approved fallback of the last refresh`).toContain(`<Code>${APPROVED_FALLBACK.code}</Code>`)
      expect(a.xml).toContain(`<PON>${pon}</PON>`)
      sent.set(pon, a)
    }
    const notificationWithin10s = async (what: string) => {
      const started = Date.now()
      const res = await fetch(`${server.base}${NOTIFICATIONS}`, {
        method: 'POST',
        body: '<Notification><EventType>MESSAGING_LOST</EventType><ImpactedTelephoneNumbers><TelephoneNumber>9845550199</TelephoneNumber></ImpactedTelephoneNumbers></Notification>',
        headers: { 'Content-Type': 'application/xml', Authorization: basicAuth(notificationsPair.username, notificationsPair.password) },
        signal: AbortSignal.timeout(30_000),
      })
      await res.arrayBuffer()
      expect(res.status, `${what}: notifications`).toBe(503)
      expect(Date.now() - started, `${what}: notifications answered within 10 s`).toBeLessThan(10_000)
    }

    if (proxy) {
      // Hung: connections stay open, nothing comes back. Wait past any short-lived cache of the pair first.
      await proxy.setMode('hang')
      await sleep(6_000)
      await notificationWithin10s('hung')
      await expectFallback('HANG-1', 'hung')
      await expectFallback('HANG-2', 'hung, again')
      // Refused: nothing listens.
      await proxy.setMode('refuse')
      await expectFallback('REFUSED-1', 'refused')
      // Dropped mid-request: the connections are cut while the request is being worked on.
      await proxy.setMode('slow', { delayMs: 150 })
      const inFlight = postPortout(server, pair, requestXml('DROPPED-1', '8642'))
      await sleep(300)
      await proxy.setMode('drop')
      const dropped = await inFlight
      expectValidAnswer(dropped, 'dropped mid-request')
      sent.set('DROPPED-1', dropped)
      await expectFallback('DROPPED-2', 'dropped')
      // Slow: every round trip takes over a second, so the work finishes well after the deadline's fallback went out;
      // the late work must not store its own (Portable=true) answer.
      await proxy.setMode('slow', { delayMs: 600 })
      await expectFallback('SLOW-1', 'slow')
      await proxy.setMode('forward')
    } else {
      // A long write held by another connection.
      const holder = new Database(database.url.slice('file:'.length), { timeout: 5_000 })
      cleanup.push(() => holder.close())
      holder.exec('BEGIN IMMEDIATE')
      await sleep(6_000)
      await notificationWithin10s('locked')
      await expectFallback('LOCKED-1', 'locked by a long write')
      await expectFallback('LOCKED-2', 'locked, again')
      holder.exec('ROLLBACK')
      // Slow: the lock is taken and given back over and over, so a write gets in only now and then — some answers
      // are decided, some are the fallback; each is answered in time and stored as sent.
      let contended = true
      const contention = (async () => {
        while (contended) {
          holder.exec('BEGIN IMMEDIATE')
          await sleep(1_300)
          holder.exec('ROLLBACK')
          await sleep(5)
        }
      })()
      for (let i = 1; i <= 4; i++) {
        const a = await postPortout(server, pair, requestXml(`SLOW-${i}`, '8642'))
        expectValidAnswer(a, `slow ${i}`)
        expect(['decided', 'database-unavailable']).toContain(a.kind)
        sent.set(`SLOW-${i}`, a)
      }
      contended = false
      await contention
    }

    await expectStoredAsSent(reader, sent)
    // A retry (the same request again) gets the stored answer.
    const retry = await postPortout(server, pair, requestXml('OK-1'))
    expect(retry.kind).toBe('retry')
    expect(retry.xml).toBe(decided.xml)
    expect(server.output.join('')).toContain('[portout] DATABASE UNAVAILABLE')
    // The PIN of every request went through: never stored in clear.
    expect(await reader.raw(`SELECT "body" FROM "Delivery"`)).not.toContain('8642')
  })

  test('a process that has never read its pair still answers: fail closed with a pair, the 401 challenge without', async ({}, info) => {
    test.setTimeout(120_000)
    const provider = info.project.name as Provider
    const database = await createDatabase(provider, 'never-read')
    cleanup.push(() => database.drop())
    let proxy: TcpProxy | undefined
    let holder: Database.Database | undefined
    let url = database.url
    if (provider === 'postgresql') {
      // Hung from the very start: the process cannot read anything.
      proxy = await TcpProxy.start(E2E_PORT_BASE + 101, PG_TARGET())
      cleanup.push(() => proxy!.close())
      await proxy.setMode('hang')
      url = proxy.via(database.url)
    } else {
      holder = new Database(database.url.slice('file:'.length), { timeout: 5_000 })
      cleanup.push(() => holder!.close())
      holder.pragma('journal_mode = WAL')
      holder.exec('BEGIN EXCLUSIVE')
    }
    const server = startServer(E2E_PORT_BASE + 82 + (provider === 'postgresql' ? 1 : 0), url, ADMIN_ENV)
    cleanup.push(() => stopServer(server))
    const startedAt = Date.now()
    // Health itself waits up to 2 s for the database: ask the responder (401 without a pair) whether it serves.
    while ((await postPortout(server, null, requestXml('PROBE')).catch(() => null))?.status !== 401) {
      expect(Date.now() - startedAt, 'the server serves although its database does not answer').toBeLessThan(40_000)
      await sleep(250)
    }

    for (let i = 0; i < 2; i++) {
      const a = await postPortout(server, { username: 'bandwidth-guess', password: 'whatever' }, requestXml(`NEVER-${i}`, '8642'))
      expectValidAnswer(a, 'never read, with a pair')
      expect(a.kind).toBe('unverified')
      expect(a.xml).toContain('<Portable>false</Portable>')
      expect(a.xml, 'the built-in fallback: nothing was ever read').toContain('<Code>7598</Code>')
    }
    const challenged = await postPortout(server, null, requestXml('NEVER-NOAUTH'))
    expect(challenged.status).toBe(401)
    expect(challenged.ms).toBeLessThan(2_000)
    expect(server.output.join('')).toContain('CREDENTIALS NOT VERIFIED')

    // The database comes back: start-up completes on its own, and the stored pair is read and accepted.
    if (proxy) await proxy.setMode('forward')
    else {
      holder!.exec('ROLLBACK')
      holder!.close()
    }
    await waitForHealth(server)
    // Health is 200 once migrated; the retried start-up creates the first admin right after.
    let cookie: string | undefined
    for (const until = Date.now() + 20_000; !cookie && Date.now() < until; await sleep(250))
      cookie = await signInCookie(server.base, E2E_ADMIN.email, E2E_ADMIN.password).catch(() => undefined)
    const pair = await revealPair(server, cookie!, 'portout')
    const a = await postPortout(server, pair, requestXml('AFTER-1'))
    expectValidAnswer(a, 'after the database came back')
    expect(a.kind).toBe('decided')
    expect((await postPortout(server, { username: 'bandwidth-guess', password: 'whatever' }, requestXml('AFTER-2'))).status).toBe(401)
  })

  test('the fallback is the approved one of the last refresh, not whatever this process last read', async ({}, info) => {
    test.setTimeout(90_000)
    const provider = info.project.name as Provider
    const database = await createDatabase(provider, 'approved-fallback')
    cleanup.push(() => database.drop())
    let proxy: TcpProxy | undefined
    let url = database.url
    if (provider === 'postgresql') {
      proxy = await TcpProxy.start(E2E_PORT_BASE + 102, PG_TARGET())
      cleanup.push(() => proxy!.close())
      url = proxy.via(database.url)
    }
    // The pair from the environment: only the policy can come from the database here.
    const server = startServer(E2E_PORT_BASE + 84 + (provider === 'postgresql' ? 1 : 0), url, {
      BANDWIDTH_PORTOUT_USERNAME: E2E_PORTOUT_CREDENTIALS.username,
      BANDWIDTH_PORTOUT_PASSWORD: E2E_PORTOUT_CREDENTIALS.password,
    })
    cleanup.push(() => stopServer(server))
    await waitForHealth(server)
    const reader = provider === 'postgresql' ? await pgReader(database.url) : sqliteReader(database.url.slice('file:'.length))
    cleanup.push(() => reader.close())
    const pair = E2E_PORTOUT_CREDENTIALS
    expect((await postPortout(server, pair, requestXml('FB-0'))).kind).toBe('decided') // this process reads policy v0 here

    // Approved elsewhere (another instance), while this process answers nothing; then the database goes away.
    await reader.installFallbackPolicy()
    await sleep(2_500)
    if (proxy) await proxy.setMode('hang')
    else {
      const holder = new Database(database.url.slice('file:'.length), { timeout: 5_000 })
      holder.exec('BEGIN IMMEDIATE')
      cleanup.push(() => {
        holder.exec('ROLLBACK')
        holder.close()
      })
    }
    const a = await postPortout(server, pair, requestXml('FB-1'))
    expectValidAnswer(a, 'database away')
    expect(a.kind).toBe('database-unavailable')
    expect(a.xml, 'the approved fallback, from the background refresh').toContain(`<Code>${APPROVED_FALLBACK.code}</Code>`)
    if (proxy) await proxy.setMode('forward')
  })

  test('a body that trickles in is bounded by the same deadline: the fallback within 2 s', async ({ baseURL }) => {
    const url = new URL(PORTOUT, baseURL)
    const started = Date.now()
    const answer = await new Promise<{ status: number; xml: string; kind: string | undefined }>((resolve, reject) => {
      const req = http.request(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/xml',
          'Content-Length': '4096',
          Authorization: basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password),
        },
      })
      req.on('error', reject)
      req.on('response', (res) => {
        let xml = ''
        res.on('data', (chunk: Buffer) => (xml += chunk.toString()))
        res.on('end', () => {
          clearInterval(trickle)
          req.destroy()
          resolve({ status: res.statusCode!, xml, kind: res.headers['x-portwatch-portout'] as string | undefined })
        })
      })
      req.write('<PortOutValidationRequest><PON>TRICKLE-1</PON>')
      // A byte every 200 ms: the body would take minutes to arrive.
      const trickle = setInterval(() => req.write(' '), 200)
      setTimeout(() => {
        clearInterval(trickle)
        req.destroy()
        reject(new Error('no answer within 15 s'))
      }, 15_000)
    })
    const ms = Date.now() - started
    expect(answer.status).toBe(200)
    expect(ms, 'answered within 2 s of arrival').toBeLessThan(2_000)
    expect(XMLValidator.validate(answer.xml)).toBe(true)
    expect(answer.xml).toContain('<Portable>false</Portable>')
    expect(answer.kind).toBe('fallback')
  })

  test('a body whose <Pin> is not closed keeps no PIN digit: not stored, not shown, not exported', async ({ request }) => {
    const admin = request
    for (const [pon, body] of [
      ['CUT-1', '<PortOutValidationRequest><PON>CUT-1</PON><Pin>97531'],
      ['CUT-2', '<PortOutValidationRequest><PON>CUT-2</PON><Pin>97531<AccountNumber>1</AccountNumber></PortOutValidationRequest>'],
    ]) {
      const res = await request.post(PORTOUT, {
        data: body,
        headers: {
          'Content-Type': 'application/xml',
          Authorization: basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password),
        },
      })
      expect(res.status()).toBe(200)
      expect(await res.text()).toContain('<Portable>false</Portable>')
      const id = res.headers()['x-portwatch-portout-request']
      expect(id, pon).toBeTruthy()
      const shown = await admin.get(`/api/portouts/${id}`)
      expect(shown.status()).toBe(200)
      const detail = await shown.text()
      expect(detail).not.toContain('97531')
      const delivery = await admin.get(`/api/deliveries/${JSON.parse(detail).deliveryId}`)
      const raw = await delivery.text()
      expect(raw, 'the raw request as shown').not.toContain('97531')
      expect(raw).toContain('(withheld)')
      const exported = await admin.get(`/api/portouts/${id}/evidence`)
      expect(exported.status()).toBe(200)
      expect(await exported.text()).not.toContain('97531')
      const revealed = await admin.post(`/api/portouts/${id}/evidence`, { data: {} })
      expect(await revealed.text(), 'the evidence with CPNI revealed').not.toContain('97531')
    }
  })
})
