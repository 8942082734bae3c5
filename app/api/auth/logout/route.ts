// POST /api/auth/logout — ends this browser's session.
import { clearedSessionCookie, sessionToken } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { deleteSession } from '@/lib/db/sessions'
import { AppError } from '@/lib/app-error'
import { isHttps, isSameOrigin } from '@/lib/http/same-origin'
import { withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const POST = withErrors(async (request) => {
  if (!isSameOrigin(request)) throw new AppError('forbidden', 'cross-site request refused: Origin must be this site')
  const token = sessionToken(request)
  if (token) await deleteSession(db(), token)
  return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionCookie(isHttps(request)) } })
})
