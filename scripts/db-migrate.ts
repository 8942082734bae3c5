// `npm run db:migrate`: applies pending migrations to DATABASE_URL and exits — the deploy step for a
// PostgreSQL database (the server also migrates on start).
import { closeConnections, openConnections } from '../lib/db/client'
import { describeDatabaseTarget } from '../lib/db/database-url'
import { migrateDatabase } from '../lib/db/migrate'

const c = openConnections()
try {
  const applied = await migrateDatabase(c)
  console.log(`${describeDatabaseTarget(c.target)}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`)
} finally {
  await closeConnections(c)
}
