// The Basic-auth pairs the webhook receivers accept. From the environment when set; otherwise a strong
// pair generated on first start and kept in the database, so every instance on one database agrees.
// Rotation keeps the previous pair accepted until an admin ends the overlap (now, or at an expiry time), so a running
// Bandwidth subscription never meets a 401 while it is being switched to the new pair. Each delivery records which
// pair authenticated it (Delivery.authUsername), so the last use of each pair is known before the overlap ends.
// Changes are write programs (sql.ts): on SQLite they queue in the writer thread behind the job runner's writes,
// where a Prisma transaction on the server's own connection gave up after the 1 s busy timeout (P1008).
// The stored passwords are sealed (a SecretBox: lib/server/secret-box.ts, a key kept outside the database), so a
// database dump alone reveals neither pair; a row stored in clear by an older version is sealed on start.
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../app-error'
import { auditInsert, type AuditActor, type Tx } from './audit'
import type { Connections } from './client'
import { isUniqueViolation } from './is-unique-violation'
import { defineSqlProgram, run, runSqlProgram, runStatements, type SqlOp, type SqlProgram } from './sql'

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
  /** When the previous pair stops being accepted (an overlap ended at a set time); null: until it is ended. */
  previousExpiresAt: string | null
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

type Stored = {
  current: Credential
  previous: Credential | null
  generatedAt: string
  rotatedAt: string | null
  previousExpiresAt: string | null
}
type Env = {
  BANDWIDTH_WEBHOOK_USERNAME?: string
  BANDWIDTH_WEBHOOK_PASSWORD?: string
  BANDWIDTH_PORTOUT_USERNAME?: string
  BANDWIDTH_PORTOUT_PASSWORD?: string
}

/** The pairs when the environment sets them (then the database is never asked). */
export function credentialsFromEnvironment(env: Env, endpoint: WebhookEndpoint): WebhookCredentials | null {
  const pair = fromEnv(env, endpoint)
  return pair ? { source: 'environment', current: pair, previous: null, rotatedAt: null, previousExpiresAt: null } : null
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
/** End the overlap: now, or `?at=` an ISO time from which the previous pair is refused. */
export const endOverlapQuery = endpointQuery.extend({ at: z.iso.datetime({ offset: true }).optional() })

export const ENV_NAMES: Record<WebhookEndpoint, string> = {
  notifications: 'BANDWIDTH_WEBHOOK_USERNAME/PASSWORD',
  portout: 'BANDWIDTH_PORTOUT_USERNAME/PASSWORD',
}

export function generateCredential(): Credential {
  return { username: `bandwidth-${randomBytes(4).toString('hex')}`, password: randomBytes(24).toString('base64url') }
}

/** The pairs to accept at `now`: the current one, and the previous one during a rotation overlap (until it expires). */
export function acceptedCredentials(creds: WebhookCredentials, now: Date = new Date()): Credential[] {
  return [creds.current, isPreviousAccepted(creds, now) ? creds.previous : null].filter((c): c is Credential => c !== null)
}

/** Whether the previous pair still authenticates at `now` (it exists and its expiry, if any, has not passed). */
export function isPreviousAccepted(creds: Pick<WebhookCredentials, 'previous' | 'previousExpiresAt'>, now: Date = new Date()): boolean {
  return creds.previous !== null && (creds.previousExpiresAt === null || now.getTime() < Date.parse(creds.previousExpiresAt))
}

/** Creates the stored pair if the environment gives none and the database has none yet. Returns whether it did. */
export async function ensureWebhookCredentials(c: Connections, endpoint: WebhookEndpoint, env: Env, box: SecretBox): Promise<boolean> {
  if (fromEnv(env, endpoint)) return false
  const stored: Stored = {
    current: generateCredential(),
    previous: null,
    generatedAt: new Date().toISOString(),
    rotatedAt: null,
    previousExpiresAt: null,
  }
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
    previousExpiresAt: stored?.previousExpiresAt ?? null,
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
  await runSqlProgram(c, runStatements, [auditInsert({ actor, action: 'credentials.reveal', target: endpoint })])
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
    previousExpiresAt: null,
  }))
}

