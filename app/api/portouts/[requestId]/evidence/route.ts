// GET /api/portouts/{id}/evidence?format=json|csv — dispute evidence for one request, as a download, CPNI masked (viewer).
// POST — the same with the CPNI in clear, for a dispute (operator; audited like every reveal).
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { buildPortoutEvidence, evidenceToCsv, type EvidenceView } from '@/lib/db/portout-evidence'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
const query = z.object({ format: z.enum(['json', 'csv']).default('json') })
type Params = { params: Promise<{ requestId: string }> }

export const GET = withErrors(async (request, { params }: Params) => {
  await requireUser(request, 'data:read')
  const { format } = parseSearchParams(request, query)
  return download((await params).requestId, format, { reveal: false })
})

export const POST = withErrors(async (request, { params }: Params) => {
  const me = await requireUser(request, 'cpni:reveal')
  const { format } = parseSearchParams(request, query)
  return download((await params).requestId, format, { reveal: true, actor: me, format })
})

async function download(requestId: string, format: 'json' | 'csv', view: EvidenceView): Promise<Response> {
  const evidence = await buildPortoutEvidence(db(), requestId, view)
  const name = `portout-${requestId}${view.reveal ? '-cpni' : ''}.${format}`
  const body = format === 'csv' ? evidenceToCsv(evidence) : JSON.stringify(evidence, null, 2)
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  })
}
