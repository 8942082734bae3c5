// The traffic simulator against the production build: a short burst with duplicates and out-of-order
// deliveries must be acknowledged, read back and found through the API; a run where storage cannot be
// proven (wrong credentials, or a server that says 200 and keeps nothing) must exit non-zero.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { E2E_ADMIN, E2E_CREDENTIALS, E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { credentialArgs, runSimulator } from '../support/run-simulator'
import { expect, test } from '../support/test'

const CREDENTIALS = { webhook: E2E_CREDENTIALS, portout: E2E_PORTOUT_CREDENTIALS, admin: E2E_ADMIN }
// A share of duplicates high enough that a burst without any is out of the question (at 0.15, about 1 seed in 700 had none).
const BURST = ['--orders', '15', '--portouts', '3', '--speed', '5000000', '--rate', '200', '--duplicates', '0.3', '--out-of-order', '0.15']

test('a short burst is acknowledged, read back, and its orders are there through the API', async ({ request, baseURL }) => {
  test.setTimeout(60_000)
  const run = await runSimulator([
    '--url',
    baseURL!,
    '--seed',
    `e2e-${test.info().project.name}-${Date.now()}`,
    ...BURST,
    ...credentialArgs(CREDENTIALS),
  ])
  expect(run.code, run.stderr + run.stdout).toBe(0)
  const s = run.summary!
  expect(s.ok).toBe(true)
  // Every notification went through the challenge, and every one was acknowledged.
  expect(s.notifications.sent).toBeGreaterThan(15)
  expect(s.notifications.challenged).toBe(s.notifications.sent)
  expect(s.notifications.byHttpStatus).toEqual({ '200': s.notifications.sent })
  expect(s.notifications.acknowledged).toBe(s.notifications.sent)
  // Each injected copy was recognised as a duplicate, and nothing else was.
  expect(s.notifications.duplicatesSent).toBeGreaterThan(0)
  expect(s.notifications.byOutcome.duplicate ?? 0).toBe(s.notifications.duplicatesSent)
  expect(s.notifications.byOutcome.accepted).toBe(s.notifications.sent - s.notifications.duplicatesSent)
  expect(s.orders.total).toBe(15)
  expect(Object.values(s.orders.byFinalStatus).reduce((a, b) => a + b, 0)).toBe(15)
  expect(s.portouts).toMatchObject({ sent: 3, attempts: 3, answered: 3, unanswered: 0 })
  expect(s.portouts.portable + s.portouts.denied).toBe(3)
  expect(s.readBack).toMatchObject({
    missingCount: 0,
    unexpectedTimelineEntries: 0,
    statusMismatches: [],
    ordersChecked: 15,
    portoutsChecked: 3,
  })
  expect(s.readBack!.notificationsChecked).toBe(s.notifications.acknowledged)

  // Cross-check on our own: each order exists, with the final status the simulator expected.
  const statuses: Record<string, number> = {}
  for (const id of s.orders.ids) {
    const res = await request.get(`/api/orders/${id}`)
    expect(res.status(), id).toBe(200)
    const { order, timeline } = await res.json()
    expect(timeline.length).toBeGreaterThan(0)
    const status = order.status ?? '(notes only)'
    statuses[status] = (statuses[status] ?? 0) + 1
  }
  expect(statuses).toEqual(s.orders.byFinalStatus)
})

test('wrong webhook credentials: nothing acknowledged, and the exit code says so', async ({ baseURL }) => {
  const wrong = { ...CREDENTIALS, webhook: { username: E2E_CREDENTIALS.username, password: 'not-the-password' } }
  const run = await runSimulator([
    '--url',
    baseURL!,
    '--seed',
    'e2e-wrong',
    '--orders',
    '3',
    '--portouts',
    '0',
    '--speed',
    '5000000',
    ...credentialArgs(wrong),
  ])
  expect(run.code, run.stdout).toBe(1)
  expect(run.summary!.notifications.acknowledged).toBe(0)
  expect(run.summary!.notifications.byHttpStatus).toEqual({ '401': run.summary!.notifications.sent })
  expect(run.summary!.problems).toContain('nothing was acknowledged')
})

test('a --url where nothing listens: says so at once and exits 1, before sending anything', async () => {
  // A port that was just free: listen, note it, close.
  const probe = http.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  const run = await runSimulator([
    '--url',
    `http://127.0.0.1:${port}`,
    '--seed',
    'e2e-nobody',
    '--orders',
    '3',
    ...credentialArgs(CREDENTIALS),
  ])
  expect(run.code, run.stderr).toBe(1)
  expect(run.stderr).toContain(`simulate: cannot reach http://127.0.0.1:${port} (connect ECONNREFUSED`)
  expect(run.summary).toBeNull() // it stopped before the round (minutes at the default speed), not after it
})

test.describe('against a server that answers 200 but keeps nothing', () => {
  let fake: http.Server | undefined
  test.afterAll(() => new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve())))

  test('the read-back finds nothing and fails; an unanswered port-out request is retried 8 times with the identical body', async () => {
    test.setTimeout(60_000)
    const portoutBodies: string[] = []
    let notificationCount = 0
    fake = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        if (req.url === '/api/webhooks/bandwidth/notifications') {
          if (!req.headers.authorization) return res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fake"' }).end()
          notificationCount++
          return res.writeHead(200, { 'X-Portwatch-Outcome': 'accepted', 'X-Portwatch-Notification': `fake-${notificationCount}` }).end()
        }
        if (req.url === '/api/webhooks/bandwidth/portout-validation') {
          portoutBodies.push(body)
          return // never answers: the simulator's timeout and Bandwidth's retries
        }
        if (req.url === '/api/auth/login') return res.writeHead(200, { 'Set-Cookie': 'portwatch_session=fake; Path=/' }).end('{}')
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not_found"}')
      })
    })
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`

    // At this speed two simulated weeks take 2 s and the 5 minutes between attempts well under 1 ms; the timeout is shortened to 0.2 s.
    const run = await runSimulator([
      '--url',
      url,
      '--seed',
      'e2e-fake',
      '--orders',
      '4',
      '--events',
      '1',
      '--portouts',
      '1',
      '--speed',
      '600000',
      '--rate',
      '200',
      '--portout-timeout',
      '0.2',
      ...credentialArgs(CREDENTIALS),
    ])
    expect(run.code, run.stderr + run.stdout).toBe(1)
    const s = run.summary!
    expect(s.notifications.acknowledged).toBe(notificationCount)
    expect(s.readBack!.missingCount).toBe(s.notifications.acknowledged)
    expect(s.problems).toContain(`${notificationCount} acknowledged deliveries are missing`)
    expect(s.portouts).toMatchObject({ sent: 1, attempts: 9, answered: 0, unanswered: 1 })
    expect(portoutBodies).toHaveLength(9)
    expect(new Set(portoutBodies).size).toBe(1)
    expect(portoutBodies[0]).toMatch(/^<\?xml version="1.0"\?><PortOutValidationRequest><PON>WC-LSR-/)
  })
})
