// GET /api/forwarding/schema — the JSON Schema of every forwarded event body (public: it is documentation, no data).
import { buildForwardEventJsonSchema } from '@/lib/forwarding/forward-events'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const GET = withErrors(async () =>
  Response.json(buildForwardEventJsonSchema(), {
    headers: { 'content-type': 'application/schema+json', 'cache-control': 'public, max-age=300' },
  }),
)
