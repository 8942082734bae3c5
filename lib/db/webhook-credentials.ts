// The Basic-auth pairs the webhook receivers accept. From the environment when set; otherwise a strong
// pair generated on first start and kept in the database, so every instance on one database agrees.
// Rotation keeps the previous pair accepted until an admin ends the overlap, so a running Bandwidth
// subscription never meets a 401 while it is being switched to the new pair.
// The stored passwords are sealed (a SecretBox: lib/server/secret-box.ts, a key kept outside the database), so a
// database dump alone reveals neither pair; a row stored in clear by an older version is sealed on start.
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

/** Seals and opens what is stored (lib/server/secret-box.ts's secretBox); `aad` binds a value to its setting. */
export type SecretBox = {
  seal(plaintext: string, aad: string): string
  open(sealed: string, aad: string): string
  isSealed(value: string): boolean
}

type Stored = { current: Credential; previous: Credential | null; generatedAt: string; rotatedAt: string | null }
type Env = {
  BANDWIDTH_WEBHOOK_USERNAME?: string
  BANDWIDTH_WEBHOOK_PASSWORD?: string
  BANDWIDTH_PORTOUT_USERNAME?: string
  BANDWIDTH_PORTOUT_PASSWORD?: string
}

/** The pairs when the environment sets them (then the database is never asked). */
export function credentialsFromEnvironment(env: Env, endpoint: WebhookEndpoint): WebhookCredentials | null {
  const pair = fromEnv(env, endpoint)
  return pair ? { source: 'environment', current: pair, previous: null, rotatedAt: null } : null
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
export async function ensureWebhookCredentials(c: Connections, endpoint: WebhookEndpoint, env: Env, box: SecretBox): Promise<boolean> {
  if (fromEnv(env, endpoint)) return false
  const stored: Stored = { current: generateCredential(), previous: null, generatedAt: new Date().toISOString(), rotatedAt: null }
  // Two instances starting at once both try; the primary key keeps the first pair.
  const created = await c.prisma.setting
    .createMany({ data: [{ key: SETTING_KEY[endpoint], value: seal(stored, endpoint, box) }] })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) return { count: 0 }
      throw error
    })
  if (created.count === 0) await sealClearRow(c, endpoint, box)
  return created.count === 1
}

/** A row written in clear (before the passwords were sealed) is sealed in place; only if nobody changed it meanwhile. */
async function sealClearRow(c: Connections, endpoint: WebhookEndpoint, box: SecretBox): Promise<void> {
  const row = await c.prisma.setting.findUnique({ where: { key: SETTING_KEY[endpoint] } })
  if (!row) return
  const s = parseRow(row.value, endpoint, box)
  if (!s.clear) return
  const upgraded = await c.prisma.setting.updateMany({
    where: { key: SETTING_KEY[endpoint], value: row.value },
    data: { value: seal(s.stored, endpoint, box) },
  })
  if (upgraded.count === 1) console.log(`[portwatch] sealed the stored ${endpoint} webhook password (it was stored in clear)`)
}

/**
 * The pairs accepted right now, read from the database (the environment's when set). The receivers do not call
 * this on a request: lib/server/responder-memory.ts keeps what it returns in memory and refreshes it every second,
 * so a rotation or the end of an overlap on another instance reaches this one within about a second (that is
 * acceptable: a rotation keeps the old pair accepted; e2e/api/multi-instance.spec.ts measures it).
 */
export async function getWebhookCredentials(
  c: Connections,
  endpoint: WebhookEndpoint,
  env: Env,
  box: SecretBox,
): Promise<WebhookCredentials> {
  const envPair = credentialsFromEnvironment(env, endpoint)
  if (envPair) return envPair
  const stored = await readStored(c.prisma, endpoint, box)
  return {
    source: 'database',
    current: stored?.current ?? null,
    previous: stored?.previous ?? null,
    rotatedAt: stored?.rotatedAt ?? null,
  }
}

