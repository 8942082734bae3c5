// POST /api/subscribers/import?commit=false|true — a subscriber CSV: preview with per-row errors, then an all-or-nothing import (operator, audited).
import { z } from 'zod'
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { importSubscribersCsv } from '@/lib/db/import-subscribers'
import { BODY_LIMITS, readBodyText } from '@/lib/http/read-body'
import { parseSearchParams, withErrors } from '@/lib/http/with-errors'
import { getPinSecret } from '@/lib/server/pin-secret'

export const runtime = 'nodejs'
export const dynamic = 'force-dynamic'
// A large CSV is hashed row by row (HMAC per PIN) in one transaction: give it longer than a page request.
export const maxDuration = 60

/** A dry run (preview and per-row errors) or the all-or-nothing import. */
export type ImportResponse = Awaited<ReturnType<typeof importSubscribersCsv>>
const query = z.object({
  commit: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'subscribers:write')
  const { commit } = parseSearchParams(request, query)
  return Response.json(
    await importSubscribersCsv(db(), me, await readBodyText(request, BODY_LIMITS.subscriberImport), { commit, secret: getPinSecret() }),
  )
})
