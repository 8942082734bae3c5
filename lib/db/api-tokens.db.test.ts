import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiToken, listApiTokens, revokeApiToken, tokenActor, verifyApiToken } from './api-tokens'
import { listAudit } from './audit'
import { searchSubscribers, upsertSubscribers } from './subscribers'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const admin = { id: 'admin-1', email: 'admin@example.com' }
const otherAdmin = { id: 'admin-2', email: 'second@example.com' }

describe.each(testProviders())('API tokens on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('stores only the hash, verifies the token, records its use and stops accepting it once revoked', async () => {
    const c = t.connections
    const { token, apiToken } = await createApiToken(c, admin, { name: 'Billing sync', scope: 'subscribers:sync' })
    expect(token).toMatch(/^pwt_[A-Za-z0-9_-]{43}$/)
    expect(apiToken).toMatchObject({
      name: 'Billing sync',
      prefix: token.slice(0, 12),
      scope: 'subscribers:sync',
      createdByEmail: admin.email,
      lastUsedAt: null,
      revokedAt: null,
    })

    // The database holds the SHA-256, never the token; the list never shows either.
    const row = await c.prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(token)
    const listed = await listApiTokens(c)
    expect(listed.map((l) => l.id)).toContain(apiToken.id)
    expect(JSON.stringify(listed)).not.toContain(token.slice(12))
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash)

    const checked = await verifyApiToken(c, token, 'subscribers:sync')
    expect(checked).toEqual({
      ok: true,
      token: { id: apiToken.id, name: 'Billing sync', prefix: apiToken.prefix, scope: 'subscribers:sync' },
    })
    const used = await c.prisma.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })
    expect(used.lastUsedAt).not.toBeNull()

    // A change made with the token is attributed to the token in the audit log.
    await upsertSubscribers(
      c,
      tokenActor(apiToken),
      [{ telephoneNumber: '+19195550101', accountNumber: 'ACC-1', pin: '1234', status: 'active', tags: [] }],
      'secret-for-tests-0123456789abcdef',
      'api token Billing sync',
    )
    expect((await searchSubscribers(c, { q: '9195550101', limit: 10 }, { byCpni: false })).records).toMatchObject([
      { telephoneNumber: '+19195550101', accountNumber: '••••-1', hasPin: true },
    ])
    const upsertEntry = (await listAudit(c, { action: 'subscribers.upsert', limit: 10 })).entries[0]
    expect(upsertEntry).toMatchObject({ actorEmail: `api-token:${apiToken.prefix}`, target: 'api token Billing sync' })

    // Unknown, tampered and malformed tokens: refused with the same reason, nothing audited for them.
    const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A')
    for (const bad of [tampered, 'pwt_nope', '', `${token} `])
      expect(await verifyApiToken(c, bad, 'subscribers:sync')).toEqual({ ok: false, reason: 'unknown API token' })
    expect((await listAudit(c, { action: 'api-token.refused', limit: 10 })).entries).toEqual([])

    const revoked = await revokeApiToken(c, otherAdmin, apiToken.id)
    expect(revoked).toMatchObject({ id: apiToken.id, revokedByEmail: otherAdmin.email })
    expect(revoked.revokedAt).not.toBeNull()
    await expect(revokeApiToken(c, admin, apiToken.id)).rejects.toMatchObject({ code: 'conflict' })
    await expect(revokeApiToken(c, admin, 'no-such-token')).rejects.toMatchObject({ code: 'not_found' })

    const refused = await verifyApiToken(c, token, 'subscribers:sync')
    expect(refused).toEqual({ ok: false, reason: `API token ${apiToken.prefix}… was revoked` })

    // Audited: create and revoke by the admins, the refused use by the token; never the token itself.
    const entries = (await listAudit(c, { action: 'api-token.', limit: 10 })).entries
    expect(entries.map((e) => [e.action, e.actorEmail])).toEqual([
      ['api-token.refused', `api-token:${apiToken.prefix}`],
      ['api-token.revoke', otherAdmin.email],
      ['api-token.create', admin.email],
    ])
    expect(entries[0].target).toBe(`Billing sync (${apiToken.prefix}…)`)
    expect(JSON.stringify(entries)).not.toContain(token.slice(12))
  })
})
