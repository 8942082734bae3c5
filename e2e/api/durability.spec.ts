// Durability: a kill -9 of the server in the middle of a burst of notifications loses nothing it
// acknowledged. The route answers 200 only after the transaction committed (SQLite: WAL with
// synchronous=FULL; PostgreSQL: a committed transaction), so every 200 must survive a restart.
//
// This test runs its own server (not the project's webServer), because it has to kill it and start it
// again on the same database: scripts/e2e-server.mjs would create a fresh database on every start.
import { expect, test } from '@playwright/test'
import { E2E_ADMIN, E2E_CREDENTIALS, E2E_PORT_BASE } from '../../playwright.config'
import {
  answers,
  createDatabase,
  signInCookie,
  sleep,
  startServer,
  stopServer,
  waitForHealth,
  type Provider,
  type Server,
} from '../support/server'
import { basicAuth, NOTIFICATIONS_URL, orderXml } from '../support/webhooks'

const PROVIDERS = ['sqlite', 'postgresql'] as const
const WORKERS = 6
const MAX_REQUESTS = 5_000
const MAX_BURST_MS = 20_000
const MIN_ACKED_BEFORE_KILL = 30
const REQUEST_TIMEOUT_MS = 10_000

type Acked = { orderId: string; notificationId: string; outcome: string | null }

const SERVER_ENV = {
  BANDWIDTH_WEBHOOK_USERNAME: E2E_CREDENTIALS.username,
  BANDWIDTH_WEBHOOK_PASSWORD: E2E_CREDENTIALS.password,
  PORTWATCH_ADMIN_EMAIL: E2E_ADMIN.email,
  PORTWATCH_ADMIN_PASSWORD: E2E_ADMIN.password,
}

