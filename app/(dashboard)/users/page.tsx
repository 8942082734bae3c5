import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { UsersPanel } from './users-panel'

export const metadata = { title: 'Users · Portwatch' }

export default async function UsersPage() {
  const user = await getPageUser()
  if (!can(user, 'users:manage')) return <Forbidden what="the users" />
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <UsersPanel currentUserId={user.id} />
    </div>
  )
}
