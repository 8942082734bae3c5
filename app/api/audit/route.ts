// GET /api/audit — the audit log, newest first (admin): filters action (prefix), actor (email); keyset cursor.
import { requireUser } from '@/lib/auth/session'
import { listAudit, listAuditQuery } from '@/lib/db/audit'
import { db } from '@/lib/db/client'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type AuditResponse = Awaited<ReturnType<typeof listAudit>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'audit:read')
  return Response.json(await listAudit(db(), parseSearchParams(request, listAuditQuery)))
})
