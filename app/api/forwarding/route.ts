// GET /api/forwarding — forwarding destinations (never their secrets), the event types, the retry schedule (admin).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { FORWARD_EVENT_TYPES, FORWARD_EVENT_VERSION } from '@/lib/forwarding/forward-events'
import { describeSchedule } from '@/lib/forwarding/retry-schedule'
import { withErrors } from '@/lib/http/with-errors'
import { listDestinations, retrySchedule } from '@/lib/server/forwarding'

export const dynamic = 'force-dynamic'

export type ForwardingResponse = {
  destinations: Awaited<ReturnType<typeof listDestinations>>
  eventTypes: readonly string[]
  version: number
  schedule: string
}

export const GET = withErrors(async (request) => {
  await requireUser(request, 'forwarding:manage')
  return Response.json({
    destinations: await listDestinations(db()),
    eventTypes: FORWARD_EVENT_TYPES,
    version: FORWARD_EVENT_VERSION,
    schedule: describeSchedule(retrySchedule()),
  } satisfies ForwardingResponse)
})
