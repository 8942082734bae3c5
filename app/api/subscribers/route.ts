// GET /api/subscribers?q= — search subscriber records (viewer; CPNI masked, PINs never shown; by account or name only for those who may reveal CPNI).
// POST /api/subscribers — create or replace records in one all-or-nothing batch (operator, or an API
// token with the subscribers:sync scope sent as `Authorization: Bearer <token>`; audited).
import { can } from '@/lib/auth/permissions'
import { requireUser, requireUserOrApiToken } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { searchSubscribers, searchSubscribersQuery, subscriberBatchInput, upsertSubscribers } from '@/lib/db/subscribers'
import { BODY_LIMITS } from '@/lib/http/read-body'
import { parseJsonBody, parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { getPinSecret } from '@/lib/server/pin-secret'

export const dynamic = 'force-dynamic'

export type SubscribersResponse = Awaited<ReturnType<typeof searchSubscribers>>

export const GET = withErrors(async (request) => {
  const me = await requireUser(request, 'data:read')
  const query = parseSearchParams(request, searchSubscribersQuery)
  return Response.json(await searchSubscribers(db(), query, { byCpni: can(me, 'cpni:reveal') }))
})

export const POST = withErrors(async (request) => {
  const caller = await requireUserOrApiToken(request, 'subscribers:write', 'subscribers:sync')
  const { records } = await parseJsonBody(request, subscriberBatchInput, BODY_LIMITS.subscriberSync)
  return Response.json(await upsertSubscribers(db(), caller.actor, records, getPinSecret(), caller.via), { status: 200 })
})
