// GET /api/cron/jobs — drains due work once: scheduled tasks, claims of dead workers, every due job (Vercel Cron calls
// it, see vercel.json; any scheduler can). Needs `Authorization: Bearer $CRON_SECRET`; answers what it did as JSON.
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { drainJobs } from '@/lib/jobs/start-job-runner'
import { isCronAuthorized } from '@/lib/server/check-cron-auth'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
export const maxDuration = 60
// Stop taking jobs this long before maxDuration, so the jobs in flight can finish and the answer goes out.
const MARGIN_MS = 15_000

export async function GET(request: Request): Promise<Response> {
  const refusal = isCronAuthorized(request.headers.get('authorization'), config().CRON_SECRET)
  if (refusal) return Response.json({ error: 'unauthorized', message: refusal }, { status: 401 })
  const report = await drainJobs(db(), { deadline: Date.now() + maxDuration * 1000 - MARGIN_MS })
  return Response.json(report)
}
