// GET /api/portouts/{id}/evidence?format=json|csv — dispute evidence for one request, as a download.
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { buildPortoutEvidence, evidenceToCsv } from '@/lib/db/portout-evidence'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
const query = z.object({ format: z.enum(['json', 'csv']).default('json') })

export const GET = withErrors(async (request, { params }: { params: Promise<{ requestId: string }> }) => {
  await requireUser(request, 'data:read')
  const { requestId } = await params
  const { format } = parseSearchParams(request, query)
  const evidence = await buildPortoutEvidence(db(), requestId)
  const name = `portout-${requestId}.${format}`
  const body = format === 'csv' ? evidenceToCsv(evidence) : JSON.stringify(evidence, null, 2)
  return new Response(body, {
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
    },
  })
})
