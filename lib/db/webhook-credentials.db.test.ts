import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acceptedCredentials, ensureWebhookCredentials, getWebhookCredentials, rotateWebhookCredentials } from './webhook-credentials'
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
})
