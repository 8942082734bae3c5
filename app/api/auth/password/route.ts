// POST /api/auth/password — change your own password; ends all your sessions and signs this browser in again.
// The current password is checked within the sign-in limit of the account and the address (429 past it).
import { z } from 'zod'
import { verifyCurrentPassword } from '@/lib/auth/sign-in'
import { requireUser, sessionCookie } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { createSession } from '@/lib/db/sessions'
import { passwordSchema, updateUser } from '@/lib/db/users'
import { clientAddress } from '@/lib/http/client-address'
import { isHttps } from '@/lib/http/same-origin'
import { BODY_LIMITS } from '@/lib/http/read-body'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'data:read')
  const input = await parseJsonBody(request, changePasswordInput, BODY_LIMITS.signIn)
  await verifyCurrentPassword(db(), me, input.currentPassword, clientAddress(request))
  await updateUser(db(), me, me.id, { password: input.newPassword })
  const session = await createSession(db(), me.id, { userAgent: request.headers.get('user-agent'), ip: clientAddress(request) })
  return new Response(null, { status: 204, headers: { 'Set-Cookie': sessionCookie(session.token, session.expiresAt, isHttps(request)) } })
})
