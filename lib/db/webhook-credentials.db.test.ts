import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get, run, runSqlProgram, runStatements } from './sql'
import { ingestNotification } from '../server/ingest-notification'
import { makeDelivery, orderXml } from '../../test/support/deliveries'
import {
  acceptedCredentials,
  endWebhookCredentialOverlap,
  ensureWebhookCredentials,
  getCredentialLastUse,
  getWebhookCredentials,
  revealWebhookCredentials,
  rotateWebhookCredentials,
} from './webhook-credentials'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'
import { testSecretBox as box } from '../../test/support/test-secret-box'

const actor = { id: 'admin-1', email: 'admin@example.com' }
const KEY = 'webhook.portout.credentials'

// The generated webhook passwords are stored sealed (lib/server/secret-box.ts): a database dump alone reveals neither pair.
describe.each(testProviders())('stored webhook credentials on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('keeps the passwords sealed at rest, reveals them opened, and seals a row stored in clear on start', async () => {
    const c = t.connections
    expect(await ensureWebhookCredentials(c, 'portout', {}, box)).toBe(true)
    const creds = await getWebhookCredentials(c, 'portout', {}, box)
    const password = creds.current!.password
    expect(password.length).toBeGreaterThanOrEqual(32)
    const row = await c.prisma.setting.findUniqueOrThrow({ where: { key: KEY } })
    expect(row.value).not.toContain(password)
    expect(row.value).toContain('sealed:v1:')

    // A rotation keeps both sealed, and both still open (the overlap accepts the previous pair).
    const rotated = await rotateWebhookCredentials(c, actor, 'portout', {}, box)
    const after = await c.prisma.setting.findUniqueOrThrow({ where: { key: KEY } })
    expect(after.value).not.toContain(password)
    expect(after.value).not.toContain(rotated.current!.password)
    expect(acceptedCredentials(await getWebhookCredentials(c, 'portout', {}, box)).map((p) => p.password)).toEqual([
      rotated.current!.password,
      password,
    ])

    // A row written in clear by an older version still works and is sealed on the next start.
    const clear = {
      current: { username: 'bandwidth-old', password: 'clear-password-0123456789abcdef' },
      previous: null,
      generatedAt: '',
      rotatedAt: null,
    }
    await c.prisma.setting.update({ where: { key: KEY }, data: { value: JSON.stringify(clear) } })
    expect((await getWebhookCredentials(c, 'portout', {}, box)).current).toEqual(clear.current)
    expect(await ensureWebhookCredentials(c, 'portout', {}, box)).toBe(false)
    const upgraded = await c.prisma.setting.findUniqueOrThrow({ where: { key: KEY } })
    expect(upgraded.value).not.toContain(clear.current.password)
    expect((await getWebhookCredentials(c, 'portout', {}, box)).current).toEqual(clear.current)
  })

  it('knows when each pair last authenticated a delivery, and refuses the previous pair from its expiry on', async () => {
    const c = t.connections
    await ensureWebhookCredentials(c, 'notifications', {}, box)
    const first = await getWebhookCredentials(c, 'notifications', {}, box)
    const rotated = await rotateWebhookCredentials(c, actor, 'notifications', {}, box)
    const old = first.current!.username
    const now = rotated.current!.username
    const at = (iso: string) => new Date(iso)
    for (const [authUsername, when] of [
      [old, '2026-11-30T10:00:00.000Z'],
      [old, '2026-11-30T11:00:00.000Z'],
      [now, '2026-11-30T12:00:00.000Z'],
    ] as const) {
      const xml = orderXml({ orderId: `order-${when}`, status: 'SUBMITTED' })
      await ingestNotification(c, { delivery: { ...makeDelivery(xml, at(when)), authUsername }, xml })
    }
    // Per receiver: the port-out responder's deliveries are counted for its own pair only.
    expect(await getCredentialLastUse(c, 'notifications', [old, now, 'never-used'])).toEqual({
      [old]: '2026-11-30T11:00:00.000Z',
      [now]: '2026-11-30T12:00:00.000Z',
      'never-used': null,
    })
    expect(await getCredentialLastUse(c, 'portout', [old])).toEqual({ [old]: null })

    // An expiry an hour ahead: both pairs until then, only the new one after; the previous pair stays stored.
    const expiresAt = new Date(Date.now() + 3_600_000)
    const expiring = await endWebhookCredentialOverlap(c, actor, 'notifications', {}, box, expiresAt)
    expect(expiring.previous).toEqual(first.current)
    expect(expiring.previousExpiresAt).toBe(expiresAt.toISOString())
    const stored = await getWebhookCredentials(c, 'notifications', {}, box)
    expect(stored.previousExpiresAt).toBe(expiresAt.toISOString())
    expect(acceptedCredentials(stored, new Date(expiresAt.getTime() - 1)).map((p) => p.username)).toEqual([now, old])
    expect(acceptedCredentials(stored, expiresAt).map((p) => p.username)).toEqual([now])
    const audit = await c.prisma.auditEntry.findFirstOrThrow({ where: { action: 'credentials.expire-previous' } })
    expect(JSON.parse(audit.after!)).toMatchObject({ previousUsername: old, previousExpiresAt: expiresAt.toISOString() })
    expect(audit.after).not.toContain(first.current!.password)
    // Ending it now forgets the previous pair.
    expect((await endWebhookCredentialOverlap(c, actor, 'notifications', {}, box)).previous).toBeNull()
  })
})

// The job runner's programs hold SQLite's one writer (an IMMEDIATE transaction in the writer thread). A rotation
// written through Prisma on the server's own connection waited 1 s for that lock and failed (P1008); written as a
// program it queues behind them in the same thread and succeeds.
describe('a rotation while the SQLite writer is busy', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase('sqlite')
  })
  afterAll(async () => t?.drop())

  it('waits for the writer instead of failing', async () => {
    const c = t.connections
    await ensureWebhookCredentials(c, 'notifications', {}, box)
    const before = await getWebhookCredentials(c, 'notifications', {}, box)
    await runSqlProgram(c, runStatements, []) // the writer thread is up (it starts on the first program)
    // A write program that keeps the writer's transaction open for a few seconds (well past the 1 s busy timeout).
    const busy = runSqlProgram(c, runStatements, [
      run(`INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES ('busy', 'x', ?)`, [new Date()]),
      get(`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000) SELECT count(*) AS "n" FROM n`, []),
    ])
    await new Promise((resolve) => setTimeout(resolve, 200))
    const rotated = await rotateWebhookCredentials(c, actor, 'notifications', {}, box)
    await busy
    expect(rotated.previous).toEqual(before.current)
    const after = await getWebhookCredentials(c, 'notifications', {}, box)
    expect(after.current).toEqual(rotated.current)
    expect(await c.prisma.auditEntry.count({ where: { action: 'credentials.rotate' } })).toBe(1)
    // Revealing the pair (an audited read) and ending the overlap take the same road.
    const busyAgain = runSqlProgram(c, runStatements, [
      get(`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000) SELECT count(*) AS "n" FROM n`, []),
      run(`DELETE FROM "Setting" WHERE "key" = 'busy'`, []),
    ])
    await new Promise((resolve) => setTimeout(resolve, 200))
    await revealWebhookCredentials(c, actor, 'notifications', {}, box)
    const ended = await endWebhookCredentialOverlap(c, actor, 'notifications', {}, box)
    await busyAgain
    expect(ended.previous).toBeNull()
    expect(await c.prisma.auditEntry.count({ where: { action: { in: ['credentials.reveal', 'credentials.end-overlap'] } } })).toBe(2)
  }, 30_000)
})