test.describe('durability', () => {
  let server: Server | undefined
  let cleanup: (() => Promise<void>) | undefined

  test.afterAll(async () => {
    await stopServer(server)
    await cleanup?.()
  })

  test('a kill -9 during a burst loses no acknowledged notification', async () => {
    test.setTimeout(120_000)
    const provider = test.info().project.name as Provider
    expect(PROVIDERS, `unknown project ${provider}`).toContain(provider)
    const port = E2E_PORT_BASE + 10 + PROVIDERS.indexOf(provider)
    const base = `http://127.0.0.1:${port}`
    expect(await answers(port), `port ${port} is already in use`).toBe(false)

    // A database of our own that outlives the server process (kept when the test fails, for a look).
    const database = await createDatabase(provider, 'durability')
    const databaseUrl = database.url
    cleanup = () => database.drop(test.info().status !== test.info().expectedStatus)
    test.info().annotations.push({ type: 'database', description: databaseUrl })

    // 1. Start and wait for health.
    server = startServer(port, databaseUrl, SERVER_ENV)
    await waitForHealth(server)
    const first = server

    // 2. Burst: WORKERS concurrent senders, each a unique order per request.
    const acked: Acked[] = []
    const unacked: { orderId: string; error: string }[] = []
    const otherStatus: { orderId: string; status: number }[] = []
    let sent = 0
    let inFlight = 0
    let inFlightAtKill = -1
    let killedAtMs = -1
    let killed = false
    // Kill at a random moment between 300 ms and 1 s into the burst (once enough were acknowledged),
    // so repeated runs cut the server off at different points of a request.
    const killAfterMs = 300 + Math.floor(Math.random() * 700)
    const burstStart = Date.now()
    const stopBurst = () => killed || sent >= MAX_REQUESTS || Date.now() - burstStart > MAX_BURST_MS

    const worker = async () => {
      while (!stopBurst()) {
        sent++
        const { orderId, xml } = orderXml({ status: 'SUBMITTED' })
        inFlight++
        try {
          const res = await fetch(`${base}${NOTIFICATIONS_URL}`, {
            method: 'POST',
            body: xml,
            headers: { 'Content-Type': 'application/xml; charset=utf-8', Authorization: basicAuth() },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          })
          await res.arrayBuffer().catch(() => {})
          if (res.status === 200) {
            const notificationId = res.headers.get('x-portwatch-notification')
            expect(notificationId, `200 without X-Portwatch-Notification for ${orderId}`).toBeTruthy()
            acked.push({ orderId, notificationId: notificationId!, outcome: res.headers.get('x-portwatch-outcome') })
          } else {
            otherStatus.push({ orderId, status: res.status })
          }
        } catch (error) {
          const cause = (error as { cause?: { code?: string; message?: string } }).cause
          unacked.push({ orderId, error: cause?.code ?? cause?.message ?? (error as Error).message })
          if (!killed) await sleep(20) // a hiccup before the kill: do not spin
        } finally {
          inFlight--
        }
      }
    }

    const killer = async () => {
      while (!(acked.length >= MIN_ACKED_BEFORE_KILL && Date.now() - burstStart >= killAfterMs)) {
        if (stopBurst()) return
        await sleep(5)
      }
      inFlightAtKill = inFlight
      killedAtMs = Date.now() - burstStart
      first.child.kill('SIGKILL')
      killed = true
    }

    await Promise.all([killer(), ...Array.from({ length: WORKERS }, worker)])
    expect(
      killed,
      `the burst ended before ${MIN_ACKED_BEFORE_KILL} notifications were acknowledged (acked ${acked.length}, sent ${sent}, other statuses ${JSON.stringify(otherStatus.slice(0, 5))}, errors ${JSON.stringify(unacked.slice(0, 5))})`,
    ).toBe(true)

    // The kill must really have taken the server down (next start serves from this very process).
    const exit = await Promise.race([first.exited, sleep(10_000).then(() => null)])
    expect(exit, 'the killed server process did not exit').toEqual({ code: null, signal: 'SIGKILL' })
    expect(await answers(port), `port ${port} still answers after the SIGKILL: a child process survived`).toBe(false)

    const stats = {
      provider,
      sent,
      acknowledged: acked.length,
      inFlightAtKill,
      killedAtMs,
      connectionFailures: unacked.length,
      otherStatuses: otherStatus.length,
    }
    console.log(`[durability] ${JSON.stringify(stats)}`)
    test.info().annotations.push({ type: 'durability', description: JSON.stringify(stats) })
    expect(acked.length).toBeGreaterThan(0)
    // Every order was unique, so every acknowledgement is a first store.
    expect(acked.filter((a) => a.outcome !== 'accepted')).toEqual([])

    // 3. Restart on the same database.
    server = startServer(port, databaseUrl, SERVER_ENV)
    await waitForHealth(server)
    const cookie = await signInCookie(base, E2E_ADMIN.email, E2E_ADMIN.password)

    // 4. Every acknowledged notification is there, on its order's timeline.
    const lost: { orderId: string; notificationId: string; why: string }[] = []
    const queue = [...acked]
    const check = async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        const res = await fetch(`${base}/api/orders/${a.orderId}`, {
          headers: { Cookie: cookie },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
        if (res.status !== 200) {
          lost.push({ ...a, why: `GET /api/orders/${a.orderId} answered ${res.status}: ${(await res.text()).slice(0, 200)}` })
          continue
        }
        const body = (await res.json()) as { order: { status: string | null }; timeline: { id: string }[] }
        if (!body.timeline.some((s) => s.id === a.notificationId))
          lost.push({ ...a, why: `timeline ${JSON.stringify(body.timeline.map((s) => s.id))} lacks it` })
      }
    }
    await Promise.all(Array.from({ length: 8 }, check))

    // For information: requests cut off by the kill may or may not have committed; both are fine.
    let storedUnacked = 0
    for (const u of unacked) {
      const res = await fetch(`${base}/api/orders/${u.orderId}`, {
        headers: { Cookie: cookie },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      await res.arrayBuffer()
      if (res.status === 200) storedUnacked++
      else expect(res.status, `GET /api/orders/${u.orderId}`).toBe(404)
    }
    const verdict = {
      acknowledged: acked.length,
      verified: acked.length - lost.length,
      lost: lost.length,
      unacknowledgedButStored: storedUnacked,
    }
    console.log(`[durability] ${provider} after restart: ${JSON.stringify(verdict)}`)
    test.info().annotations.push({ type: 'after restart', description: JSON.stringify(verdict) })

    expect(lost, 'acknowledged notifications missing after the kill -9 and restart').toEqual([])
  })
})