/** Reveals the pair to an admin; the reveal itself is audited. */
export async function revealWebhookCredentials(
  c: Connections,
  actor: AuditActor,
  endpoint: WebhookEndpoint,
  env: Env,
  box: SecretBox,
): Promise<WebhookCredentials> {
  const creds = await getWebhookCredentials(c, endpoint, env, box)
  await c.prisma.$transaction((tx) => recordAudit(tx, { actor, action: 'credentials.reveal', target: endpoint }))
  return creds
}

/** Makes a new current pair and keeps the old one accepted until the overlap is ended. */
export async function rotateWebhookCredentials(
  c: Connections,
  actor: AuditActor,
  endpoint: WebhookEndpoint,
  env: Env,
  box: SecretBox,
): Promise<WebhookCredentials> {
  if (fromEnv(env, endpoint))
    throw new AppError('conflict', `the webhook credentials come from the environment: change ${ENV_NAMES[endpoint]} instead`)
  return changeStored(c, endpoint, box, actor, 'credentials.rotate', (s) => ({
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
  box: SecretBox,
): Promise<WebhookCredentials> {
  if (fromEnv(env, endpoint)) throw new AppError('conflict', `the webhook credentials come from the environment (${ENV_NAMES[endpoint]})`)
  return changeStored(c, endpoint, box, actor, 'credentials.end-overlap', (s) => {
    if (!s.previous) throw new AppError('conflict', 'there is no rotation in progress')
    return { ...s, previous: null }
  })
}

async function changeStored(
  c: Connections,
  endpoint: WebhookEndpoint,
  box: SecretBox,
  actor: AuditActor,
  action: string,
  change: (s: Stored) => Stored,
): Promise<WebhookCredentials> {
  const next = await c.prisma.$transaction(async (tx) => {
    const before = await readStored(tx, endpoint, box)
    if (!before) throw new AppError('conflict', 'no stored webhook credentials yet')
    const after = change(before)
    await tx.setting.update({ where: { key: SETTING_KEY[endpoint] }, data: { value: seal(after, endpoint, box) } })
    await recordAudit(tx, { actor, action, target: endpoint, before: describe(before), after: describe(after) })
    return after
  })
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

async function readStored(db: Tx, endpoint: WebhookEndpoint, box: SecretBox): Promise<Stored | null> {
  const row = await db.setting.findUnique({ where: { key: SETTING_KEY[endpoint] } })
  return row ? parseRow(row.value, endpoint, box).stored : null
}

/** The stored pairs with their passwords opened; `clear` when a password was stored in clear (an older version). */
function parseRow(value: string, endpoint: WebhookEndpoint, box: SecretBox): { stored: Stored; clear: boolean } {
  const s = JSON.parse(value) as Partial<Stored> & { current: Credential }
  let clear = false
  const open = (pair: Credential, which: string): Credential => {
    if (!box.isSealed(pair.password)) {
      clear = true
      return pair
    }
    return { username: pair.username, password: box.open(pair.password, aadOf(endpoint, which)) }
  }
  const stored: Stored = {
    current: open(s.current, 'current'),
    previous: s.previous ? open(s.previous, 'previous') : null,
    generatedAt: s.generatedAt ?? '',
    rotatedAt: s.rotatedAt ?? null,
  }
  return { stored, clear }
}

/** What the Setting row holds: the pairs with each password sealed, bound to its setting and slot. */
function seal(s: Stored, endpoint: WebhookEndpoint, box: SecretBox): string {
  const sealPair = (pair: Credential, which: string): Credential => ({
    username: pair.username,
    password: box.seal(pair.password, aadOf(endpoint, which)),
  })
  return JSON.stringify({ ...s, current: sealPair(s.current, 'current'), previous: s.previous ? sealPair(s.previous, 'previous') : null })
}

function aadOf(endpoint: WebhookEndpoint, which: string): string {
  return `${SETTING_KEY[endpoint]}:${which}`
}
