// GET /api/subscribers?q= — search subscriber records (viewer; PINs never shown).
// POST /api/subscribers — create or replace records in one all-or-nothing batch (operator, audited).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { searchSubscribers, searchSubscribersQuery, subscriberBatchInput, upsertSubscribers } from '@/lib/db/subscribers'
import { parseJsonBody, parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { getPinSecret } from '@/lib/server/pin-secret'

export const dynamic = 'force-dynamic'

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json(await searchSubscribers(db(), parseSearchParams(request, searchSubscribersQuery)))
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'subscribers:write')
  const { records } = await parseJsonBody(request, subscriberBatchInput)
  return Response.json(await upsertSubscribers(db(), me, records, getPinSecret(), 'api'), { status: 200 })
})
