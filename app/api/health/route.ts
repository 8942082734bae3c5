// GET /api/health — 200 when the database answers and has every committed migration, else 503 with
// a one-line reason (load balancers, the container HEALTHCHECK and the e2e web server poll it).
import { db } from '@/lib/db/client'
import { checkDatabaseHealth } from '@/lib/db/check-database-health'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  const health = await checkDatabaseHealth(db())
  if (!health.ok) return Response.json({ ok: false, message: health.reason }, { status: 503 })
  return Response.json({ ok: true, migrations: 'current' })
}
