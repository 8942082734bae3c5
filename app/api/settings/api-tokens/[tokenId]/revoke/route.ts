// POST /api/settings/api-tokens/{tokenId}/revoke — the token stops working at once, for good (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { revokeApiToken } from '@/lib/db/api-tokens'
import { db } from '@/lib/db/client'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request, { params }: { params: Promise<{ tokenId: string }> }) => {
  const me = await requireUser(request, 'api-tokens:manage')
  const { tokenId } = await params
  return Response.json({ apiToken: await revokeApiToken(db(), me, tokenId) })
})
