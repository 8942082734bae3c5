// Two production servers on one PostgreSQL, as behind a load balancer: nothing one instance needs may
// live only in the other's memory. The simulator's traffic alternates between them (a challenge and
// its authenticated repeat can land on different instances); sessions, sign-in limits, generated
// credentials, settings and the approved port-out policy must be the same on both.
// PostgreSQL only: an embedded SQLite file belongs to one process on one machine.
import { buildPortoutValidationRequestXml } from '../../lib/bandwidth/build-portout-validation-request'
import { E2E_PORT_BASE } from '../../playwright.config'
import { credentialArgs, runSimulator } from '../support/run-simulator'
import { answers, createDatabase, signInCookie, sleep, startServer, stopServer, waitForHealth, type Server } from '../support/server'
import { expect, test } from '../support/test'

const ADMIN = { email: 'admin@multi.test', password: 'multi-admin-password-01' }
const OPERATOR = { email: 'operator@multi.test', password: 'multi-operator-password-01' }
// No BANDWIDTH_* pairs: both instances must agree on the pairs generated into the database.
const SERVER_ENV = {
  PORTWATCH_ADMIN_EMAIL: ADMIN.email,
  PORTWATCH_ADMIN_PASSWORD: ADMIN.password,
  PORTWATCH_PIN_SECRET: 'multi-instance-pin-secret-0123456789abcdef',
}
const PORTOUT_PATH = '/api/webhooks/bandwidth/portout-validation'
const NOTIFICATIONS_PATH = '/api/webhooks/bandwidth/notifications'

