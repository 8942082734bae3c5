// GET /api/exports/{list}?format=csv|ndjson&<the list's own filters> — the list's current filter as a streamed
// download (orders, timeline, events, deliveries, portouts, subscribers; audit for admins). Masking is the API's.
import { requireUser } from '@/lib/auth/session'
import { AppError } from '@/lib/app-error'
import { db } from '@/lib/db/client'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { EXPORT_FORMATS, exportList, findExportList, type ExportFormat } from '@/lib/server/export-list'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
// A million rows take tens of seconds to stream.
export const maxDuration = 300

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' }

export const GET = withErrors(async (request, { params }: { params: Promise<{ list: string }> }) => {
  await requireUser(request, 'data:read')
  const { list: name } = await params
  const list = findExportList(name)
  const user = await requireUser(request, list.action)
  const format = new URL(request.url).searchParams.get('format') ?? 'csv'
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new AppError('bad_request', `format must be one of ${EXPORT_FORMATS.join(', ')}, got "${format.slice(0, 20)}"`)
  const query = parseSearchParams(request, list.query) as Record<string, unknown>
  const body = await exportList(db(), user, name, query, format as ExportFormat)
  const file = `portwatch-${name}-${new Date().toISOString().slice(0, 10)}.${format}`
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format as ExportFormat],
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'no-store',
    },
  })
})
