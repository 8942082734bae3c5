// POST /api/auth/setup — first run only: creates the first admin and signs them in. 409 once any user exists.
import { signIn } from '@/lib/auth/sign-in'
import { sessionCookie } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { createUser, createUserInput } from '@/lib/db/users'
import { AppError } from '@/lib/app-error'
import { clientAddress } from '@/lib/http/client-address'
import { isHttps, isSameOrigin } from '@/lib/http/same-origin'
import { BODY_LIMITS } from '@/lib/http/read-body'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
const setupInput = createUserInput.omit({ role: true })

export const POST = withErrors(async (request) => {
  if (!isSameOrigin(request)) throw new AppError('forbidden', 'cross-site request refused: Origin must be this site')
  const input = await parseJsonBody(request, setupInput, BODY_LIMITS.signIn)
  const user = await createUser(db(), null, { ...input, role: 'admin' }, { onlyIfNoUsers: true })
  const session = await signIn(db(), {
    email: input.email,
    password: input.password,
    ip: clientAddress(request),
    userAgent: request.headers.get('user-agent'),
  })
  return Response.json(
    { user },
    { status: 201, headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt, isHttps(request)) } },
  )
})