/**
 * Stops accepting the previous pair (once Bandwidth uses the new one): now, or from `at` when that is in the future
 * (an expiry; the pair stays stored, refused from then on, until the overlap is ended or the next rotation).
 */
export async function endWebhookCredentialOverlap(
  c: Connections,
  actor: AuditActor,
  endpoint: WebhookEndpoint,
  env: Env,
  box: SecretBox,
  at?: Date,
): Promise<WebhookCredentials> {
  if (fromEnv(env, endpoint)) throw new AppError('conflict', `the webhook credentials come from the environment (${ENV_NAMES[endpoint]})`)
  const isLater = at !== undefined && at.getTime() > Date.now()
  return changeStored(c, endpoint, box, actor, isLater ? 'credentials.expire-previous' : 'credentials.end-overlap', (s) => {
    if (!s.previous) throw new AppError('conflict', 'there is no rotation in progress')
    return isLater ? { ...s, previousExpiresAt: at.toISOString() } : { ...s, previous: null, previousExpiresAt: null }
  })
}

/** How often a change is tried again when another one (another admin, another instance) landed in between. */
const CHANGE_ATTEMPTS = 5

/**
 * Read, change, seal, then compare-and-set in a write program: the row is replaced only if it still holds what was
 * read (the sealing key never leaves this thread, so the writer thread gets only the sealed text).
 */
async function changeStored(
  c: Connections,
  endpoint: WebhookEndpoint,
  box: SecretBox,
  actor: AuditActor,
  action: string,
  change: (s: Stored) => Stored,
): Promise<WebhookCredentials> {
  for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
    const row = await c.prisma.setting.findUnique({ where: { key: SETTING_KEY[endpoint] } })
    if (!row) throw new AppError('conflict', 'no stored webhook credentials yet')
    const before = parseRow(row.value, endpoint, box).stored
    const after = change(before)
    const audit = auditInsert({ actor, action, target: endpoint, before: describe(before), after: describe(after) })
    const replaced = await runSqlProgram(c, replaceStored, SETTING_KEY[endpoint], row.value, seal(after, endpoint, box), audit, new Date())
    if (replaced) return { source: 'database', ...pick(after) }
  }
  throw new AppError('conflict', 'the webhook credentials kept changing meanwhile: try again')
}

const replaceStored = defineSqlProgram(
  'webhookCredentials.replace',
  function* (key: string, expected: string, value: string, audit: SqlOp, now: Date): SqlProgram<boolean> {
    const changed = (yield run(`UPDATE "Setting" SET "value" = ?, "updatedAt" = ? WHERE "key" = ? AND "value" = ?`, [
      value,
      now,
      key,
      expected,
    ])) as number
    if (changed === 0) return false
    yield audit
    return true
  },
)

function pick(s: Stored): Omit<WebhookCredentials, 'source'> {
  return { current: s.current, previous: s.previous, rotatedAt: s.rotatedAt, previousExpiresAt: s.previousExpiresAt }
}

/** When each pair last authenticated a delivery on this endpoint (null: never, as far as the deliveries kept say). */
export async function getCredentialLastUse(
  c: Connections,
  endpoint: WebhookEndpoint,
  usernames: string[],
): Promise<Record<string, string | null>> {
  const kept = endpoint === 'portout' ? 'portout-validation' : 'notifications'
  const uses = await Promise.all(
    [...new Set(usernames)].map(async (authUsername) => {
      const last = await c.prisma.delivery.aggregate({ _max: { receivedAt: true }, where: { endpoint: kept, authUsername } })
      return [authUsername, last._max.receivedAt?.toISOString() ?? null] as const
    }),
  )
  return Object.fromEntries(uses)
}

/** What the audit log keeps of a pair: usernames; the masking step hides the passwords. */
function describe(s: Stored) {
  return {
    username: s.current.username,
    password: s.current.password,
    previousUsername: s.previous?.username ?? null,
    rotatedAt: s.rotatedAt,
    previousExpiresAt: s.previousExpiresAt,
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
    previousExpiresAt: s.previousExpiresAt ?? null,
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
