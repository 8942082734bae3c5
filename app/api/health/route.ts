// GET /api/health — the database answers (used by load balancers and the e2e web server).
import { db } from '@/lib/db/client'

export const dynamic = 'force-dynamic'

export async function GET(): Promise<Response> {
  try {
    await db().prisma.setting.count()
    return Response.json({ ok: true })
  } catch {
    return Response.json({ ok: false, message: 'database unreachable' }, { status: 503 })
  }
}
