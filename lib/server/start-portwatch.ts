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

/** startPortwatch for the server: a wrong environment ends the process with one line (Next would log a stack and keep serving errors). */
export async function startPortwatchOrExit(): Promise<void> {
  try {
    await startPortwatch()
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error
    console.error(`[portwatch] cannot start: ${error.message}`)
    process.exit(1)
  }
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
