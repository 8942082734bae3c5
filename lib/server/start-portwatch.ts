import { config, ConfigurationError } from '../config'
import { db } from '../db/client'
import { describeDatabaseTarget, resolveDatabaseTarget } from '../db/database-url'
import { listPendingMigrations, migrateDatabase } from '../db/migrate'
import { countUsers, createUser } from '../db/users'
import { ensureWebhookCredentials } from '../db/webhook-credentials'
import { AppError } from '../app-error'
import { checkDeployment, shouldMigrateOnStart } from './check-deployment'
import { startResponderMemory } from './responder-memory'
import { secretBox } from './secret-box'
import { startJobWorker } from './start-job-worker'

/** How long the server waits for a database that does not answer at start before it serves anyway. */
const START_WAIT_MS = 10_000
const START_RETRY_MS = 5_000

/**
 * startPortwatch for the server: a wrong environment ends the process with one line (Next would log a stack and keep
 * serving errors). A database that refuses or does not answer at start must not do that either: a failed
 * instrumentation hook makes Next answer 500 to every request, and a 500 lets a port-out through. So the server serves
 * anyway after the first failure (or START_WAIT_MS) — the port-out responder answers with its fallback, health says
 * 503 — and start-up is tried again every START_RETRY_MS until the database answers.
 */
export async function startPortwatchOrExit(): Promise<void> {
  let serving: () => void = () => {}
  const mayServe = new Promise<void>((resolve) => (serving = resolve))
  const waited = setTimeout(() => {
    console.error(`[portwatch] the database has not answered within ${START_WAIT_MS / 1000} s of start: serving anyway; start-up goes on`)
    serving()
  }, START_WAIT_MS)
  void (async () => {
    for (;;) {
      try {
        await startPortwatch()
        return
      } catch (error) {
        if (error instanceof ConfigurationError) {
          console.error(`[portwatch] cannot start: ${error.message}`)
          process.exit(1)
        }
        console.error(
          `[portwatch] CANNOT START: ${error instanceof Error ? error.message : String(error)} — serving anyway (the port-out responder answers with its fallback); trying again in ${START_RETRY_MS / 1000} s`,
        )
        serving()
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS))
      }
    }
  })().finally(() => {
    clearTimeout(waited)
    serving()
  })
  await mayServe
}

/**
 * Start-up: refuse an environment that cannot work (ConfigurationError), apply pending migrations unless
 * a deploy step does that, create webhook credentials if none are configured, the first admin from the environment,
 * and start the job runner (lib/server/start-job-worker.ts).
 */
export async function startPortwatch(): Promise<void> {
  const env = config()
  const refusal = checkDeployment(env, resolveDatabaseTarget(env.DATABASE_URL))
  if (refusal) throw new ConfigurationError(refusal)
  const c = db()
  if (shouldMigrateOnStart(env)) {
    const applied = await migrateDatabase(c)
    console.log(`[portwatch] database: ${describeDatabaseTarget(c.target)}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`)
  } else {
    const pending = await listPendingMigrations(c)
    if (pending.length) {
      // The tables below may not exist yet: serve (health says 503) and set up on the next start after the deploy step.
      console.log(
        `[portwatch] database: ${describeDatabaseTarget(c.target)}: ${pending.length} migration(s) pending and PORTWATCH_MIGRATE_ON_START is off: run npm run db:migrate (the deploy step), then restart`,
      )
      return
    }
    console.log(`[portwatch] database: ${describeDatabaseTarget(c.target)} (migrations current; applied by the deploy step)`)
  }
  for (const endpoint of ['notifications', 'portout'] as const) {
    // Never print the secret itself: say where it is.
    if (await ensureWebhookCredentials(c, endpoint, env, secretBox))
      console.log(`[portwatch] generated Basic-auth credentials for the ${endpoint} webhook and stored them in the database.`)
  }
  // The receivers answer from memory (lib/server/responder-memory.ts): read it now, then every second.
  await startResponderMemory()
  if (!env.BANDWIDTH_WEBHOOK_USERNAME) {
    console.log(
      '[portwatch] the webhook credentials are on the Settings page (/settings, as an admin), or: npm run credentials in a checkout',
    )
  }
  await ensureFirstAdmin(c, env.PORTWATCH_ADMIN_EMAIL, env.PORTWATCH_ADMIN_PASSWORD)
  await startJobWorker(c, env)
}

async function ensureFirstAdmin(c: ReturnType<typeof db>, email: string | undefined, password: string | undefined): Promise<void> {
  if ((await countUsers(c)) > 0) return
  if (!email || !password) {
    console.log('[portwatch] no users yet: open the app in a browser to create the first admin (/setup)')
    return
  }
  try {
    await createUser(c, null, { email: email.toLowerCase(), password, role: 'admin' }, { onlyIfNoUsers: true })
    console.log(`[portwatch] created the first admin ${email.toLowerCase()} from PORTWATCH_ADMIN_EMAIL`)
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error // another instance was first
  }
}
