// Who is asking: the session cookie → the signed-in user, and the checks every route and page makes.
import { cookies } from 'next/headers'
import { cache } from 'react'
import { redirect } from 'next/navigation'
import { tokenActor, verifyApiToken } from '../db/api-tokens'
import type { AuditActor } from '../db/audit'
import { db } from '../db/client'
import { getSessionUser } from '../db/sessions'
import { AppError } from '../app-error'
import { isSafeMethod, isSameOrigin } from '../http/same-origin'
import type { User } from '../generated/sqlite/client'
import { can, type Action } from './permissions'
import type { ApiTokenScope, Role } from '../roles'

export const SESSION_COOKIE = 'portwatch_session'

export type SessionUser = { id: string; email: string; name: string | null; role: Role }

function toSessionUser(u: User): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role as Role }
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie')
  if (!header) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim())
  }
  return undefined
}

export function sessionToken(request: Request): string | undefined {
  return readCookie(request, SESSION_COOKIE)
}

/**
 * For API routes: the signed-in user allowed to do `action`, or an AppError (401 not signed in,
 * 403 not allowed or a cross-site state-changing request).
 */
export async function requireUser(request: Request, action: Action): Promise<SessionUser> {
  if (!isSafeMethod(request.method) && !isSameOrigin(request))
    throw new AppError('forbidden', 'cross-site request refused: Origin must be this site')
  const user = await getSessionUser(db(), sessionToken(request))
  if (!user) throw new AppError('unauthorized', 'sign in first')
  if (!can({ id: user.id, role: user.role as Role }, action)) throw new AppError('forbidden', `your role (${user.role}) may not do this`)
  return toSessionUser(user)
}

/** Who made a change, for the audit log, and through what (shown as the audit entry's target). */
export type Caller = { actor: NonNullable<AuditActor>; via: string }

/**
 * For routes a machine may call too: `Authorization: Bearer <API token>` with `scope`, or else the
 * signed-in user allowed to do `action` (as requireUser). A bad token is a 401 with a one-line reason;
 * no cross-site check for tokens, since a browser never attaches one on its own.
 */
export async function requireUserOrApiToken(request: Request, action: Action, scope: ApiTokenScope): Promise<Caller> {
  const authorization = request.headers.get('authorization')
  if (authorization === null) {
    const user = await requireUser(request, action)
    return { actor: { id: user.id, email: user.email }, via: 'api' }
  }
  const bearer = /^Bearer +(\S+)\s*$/i.exec(authorization)
  if (!bearer) throw new AppError('unauthorized', 'Authorization must be "Bearer <API token>"')
  const checked = await verifyApiToken(db(), bearer[1], scope)
  if (!checked.ok) throw new AppError('unauthorized', checked.reason)
  return { actor: tokenActor(checked.token), via: `api token ${checked.token.name} (${checked.token.prefix}…)` }
}

/** For pages: the signed-in user, or a redirect to the sign-in page. Looked up once per request (layout and page share it). */
export const getPageUser = cache(async (): Promise<SessionUser> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value
  const user = await getSessionUser(db(), token)
  if (!user) redirect('/login')
  return toSessionUser(user)
})

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure ? '; Secure' : ''}`
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`
}
