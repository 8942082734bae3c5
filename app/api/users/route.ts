// GET /api/users — everyone who can sign in (admin). POST — create a user with a role and an initial password (admin).
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { createUser, createUserInput, listUsers } from '@/lib/db/users'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'
export type UsersResponse = { users: Awaited<ReturnType<typeof listUsers>> }

export const GET = withErrors(async (request) => {
  await requireUser(request, 'users:manage')
  return Response.json({ users: await listUsers(db()) } satisfies UsersResponse)
})

export const POST = withErrors(async (request) => {
  const me = await requireUser(request, 'users:manage')
  const user = await createUser(db(), me, await parseJsonBody(request, createUserInput))
  return Response.json({ user }, { status: 201 })
})
