// GET /api/metrics — Prometheus text (prom-client) for a scraper holding an API token with the metrics:read scope
// (`Authorization: Bearer <token>`), or a signed-in admin. No CPNI and no ids in any label.
import { requireUserOrApiToken } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'
import { renderMetrics } from '@/lib/server/metrics'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'

export const GET = withErrors(async (request: Request) => {
  await requireUserOrApiToken(request, 'metrics:read', 'metrics:read')
  const { contentType, body } = await renderMetrics(db())
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } })
})
