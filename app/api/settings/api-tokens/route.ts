// GET /api/settings/api-tokens — every API token, never the token itself (admin).
// POST — create one; the answer holds the token, the only time it is ever shown (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { createApiToken, createApiTokenInput, listApiTokens } from '@/lib/db/api-tokens'
import { db } from '@/lib/db/client'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type ApiTokensResponse = { tokens: Awaited<ReturnType<typeof listApiTokens>> }
export type CreatedApiTokenResponse = Awaited<ReturnType<typeof createApiToken>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'api-tokens:manage')
  return Response.json({ tokens: await listApiTokens(db()) } satisfies ApiTokensResponse)
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'api-tokens:manage')
  const created = await createApiToken(db(), me, await parseJsonBody(request, createApiTokenInput))
  // no-store: no cache or proxy may keep the one answer that holds the token.
  return Response.json(created satisfies CreatedApiTokenResponse, { status: 201, headers: { 'Cache-Control': 'no-store' } })
})
