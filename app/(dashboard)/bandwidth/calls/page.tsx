import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { CallLog } from './call-log'

export const metadata = { title: 'API calls · Portwatch' }

export default async function BandwidthCallsPage() {
  const user = await getPageUser()
  if (!can(user, 'bandwidth:connection')) return <Forbidden what="the Bandwidth API calls" />
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">API calls</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every call Portwatch made to Bandwidth&apos;s API, newest first: what triggered it, the answer and how long it took. Tokens and
          secrets are never recorded.
        </p>
      </div>
      <CallLog />
    </div>
  )
}
