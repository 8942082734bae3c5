// `npm run credentials`: prints the Basic-auth pairs Bandwidth must use for the webhooks.
// Reads the same DATABASE_URL the server uses; prints to this terminal only, never to a log.
import { config } from '../lib/config'
import { closeConnections, openConnections } from '../lib/db/client'
import { describeDatabaseTarget } from '../lib/db/database-url'
import { migrateDatabase } from '../lib/db/migrate'
import { acceptedCredentials, ensureWebhookCredentials, getWebhookCredentials } from '../lib/db/webhook-credentials'
import { secretBox } from '../lib/server/secret-box'

const c = openConnections()
try {
  await migrateDatabase(c)
  for (const [endpoint, label] of [
    ['notifications', 'order and event notifications'],
    ['portout', 'port-out validation'],
  ] as const) {
    await ensureWebhookCredentials(c, endpoint, config(), secretBox)
    const creds = await getWebhookCredentials(c, endpoint, config(), secretBox)
    console.log(
      `Basic-auth credentials for ${label} (${creds.source === 'environment' ? 'from the environment' : `stored in ${describeDatabaseTarget(c.target)}`}):`,
    )
    for (const pair of acceptedCredentials(creds)) console.log(`  username: ${pair.username}\n  password: ${pair.password}`)
  }
} finally {
  await closeConnections(c)
}
