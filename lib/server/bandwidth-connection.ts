// The connection to Bandwidth's API: the configuration (environment first, then what an admin saved on
// Settings, the secret sealed), one client per configuration for the process (so its token cache and its
// account limiter are shared), every attempt written to the call log, and the connection card's status.
import { z } from 'zod'
import { AppError } from '../app-error'
import { config, type Config } from '../config'
import type { AuditActor } from '../db/audit'
import { getLastBandwidthCalls, recordBandwidthCall } from '../db/bandwidth-calls'
import { BANDWIDTH_SECRET_AAD, getBandwidthSettings, updateBandwidthSettings } from '../db/bandwidth-settings'
import type { Connections } from '../db/client'
import { BandwidthClient, type BandwidthConfig } from '../integrations/bandwidth/bandwidth-client'
import { openSecret, sealSecret } from './secret-box'

export const DEFAULT_API_URL = 'https://api.bandwidth.com/api'
export const DEFAULT_TOKEN_URL = 'https://api.bandwidth.com/api/v1/oauth2/token'

type Env = Pick<
  Config,
  | 'BANDWIDTH_ACCOUNT_ID'
  | 'BANDWIDTH_CLIENT_ID'
  | 'BANDWIDTH_CLIENT_SECRET'
  | 'BANDWIDTH_API_URL'
  | 'BANDWIDTH_TOKEN_URL'
  | 'BANDWIDTH_API_USERNAME'
  | 'BANDWIDTH_API_PASSWORD'
  | 'BANDWIDTH_API_RATE'
  | 'BANDWIDTH_API_TIMEOUT_MS'
>

export type FieldSource = 'environment' | 'settings' | 'default' | 'unset'
export type ResolvedConnection =
  | { configured: true; config: BandwidthConfig; sources: Record<string, FieldSource> }
  | { configured: false; reason: string; sources: Record<string, FieldSource> }

/** Environment wins field by field; the legacy API user only when no client id is configured anywhere. */
export async function resolveBandwidthConnection(c: Connections, env: Env = config()): Promise<ResolvedConnection> {
  const saved = await getBandwidthSettings(c)
  const pick = (envValue: string | undefined, savedValue: string, fallback?: string): [string, FieldSource] =>
    envValue ? [envValue, 'environment'] : savedValue ? [savedValue, 'settings'] : fallback ? [fallback, 'default'] : ['', 'unset']
  let savedSecret = ''
  let secretProblem: string | undefined
  if (saved.clientSecretSealed) {
    try {
      savedSecret = openSecret(saved.clientSecretSealed, BANDWIDTH_SECRET_AAD)
    } catch {
      secretProblem = 'the saved client secret cannot be opened (PORTWATCH_PIN_SECRET changed?): save it again on Settings'
    }
  }
  const [accountId, accountSource] = pick(env.BANDWIDTH_ACCOUNT_ID, saved.accountId)
  const [clientId, clientIdSource] = pick(env.BANDWIDTH_CLIENT_ID, saved.clientId)
  const [clientSecret, secretSource] = pick(env.BANDWIDTH_CLIENT_SECRET, savedSecret)
  const [apiUrl, apiSource] = pick(env.BANDWIDTH_API_URL, saved.apiUrl, DEFAULT_API_URL)
  const [tokenUrl, tokenSource] = pick(env.BANDWIDTH_TOKEN_URL, saved.tokenUrl, DEFAULT_TOKEN_URL)
  const legacy = !clientId && env.BANDWIDTH_API_USERNAME && env.BANDWIDTH_API_PASSWORD
  const sources = {
    accountId: accountSource,
    clientId: clientIdSource,
    clientSecret: secretSource,
    apiUrl: apiSource,
    tokenUrl: tokenSource,
    legacyBasic: legacy ? ('environment' as const) : ('unset' as const),
  }
  if (!accountId)
    return { configured: false, reason: 'not configured: set BANDWIDTH_ACCOUNT_ID (or save the account on Settings)', sources }
  const base = { accountId, apiUrl: apiUrl.replace(/\/+$/, ''), tokenUrl }
  if (legacy)
    return {
      configured: true,
      config: { ...base, auth: { kind: 'basic', username: env.BANDWIDTH_API_USERNAME!, password: env.BANDWIDTH_API_PASSWORD! } },
      sources,
    }
  if (!clientId || !clientSecret)
    return {
      configured: false,
      reason: secretProblem ?? 'not configured: set BANDWIDTH_CLIENT_ID and BANDWIDTH_CLIENT_SECRET (or save them on Settings)',
      sources,
    }
  return { configured: true, config: { ...base, auth: { kind: 'oauth', clientId, clientSecret } }, sources }
}

const g = globalThis as unknown as { __portwatchBandwidth?: { key: string; client: BandwidthClient } }

/** The process's client for this configuration (a new one when the configuration changed), logging into `c`. */
function clientFor(c: Connections, cfg: BandwidthConfig, rate: number, timeoutMs: number): BandwidthClient {
  const key = JSON.stringify([cfg, rate, timeoutMs])
  if (g.__portwatchBandwidth?.key !== key) {
    const client = new BandwidthClient(cfg, {
      requestsPerSecond: rate,
      timeoutMs,
      onAttempt: (r) => {
        recordBandwidthCall(c, r).catch((error: unknown) =>
          console.warn(`[bandwidth] call log write failed: ${String((error as Error)?.message ?? error).slice(0, 200)}`),
        )
      },
    })
    g.__portwatchBandwidth = { key, client }
  }
  return g.__portwatchBandwidth.client
}

