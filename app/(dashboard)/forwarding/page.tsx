import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { ForwardingSettings } from './forwarding-settings'

export const metadata = { title: 'Forwarding · Portwatch' }

export default async function ForwardingPage() {
  const user = await getPageUser()
  if (!can(user, 'forwarding:manage')) return <Forbidden what="forwarding destinations" />
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Forwarding</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Destinations receive Portwatch&apos;s normalised events (status changes, notes, MESSAGING_LOST and other events, port-out
          decisions) as JSON, signed per{' '}
          <a className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300" href="https://www.standardwebhooks.com/">
            Standard Webhooks
          </a>
          , after the answer to Bandwidth. Each order&apos;s events arrive in order; a delivery that fails is retried on a fixed schedule
          and keeps its <code>webhook-id</code>, so a receiver can drop one it already has. The body&apos;s shape:{' '}
          <a className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300" href="/api/forwarding/schema">
            JSON Schema
          </a>
          .
        </p>
      </div>
      <ForwardingSettings />
    </div>
  )
}
