// The connection's configuration on both providers: Settings (the secret sealed), the environment winning
// field by field, the legacy API user only without a client id, and the card's status from the call log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'
import { recordBandwidthCall } from '../db/bandwidth-calls'
import { listAudit } from '../db/audit'
import { getConnectionStatus, resolveBandwidthConnection, saveBandwidthSettings } from './bandwidth-connection'

process.env.PORTWATCH_PIN_SECRET ??= 'bandwidth-connection-test-pin-secret-0123456789'
const admin = { id: 'admin-1', email: 'admin@example.com' }
const noEnv = { BANDWIDTH_API_RATE: 2, BANDWIDTH_API_TIMEOUT_MS: 10_000 }

describe.each(testProviders())('the Bandwidth connection on %s', (provider) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(provider)
  })
  afterAll(async () => t?.drop())

  it('is not configured until an account and client credentials exist, and says which variables to set', async () => {
    const r = await resolveBandwidthConnection(t.connections, noEnv)
    expect(r).toMatchObject({ configured: false, reason: 'not configured: set BANDWIDTH_ACCOUNT_ID (or save the account on Settings)' })
    expect(await getConnectionStatus(t.connections, noEnv)).toMatchObject({ configured: false, connected: false })
  })

  it('uses what an admin saved, the secret sealed in the database and masked in the audit; the environment wins field by field', async () => {
    await saveBandwidthSettings(t.connections, admin, {
      accountId: '9900000',
      clientId: 'saved-client',
      clientSecret: 'saved-secret-value',
    })
    const row = await t.connections.prisma.setting.findUnique({ where: { key: 'bandwidth.api' } })
    expect(row!.value).toContain('sealed:v1:')
    expect(row!.value).not.toContain('saved-secret-value')
    const audit = await listAudit(t.connections, { action: 'bandwidth.settings.update', limit: 5 })
    expect(JSON.stringify(audit)).not.toContain('sealed:v1:')

    const saved = await resolveBandwidthConnection(t.connections, noEnv)
    expect(saved).toMatchObject({
      configured: true,
      config: {
        accountId: '9900000',
        apiUrl: 'https://api.bandwidth.com/api',
        tokenUrl: 'https://api.bandwidth.com/api/v1/oauth2/token',
        auth: { kind: 'oauth', clientId: 'saved-client', clientSecret: 'saved-secret-value' },
      },
      sources: { accountId: 'settings', clientSecret: 'settings', apiUrl: 'default' },
    })
    const env = await resolveBandwidthConnection(t.connections, {
      ...noEnv,
      BANDWIDTH_CLIENT_ID: 'env-client',
      BANDWIDTH_API_URL: 'https://test.api.bandwidth.com/api/',
    })
    expect(env).toMatchObject({
      config: { apiUrl: 'https://test.api.bandwidth.com/api', auth: { clientId: 'env-client', clientSecret: 'saved-secret-value' } },
      sources: { clientId: 'environment', clientSecret: 'settings', apiUrl: 'environment' },
    })
  })

  it('uses the legacy API user only when no client id is configured anywhere', async () => {
    const legacy = { ...noEnv, BANDWIDTH_API_USERNAME: 'api-user', BANDWIDTH_API_PASSWORD: 'api-pass' }
    expect(await resolveBandwidthConnection(t.connections, legacy)).toMatchObject({ config: { auth: { kind: 'oauth' } } })
    await saveBandwidthSettings(t.connections, admin, { clientId: '', clientSecret: '' })
    expect(await resolveBandwidthConnection(t.connections, legacy)).toMatchObject({
      config: { auth: { kind: 'basic', username: 'api-user' } },
    })
    await saveBandwidthSettings(t.connections, admin, { clientId: 'saved-client', clientSecret: 'saved-secret-value' })
  })

  it('is connected when the latest call succeeded, with the last success and the last error from the call log', async () => {
    const at = (s: number) => new Date(Date.now() - s * 1000)
    await recordBandwidthCall(t.connections, {
      at: at(30),
      method: 'POST',
      path: '/api/v1/oauth2/token',
      status: 401,
      latencyMs: 12,
      trigger: 'connection.test',
      ok: false,
      reason: 'token request refused (401): check BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET',
    })
    expect(await getConnectionStatus(t.connections, noEnv)).toMatchObject({
      connected: false,
      reason: 'token request refused (401): check BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET',
      lastError: 'POST /api/v1/oauth2/token: token request refused (401): check BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET',
    })
    const okAt = at(10)
    await recordBandwidthCall(t.connections, {
      at: okAt,
      method: 'GET',
      path: '/api/accounts/9900000/subscriptions',
      status: 200,
      latencyMs: 40,
      trigger: 'connection.test',
      ok: true,
    })
    const status = await getConnectionStatus(t.connections, noEnv)
    expect(status).toMatchObject({ configured: true, connected: true, mode: 'oauth', clientId: 'saved-client' })
    expect(status.lastSuccessAt).toBe(okAt.toISOString())
    expect(JSON.stringify(status)).not.toContain('saved-secret-value')
  })
})
