// GET /api/portouts?portable=&fallback=&from=&cursor=&limit= — port-out validation requests and our answers, newest first (viewer; CPNI masked).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { listPortoutRequests, listPortoutRequestsQuery } from '@/lib/db/list-portout-requests'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const GET = withErrors(async (request) => {
  await requireUser(request, 'data:read')
  return Response.json(await listPortoutRequests(db(), parseSearchParams(request, listPortoutRequestsQuery)))
})
