import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { AlertSettings } from './alert-settings'

export const metadata = { title: 'Alerts · Portwatch' }

export default async function AlertsPage() {
  const user = await getPageUser()
  if (!can(user, 'alerts:manage')) return <Forbidden what="alert channels and rules" />
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Alerts</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Channels are where alerts go (email, Slack, PagerDuty, a signed webhook); rules say which issues go to which channels. An alert is
          sent when an issue opens, reopens or resolves, through the job runner, retried with growing pauses. No CPNI and no secret is ever
          in one.
        </p>
      </div>
      <AlertSettings />
    </div>
  )
}
