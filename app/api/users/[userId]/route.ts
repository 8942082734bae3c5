// PATCH /api/users/{userId} — change role, name, disabled or set a new password (admin). The last active admin stays an admin.
import { requireUser } from '@/lib/auth/session'
import { db } from '@/lib/db/client'
import { updateUser, updateUserInput } from '@/lib/db/users'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'

export const dynamic = 'force-dynamic'

export const PATCH = withErrors(async (request, { params }: { params: Promise<{ userId: string }> }) => {
  const me = await requireUser(request, 'users:manage')
  const { userId } = await params
  return Response.json({ user: await updateUser(db(), me, userId, await parseJsonBody(request, updateUserInput)) })
})
