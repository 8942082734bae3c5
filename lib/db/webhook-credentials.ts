// The Basic-auth pairs the webhook receivers accept. From the environment when set; otherwise a strong
// pair generated on first start and kept in the database, so every instance on one database agrees.
// Rotation keeps the previous pair accepted until an admin ends the overlap, so a running Bandwidth
// subscription never meets a 401 while it is being switched to the new pair.
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../app-error'
import { recordAudit, type AuditActor, type Tx } from './audit'
import type { Connections } from './client'
import { isUniqueViolation } from './is-unique-violation'

/** A Basic-auth pair. */
export type Credential = { username: string; password: string }

/** Each receiver has its own pair: the port-out responder decides whether numbers leave. */
export type WebhookEndpoint = 'notifications' | 'portout'
export type CredentialSource = 'environment' | 'database'
export type WebhookCredentials = {
  source: CredentialSource
  current: Credential | null
  previous: Credential | null
  rotatedAt: string | null
}

const SETTING_KEY: Record<WebhookEndpoint, string> = {
  notifications: 'webhook.notifications.credentials',
  portout: 'webhook.portout.credentials',
}
const CACHE_MS = 5_000

type Stored = { current: Credential; previous: Credential | null; generatedAt: string; rotatedAt: string | null }
type Env = {
  BANDWIDTH_WEBHOOK_USERNAME?: string
  BANDWIDTH_WEBHOOK_PASSWORD?: string
  BANDWIDTH_PORTOUT_USERNAME?: string
  BANDWIDTH_PORTOUT_PASSWORD?: string
}

function fromEnv(env: Env, endpoint: WebhookEndpoint): Credential | null {
  const [username, password] =
    endpoint === 'portout'
      ? [env.BANDWIDTH_PORTOUT_USERNAME, env.BANDWIDTH_PORTOUT_PASSWORD]
      : [env.BANDWIDTH_WEBHOOK_USERNAME, env.BANDWIDTH_WEBHOOK_PASSWORD]
  return username && password ? { username, password } : null
}

/** `?endpoint=notifications|portout` on the credential routes (notifications when absent). */
export const endpointQuery = z.object({ endpoint: z.enum(['notifications', 'portout']).default('notifications') })

export const ENV_NAMES: Record<WebhookEndpoint, string> = {
  notifications: 'BANDWIDTH_WEBHOOK_USERNAME/PASSWORD',
  portout: 'BANDWIDTH_PORTOUT_USERNAME/PASSWORD',
}

