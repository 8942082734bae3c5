// POST /api/auth/login — email + password → session cookie. 401 with one message whether or not the email exists; 429 when rate-limited.
import { z } from 'zod'
import { signIn } from '@/lib/auth/sign-in'
import { sessionCookie } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { toUserDto } from '@/lib/db/users'
import { AppError } from '@/lib/app-error'
import { clientAddress } from '@/lib/http/client-address'
import { isHttps, isSameOrigin } from '@/lib/http/same-origin'
import { BODY_LIMITS } from '@/lib/http/read-body'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
const loginInput = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) })

export const POST = withErrors(async (request) => {
  if (!isSameOrigin(request)) throw new AppError('forbidden', 'cross-site request refused: Origin must be this site')
  const input = await parseJsonBody(request, loginInput, BODY_LIMITS.signIn)
  const session = await signIn(db(), { ...input, ip: clientAddress(request), userAgent: request.headers.get('user-agent') })
  return Response.json(
    { user: toUserDto(session.user) },
    { headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt, isHttps(request)) } },
  )
})
