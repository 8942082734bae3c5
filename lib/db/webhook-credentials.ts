// The Basic-auth pairs the webhook receivers accept. From the environment when set; otherwise a strong
// pair generated on first start and kept in the database, so every instance on one database agrees.
import { randomBytes } from 'node:crypto'
import type { Credential } from '../http/basic-auth'
import type { Connections } from './client'

export type WebhookEndpoint = 'notifications'
export type CredentialSource = 'environment' | 'database'
export type WebhookCredentials = { source: CredentialSource; accepted: Credential[] }

const SETTING_KEY: Record<WebhookEndpoint, string> = { notifications: 'webhook.notifications.credentials' }
const CACHE_MS = 5_000

type Stored = { current: Credential; generatedAt: string }
type Env = { BANDWIDTH_WEBHOOK_USERNAME?: string; BANDWIDTH_WEBHOOK_PASSWORD?: string }

function fromEnv(env: Env): Credential | null {
  const { BANDWIDTH_WEBHOOK_USERNAME: username, BANDWIDTH_WEBHOOK_PASSWORD: password } = env
  return username && password ? { username, password } : null
}

export function generateCredential(): Credential {
  return { username: `bandwidth-${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') }
}

/** Creates the stored pair if the environment gives none and the database has none yet. Returns whether it did. */
export async function ensureWebhookCredentials(c: Connections, endpoint: WebhookEndpoint, env: Env): Promise<boolean> {
  if (fromEnv(env)) return false
  const value = JSON.stringify({ current: generateCredential(), generatedAt: new Date().toISOString() } satisfies Stored)
  // Two instances starting at once both try; the primary key keeps the first pair.
  const created = await c.prisma.setting.createMany({ data: [{ key: SETTING_KEY[endpoint], value }] }).catch((error: unknown) => {
    if (isUniqueViolation(error)) return { count: 0 }
    throw error
  })
  return created.count === 1
}

const cache = new Map<string, { at: number; value: WebhookCredentials }>()

/** The pairs accepted right now. Cached for a few seconds: this runs on every webhook request. */
export async function getWebhookCredentials(c: Connections, endpoint: WebhookEndpoint, env: Env): Promise<WebhookCredentials> {
  const envPair = fromEnv(env)
  if (envPair) return { source: 'environment', accepted: [envPair] }
  const hit = cache.get(endpoint)
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value
  const row = await c.prisma.setting.findUnique({ where: { key: SETTING_KEY[endpoint] } })
  const value: WebhookCredentials = { source: 'database', accepted: row ? [(JSON.parse(row.value) as Stored).current] : [] }
  cache.set(endpoint, { at: Date.now(), value })
  return value
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002'
}
