// GET|POST /api/bench/noop — baselines for `npm run bench:ingest`; exist only when PORTWATCH_BENCH_ROUTES=1, else 404.
// GET is the trivial route; POST reads the body with the receiver's reader and limit, and stores nothing.
import { config } from '@/lib/config'
import { readBodyWithLimit } from '@/lib/http/read-body'

export const dynamic = 'force-dynamic'

const enabled = () => config().PORTWATCH_BENCH_ROUTES === '1'

export function GET(): Response {
  return new Response(null, { status: enabled() ? 204 : 404 })
}

export async function POST(request: Request): Promise<Response> {
  if (!enabled()) return new Response(null, { status: 404 })
  await readBodyWithLimit(request, config().PORTWATCH_MAX_BODY_BYTES)
  return new Response(null, { status: 204 })
}
