import Link from 'next/link'
import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { ApiTokensCard } from './api-tokens-card'
import { RetentionCard } from './retention-card'
import { BandwidthConnectionCard } from './bandwidth-connection-card'
import { SettingsPanel } from './settings-panel'

export const metadata = { title: 'Settings · Portwatch' }

export default async function SettingsPage() {
  const user = await getPageUser()
  if (!can(user, 'settings:read')) return <Forbidden what="the settings" />
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <div className="flex flex-wrap gap-4">
          {can(user, 'alerts:manage') ? (
            <Link href="/alerts" className="text-sm text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Alert channels and rules
            </Link>
          ) : null}
          {can(user, 'forwarding:manage') ? (
            <Link href="/forwarding" className="text-sm text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
              Forwarding destinations
            </Link>
          ) : null}
        </div>
      </div>
      {can(user, 'bandwidth:connection') ? <BandwidthConnectionCard /> : null}
      <SettingsPanel />
      <RetentionCard />
      {can(user, 'api-tokens:manage') ? <ApiTokensCard /> : null}
    </div>
  )
}