test.describe('two instances on one PostgreSQL', () => {
  let a: Server | undefined
  let b: Server | undefined
  let drop: ((keep?: boolean) => Promise<void>) | undefined

  test.afterAll(async () => {
    await Promise.all([stopServer(a), stopServer(b)])
    await drop?.()
  })

  test('share traffic, sessions, sign-in limits, credentials, settings and the approved policy', async () => {
    test.setTimeout(150_000)
    const ports = [E2E_PORT_BASE + 40, E2E_PORT_BASE + 41]
    for (const p of ports) expect(await answers(p), `port ${p} is already in use`).toBe(false)
    const database = await createDatabase('postgresql', 'multi')
    drop = database.drop
    // Started together: both migrate, create the admin and generate the webhook pairs at once.
    a = startServer(ports[0], database.url, SERVER_ENV)
    b = startServer(ports[1], database.url, SERVER_ENV)
    await Promise.all([waitForHealth(a), waitForHealth(b)])
    const [A, B] = [a.base, b.base]

    // A session created on A is valid on B.
    const cookie = await signInCookie(A, ADMIN.email, ADMIN.password)
    const call = (base: string, path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) =>
      fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        headers: { Cookie: init.cookie ?? cookie, Origin: base, 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
    const me = await call(B, '/api/auth/me')
    expect(me.status).toBe(200)
    expect((await me.json()).user).toMatchObject({ email: ADMIN.email })

    // The generated pairs: revealed on B, the same as A's.
    const reveal = async (base: string, endpoint: string) =>
      (await (await call(base, `/api/settings/credentials/reveal?endpoint=${endpoint}`, { method: 'POST' })).json()).current
    const webhook = await reveal(B, 'notifications')
    const portout = await reveal(B, 'portout')
    expect(webhook.password.length).toBeGreaterThan(20)
    expect(await reveal(A, 'notifications')).toEqual(webhook)
    expect(await reveal(A, 'portout')).toEqual(portout)

    // The simulator alternates requests between A and B: everything acknowledged is found, once.
    const sim = await runSimulator([
      '--url',
      A,
      '--url',
      B,
      '--seed',
      `multi-${Date.now()}`,
      '--orders',
      '25',
      '--portouts',
      '4',
      '--speed',
      '5000000',
      '--rate',
      '200',
      '--duplicates',
      '0.15',
      '--out-of-order',
      '0.15',
      ...credentialArgs({ webhook, portout, admin: ADMIN }),
    ])
    expect(sim.code, sim.stderr + sim.stdout).toBe(0)
    const s = sim.summary!
    expect(s.notifications.acknowledged).toBe(s.notifications.sent)
    expect(s.notifications.byOutcome.duplicate ?? 0).toBe(s.notifications.duplicatesSent)
    expect(s.readBack).toMatchObject({ missingCount: 0, unexpectedTimelineEntries: 0, statusMismatches: [] })
    expect(s.portouts).toMatchObject({ sent: 4, answered: 4 })

    // No duplicate orders and no duplicate notifications: the database holds exactly what was accepted.
    const orderIds = await listAll(B, cookie, '/api/orders', 'orders', (o: { orderId: string }) => o.orderId)
    expect(orderIds).toHaveLength(new Set(orderIds).size)
    expect(new Set(orderIds)).toEqual(new Set(s.orders.ids))
    const notificationIds = await listAll(A, cookie, '/api/events', 'notifications', (n: { id: string }) => n.id)
    expect(notificationIds).toHaveLength(new Set(notificationIds).size)
    expect(notificationIds).toHaveLength(s.notifications.byOutcome.accepted)

    // Sign-in failures count across instances: 5 wrong passwords spread over A and B, then B says 429.
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${[A, B][i % 2]}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: [A, B][i % 2] },
        body: JSON.stringify({ email: 'victim@multi.test', password: `wrong-${i}` }),
      })
      expect(res.status).toBe(401)
    }
    const limited = await fetch(`${B}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: B },
      body: JSON.stringify({ email: 'victim@multi.test', password: 'wrong-5' }),
    })
    expect(limited.status).toBe(429)

    // Settings (stuck thresholds) changed on A are read on B.
    expect((await call(A, '/api/settings', { method: 'PATCH', body: { stuckThresholdsHours: { portins: 6 } } })).status).toBe(200)
    expect((await (await call(B, '/api/settings')).json()).settings.stuckThresholdsHours).toEqual({ portins: 6 })

    // A rotation on A reaches B with B's background refresh (every second); the old pair stays accepted meanwhile.
    const rotation = await call(A, '/api/settings/credentials/rotate', { method: 'POST' })
    expect(rotation.status).toBe(200)
    const rotated = (await rotation.json()).current
    expect(rotated.username).not.toBe(webhook.username)
    const post = (base: string, pair: { username: string; password: string }) =>
      fetch(`${base}${NOTIFICATIONS_PATH}`, {
        method: 'POST',
        body: '<Notification><EventType>MESSAGING_LOST</EventType><ImpactedTelephoneNumbers><TelephoneNumber>9845550199</TelephoneNumber></ImpactedTelephoneNumbers></Notification>',
        headers: {
          'Content-Type': 'application/xml',
          Authorization: `Basic ${Buffer.from(`${pair.username}:${pair.password}`).toString('base64')}`,
        },
      })
    const rotatedAt = Date.now()
    let acceptedOnB = false
    while (!acceptedOnB && Date.now() - rotatedAt < 8_000) {
      acceptedOnB = (await post(B, rotated)).status === 200
      if (!acceptedOnB) await sleep(250)
    }
    expect(acceptedOnB, 'the rotated pair is accepted on B').toBe(true)
    expect(Date.now() - rotatedAt).toBeLessThan(6_500)
    expect((await post(B, webhook)).status, 'the previous pair during the overlap').toBe(200)

    // A policy proposed by an operator on B and approved by the admin on A is what B answers at once.
    expect(
      (await call(A, '/api/users', { method: 'POST', body: { email: OPERATOR.email, role: 'operator', password: OPERATOR.password } }))
        .status,
    ).toBe(201)
    const operatorCookie = await signInCookie(B, OPERATOR.email, OPERATOR.password)
    const pov = (pon: string) =>
      fetch(`${B}${PORTOUT_PATH}`, {
        method: 'POST',
        body: buildPortoutValidationRequestXml({ pon, pin: '1234', telephoneNumbers: ['7045550123'] }),
        headers: {
          'Content-Type': 'application/xml',
          Authorization: `Basic ${Buffer.from(`${portout.username}:${portout.password}`).toString('base64')}`,
        },
      }).then((r) => r.text())
    expect(await pov('BEFORE-1')).toContain('<Portable>true</Portable>')
    const { active } = await (await call(B, '/api/policy/proposals', { cookie: operatorCookie })).json()
    const policy = {
      ...active.policy,
      rules: [{ id: 'known', kind: 'number_known', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true }],
    }
    const proposed = await call(B, '/api/policy/proposals', {
      method: 'POST',
      cookie: operatorCookie,
      body: { summary: 'Only numbers we know', policy },
    })
    expect(proposed.status).toBe(201)
    const { proposal } = await proposed.json()
    const approved = await call(A, `/api/policy/proposals/${proposal.id}`, {
      method: 'POST',
      body: { decision: 'approve', comment: 'approved on the other instance' },
    })
    expect(approved.status).toBe(200)
    const after = await pov('AFTER-1')
    expect(after).toContain('<Portable>false</Portable>')
    expect(after).toContain('<Code>7516</Code>')
  })
})

/** Pages through a list endpoint with its cursor and returns every item's key. */
async function listAll<T>(base: string, cookie: string, path: string, field: string, key: (item: T) => string): Promise<string[]> {
  const keys: string[] = []
  let cursor: string | null = null
  do {
    const res = await fetch(`${base}${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { Cookie: cookie },
    })
    expect(res.status).toBe(200)
    const page = (await res.json()) as Record<string, unknown> & { nextCursor: string | null }
    keys.push(...(page[field] as T[]).map(key))
    cursor = page.nextCursor
  } while (cursor)
  return keys
}
