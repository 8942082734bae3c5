// What the webhook receivers must know without asking the database first: the accepted Basic-auth pairs and the
// active port-out policy (whose `fallback` is the answer when the database does not answer). Held in memory and
// refreshed in the background, so a hung, refused or locked database never delays an answer: the port-out
// responder reads only memory before its deadline-bounded work starts.
// When nothing was ever read (a process that started while the database was away), the credentials are unknown —
// a request that carries a pair cannot be verified and gets the fallback (fail closed) — and the fallback is
// BUILT_IN_FALLBACK_POLICY's: Portable=false, never portable.
import { config } from '../config'
import { db } from '../db/client'
import { getActivePolicy, type ActivePolicy } from '../db/portout-requests'
import { credentialsFromEnvironment, getWebhookCredentials, type WebhookCredentials, type WebhookEndpoint } from '../db/webhook-credentials'
import { DEFAULT_POLICY } from '../portout/portout-policy'
import { secretBox } from './secret-box'
import { withTimeout } from './with-timeout'

/** How often the memory is read again: a rotation or an approval on another instance is seen within about this. */
export const RESPONDER_REFRESH_MS = 1_000
/** A refresh that has not finished by then is given up (it may be hung on the database); the next one starts. */
const READ_TIMEOUT_MS = 3_000
/** One loud line per this much time while the refreshes fail, not one a second. */
const FAILURE_LOG_MS = 30_000

/** The answer when no policy was ever read: DEFAULT_POLICY's fallback, Portable=false 7598 (never portable). */
export const BUILT_IN_FALLBACK_POLICY: ActivePolicy = { version: 0, policy: DEFAULT_POLICY }

type Remembered<T> = { value: T; at: number }
type Memory = {
  credentials: Partial<Record<WebhookEndpoint, Remembered<WebhookCredentials>>>
  policy?: Remembered<ActivePolicy>
  refreshing?: Promise<void>
  timer?: NodeJS.Timeout
  failingSince?: number
  lastFailureLog?: number
}

// On globalThis: Next.js may evaluate this module once per route bundle, and every copy must share one memory.
const g = globalThis as unknown as { __portwatchResponderMemory?: Memory }
const memory = (): Memory => (g.__portwatchResponderMemory ??= { credentials: {} })

/**
 * Starts the background refresh (once per process). Called at start-up, which waits for the first read (at most
 * READ_TIMEOUT_MS; it never throws), and by every reader, so it is never forgotten.
 */
export function startResponderMemory(): Promise<void> {
  const m = memory()
  if (m.timer) return Promise.resolve()
  m.timer = setInterval(() => void refreshResponderMemory(), RESPONDER_REFRESH_MS)
  m.timer.unref()
  return refreshResponderMemory()
}

/** Reads the pairs and the policy again (one refresh at a time; a hung one is abandoned after READ_TIMEOUT_MS). */
export function refreshResponderMemory(): Promise<void> {
  const m = memory()
  m.refreshing ??= withTimeout(readAll(), READ_TIMEOUT_MS)
    .then(() => {
      if (m.failingSince !== undefined) console.log('[responder] the database answers again: credentials and policy refreshed')
      m.failingSince = undefined
    })
    .catch((error: unknown) => {
      const now = Date.now()
      m.failingSince ??= now
      if (m.lastFailureLog === undefined || now - m.lastFailureLog >= FAILURE_LOG_MS) {
        m.lastFailureLog = now
        console.error(
          `[responder] CANNOT REFRESH webhook credentials and port-out policy from the database (failing for ${Math.round((now - m.failingSince) / 1000)} s; answering from memory): ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    })
    .finally(() => (m.refreshing = undefined))
  return m.refreshing
}

async function readAll(): Promise<void> {
  const c = db()
  const env = config()
  const [notifications, portout, policy] = await Promise.all([
    getWebhookCredentials(c, 'notifications', env, secretBox),
    getWebhookCredentials(c, 'portout', env, secretBox),
    getActivePolicy(c),
  ])
  rememberWebhookCredentials('notifications', notifications)
  rememberWebhookCredentials('portout', portout)
  rememberActivePolicy(policy)
}

/** The pairs accepted right now: from the environment, else as last read; undefined when never read. */
export function knownWebhookCredentials(endpoint: WebhookEndpoint): WebhookCredentials | undefined {
  const fromEnv = credentialsFromEnvironment(config(), endpoint)
  if (fromEnv) return fromEnv
  void startResponderMemory()
  return memory().credentials[endpoint]?.value
}

/** After a change made by this process (rotation, end of overlap): seen here at once, not a refresh later. */
export function rememberWebhookCredentials(endpoint: WebhookEndpoint, value: WebhookCredentials): void {
  memory().credentials[endpoint] = { value, at: Date.now() }
}

/** A policy read by the responder's own work or an approval here is the freshest there is. */
export function rememberActivePolicy(value: ActivePolicy): void {
  const m = memory()
  if (!m.policy || m.policy.value.version <= value.version) m.policy = { value, at: Date.now() }
}

/** The policy whose fallback answers when the database does not: the approved one last read, else the built-in one. */
export function fallbackPolicy(): { active: ActivePolicy; source: 'approved' | 'built-in' } {
  void startResponderMemory()
  const known = memory().policy
  return known ? { active: known.value, source: 'approved' } : { active: BUILT_IN_FALLBACK_POLICY, source: 'built-in' }
}
