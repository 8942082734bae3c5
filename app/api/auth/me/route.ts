// GET /api/auth/me — the signed-in user and what they may do.
import { ACTIONS, can, type Action } from '@/lib/auth/permissions'
import { requireUser } from '@/lib/auth/session'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const GET = withErrors(async (request) => {
  const user = await requireUser(request, 'data:read')
  const allowed = (Object.keys(ACTIONS) as Action[]).filter((a) => can(user, a))
  return Response.json({ user, allowed })
})
