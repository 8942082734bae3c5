import { config } from '../config'
import { db } from '../db/client'
import { describeDatabaseTarget } from '../db/database-url'
import { migrateDatabase } from '../db/migrate'
import { ensureWebhookCredentials } from '../db/webhook-credentials'

/** Start-up: apply pending migrations, then create webhook credentials if none are configured. */
export async function startPortwatch(): Promise<void> {
  const env = config()
  const c = db()
  const applied = await migrateDatabase(c)
  console.log(`[portwatch] database: ${describeDatabaseTarget(c.target)}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`)
  if (await ensureWebhookCredentials(c, 'notifications', env)) {
    // Never print the secret itself: say where it is.
    console.log('[portwatch] generated Basic-auth credentials for the Bandwidth webhooks and stored them in the database.')
  }
  if (!env.BANDWIDTH_WEBHOOK_USERNAME) {
    console.log('[portwatch] show the webhook credentials with: npm run credentials')
  }
}
