import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { SubscriptionsPanel } from './subscriptions-panel'

export const metadata = { title: 'Subscriptions · Portwatch' }

export default async function SubscriptionsPage() {
  const user = await getPageUser()
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Subscriptions</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          What Bandwidth actually has for this account, per order type and event type, checked: present, pointing at our notifications URL,
          carrying a webhook pair we accept, days until it expires, the result of Bandwidth&apos;s last delivery, and duplicates.
        </p>
      </div>
      <SubscriptionsPanel canManage={can(user, 'bandwidth:subscriptions')} />
    </div>
  )
}