/** A client recording its calls under `trigger`, or the one-line reason there is none. */
export async function getBandwidthClient(
  c: Connections,
  trigger: string,
  env: Env = config(),
): Promise<{ ok: true; client: BandwidthClient } | { ok: false; reason: string }> {
  const resolved = await resolveBandwidthConnection(c, env)
  if (!resolved.configured) return { ok: false, reason: resolved.reason }
  return { ok: true, client: clientFor(c, resolved.config, env.BANDWIDTH_API_RATE, env.BANDWIDTH_API_TIMEOUT_MS).withTrigger(trigger) }
}

/** Like getBandwidthClient, for routes: a missing configuration is a 409 with its reason. */
export async function requireBandwidthClient(c: Connections, trigger: string): Promise<BandwidthClient> {
  const r = await getBandwidthClient(c, trigger)
  if (!r.ok) throw new AppError('conflict', r.reason)
  return r.client
}

export type ConnectionStatus = {
  configured: boolean
  connected: boolean
  reason?: string
  lastSuccessAt?: string
  /** The latest failed call's one-line reason, and when. */
  lastError?: string
  lastErrorAt?: string
  mode?: 'oauth' | 'basic'
  accountId?: string
  apiUrl?: string
  tokenUrl?: string
  clientId?: string
  sources: Record<string, FieldSource>
}

/** The connection card: configured or why not, and whether the latest call succeeded (from the call log). */
export async function getConnectionStatus(c: Connections, env: Env = config()): Promise<ConnectionStatus> {
  const [resolved, { lastOk, lastFailed }] = await Promise.all([resolveBandwidthConnection(c, env), getLastBandwidthCalls(c)])
  const common = {
    lastSuccessAt: lastOk?.at.toISOString(),
    lastError: lastFailed ? `${lastFailed.method} ${lastFailed.path}: ${lastFailed.reason ?? 'failed'}` : undefined,
    lastErrorAt: lastFailed?.at.toISOString(),
    sources: resolved.sources,
  }
  if (!resolved.configured) return { configured: false, connected: false, reason: resolved.reason, ...common }
  const cfg = resolved.config
  const describe = {
    mode: cfg.auth.kind,
    accountId: cfg.accountId,
    apiUrl: cfg.apiUrl,
    tokenUrl: cfg.tokenUrl,
    clientId: cfg.auth.kind === 'oauth' ? cfg.auth.clientId : undefined,
  }
  const latestFailed = lastFailed && (!lastOk || lastFailed.at > lastOk.at)
  if (!lastOk && !lastFailed)
    return { configured: true, connected: false, reason: 'no call made yet: test the connection', ...common, ...describe }
  if (latestFailed)
    return { configured: true, connected: false, reason: lastFailed.reason ?? 'the latest call failed', ...common, ...describe }
  const legacyNote =
    cfg.auth.kind === 'basic'
      ? 'legacy API user (Basic): Bandwidth stops accepting it on 2026-12-02, create OAuth client credentials'
      : undefined
  return { configured: true, connected: true, ...(legacyNote ? { reason: legacyNote } : {}), ...common, ...describe }
}

/** A live call (the subscriptions list: it needs the account and the credentials), then the status. */
export async function testBandwidthConnection(c: Connections, env: Env = config()): Promise<ConnectionStatus> {
  const client = await getBandwidthClient(c, 'connection.test', env)
  if (!client.ok) return getConnectionStatus(c, env)
  const r = await client.client.listSubscriptions()
  const status = await getConnectionStatus(c, env)
  // The log is written asynchronously: answer from the call itself rather than from a log that may lag.
  if (r.ok)
    return {
      ...status,
      connected: true,
      reason: status.mode === 'basic' ? status.reason : undefined,
      lastSuccessAt: new Date().toISOString(),
    }
  return { ...status, connected: false, reason: r.reason }
}

export const bandwidthSettingsInput = z
  .object({
    accountId: z.union([z.string().regex(/^\d{1,20}$/, 'the account id is digits'), z.literal('')]),
    clientId: z.string().max(200),
    /** Absent: keep the saved one; '': forget it. */
    clientSecret: z.string().max(500),
    apiUrl: z.union([z.url({ protocol: /^https?$/ }).max(300), z.literal('')]),
    tokenUrl: z.union([z.url({ protocol: /^https?$/ }).max(300), z.literal('')]),
  })
  .partial()

export async function saveBandwidthSettings(
  c: Connections,
  actor: AuditActor,
  input: z.infer<typeof bandwidthSettingsInput>,
): Promise<void> {
  const { clientSecret, ...rest } = input
  await updateBandwidthSettings(c, actor, {
    ...rest,
    ...(clientSecret !== undefined ? { clientSecretSealed: clientSecret ? sealSecret(clientSecret, BANDWIDTH_SECRET_AAD) : '' } : {}),
  })
}