export function generateCredential(): Credential {
  return { username: `bandwidth-${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') }
}

/** The pairs to accept: the current one, and the previous one during a rotation overlap. */
export function acceptedCredentials(creds: WebhookCredentials): Credential[] {
  return [creds.current, creds.previous].filter((c): c is Credential => c !== null)
}

/** Creates the stored pair if the environment gives none and the database has none yet. Returns whether it did. */
export async function ensureWebhookCredentials(c: Connections, endpoint: WebhookEndpoint, env: Env): Promise<boolean> {
  if (fromEnv(env, endpoint)) return false
  const stored: Stored = { current: generateCredential(), previous: null, generatedAt: new Date().toISOString(), rotatedAt: null }
  // Two instances starting at once both try; the primary key keeps the first pair.
  const created = await c.prisma.setting
    .createMany({ data: [{ key: SETTING_KEY[endpoint], value: JSON.stringify(stored) }] })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return { count: 0 }
      throw error
    })
  return created.count === 1
}

const cache = new Map<string, { at: number; value: WebhookCredentials }>()

/**
 * The pairs accepted right now. Cached for a few seconds: this runs on every webhook request.
 * With several instances, a rotation or the end of an overlap reaches the others within CACHE_MS.
 * That is acceptable: a rotation keeps the old pair accepted, and Bandwidth only sends the new pair
 * after an admin has copied it into the subscription (minutes, not seconds); ending the overlap leaves
 * the retired pair accepted for at most 5 s more. e2e/api/multi-instance.spec.ts measures it.
 */
export async function getWebhookCredentials(c: Connections, endpoint: WebhookEndpoint, env: Env): Promise<WebhookCredentials> {
  const envPair = fromEnv(env, endpoint)
  if (envPair) return { source: 'environment', current: envPair, previous: null, rotatedAt: null }
  const hit = cache.get(endpoint)
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value
  let stored: Stored | null
  try {
    stored = await readStored(c.prisma, endpoint)
  } catch (error) {
    // The database is in trouble: keep accepting the pair we last read rather than refusing Bandwidth
    // (for the port-out responder a refusal would let every port through).
    if (hit) return hit.value
    throw error
  }
  const value: WebhookCredentials = {
    source: 'database',
    current: stored?.current ?? null,
    previous: stored?.previous ?? null,
    rotatedAt: stored?.rotatedAt ?? null,
  }
  cache.set(endpoint, { at: Date.now(), value })
  return value
}

/** Reveals the pair to an admin; the reveal itself is audited. */
export async function revealWebhookCredentials(
  c: Connections,
  actor: AuditActor,
  endpoint: WebhookEndpoint,
  env: Env,
): Promise<WebhookCredentials> {
  const creds = await getWebhookCredentials(c, endpoint, env)
  await c.prisma.$transaction((tx) => recordAudit(tx, { actor, action: 'credentials.reveal', target: endpoint }))
  return creds
}

/** Makes a new current pair and keeps the old one accepted until the overlap is ended. */
export async function rotateWebhookCredentials(
  c: Connections,
  actor: AuditActor,
  endpoint: WebhookEndpoint,
  env: Env,
): Promise<WebhookCredentials> {
  if (fromEnv(env, endpoint))
    throw new AppError('conflict', `the webhook credentials come from the environment: change ${ENV_NAMES[endpoint]} instead`)
  return changeStored(c, endpoint, actor, 'credentials.rotate', (s) => ({
    ...s,
    current: generateCredential(),
    previous: s.current,
    rotatedAt: new Date().toISOString(),
  }))
}

/** Stops accepting the previous pair (once Bandwidth uses the new one). */
export async function endWebhookCredentialOverlap(
  c: Connections,
  actor: AuditActor,
  endpoint: WebhookEndpoint,
  env: Env,
): Promise<WebhookCredentials> {
  if (fromEnv(env, endpoint)) throw new AppError('conflict', `the webhook credentials come from the environment (${ENV_NAMES[endpoint]})`)
  return changeStored(c, endpoint, actor, 'credentials.end-overlap', (s) => {
    if (!s.previous) throw new AppError('conflict', 'there is no rotation in progress')
    return { ...s, previous: null }
  })
}

async function changeStored(
  c: Connections,
  endpoint: WebhookEndpoint,
  actor: AuditActor,
  action: string,
  change: (s: Stored) => Stored,
): Promise<WebhookCredentials> {
  const next = await c.prisma.$transaction(async (tx) => {
    const before = await readStored(tx, endpoint)
    if (!before) throw new AppError('conflict', 'no stored webhook credentials yet')
    const after = change(before)
    await tx.setting.update({ where: { key: SETTING_KEY[endpoint] }, data: { value: JSON.stringify(after) } })
    await recordAudit(tx, { actor, action, target: endpoint, before: describe(before), after: describe(after) })
    return after
  })
  cache.delete(endpoint)
  return { source: 'database', current: next.current, previous: next.previous, rotatedAt: next.rotatedAt }
}

/** What the audit log keeps of a pair: usernames; the masking step hides the passwords. */
function describe(s: Stored) {
  return {
    username: s.current.username,
    password: s.current.password,
    previousUsername: s.previous?.username ?? null,
    rotatedAt: s.rotatedAt,
  }
}

async function readStored(db: Tx, endpoint: WebhookEndpoint): Promise<Stored | null> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEY[endpoint] } })
  if (!row) return null
  const s = JSON.parse(row.value) as Partial<Stored> & { current: Credential }
  return { current: s.current, previous: s.previous ?? null, generatedAt: s.generatedAt ?? '', rotatedAt: s.rotatedAt ?? null }
}
