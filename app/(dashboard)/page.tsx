import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { describeDatabaseTarget } from '@/lib/db/database-url'
import { getPublicBaseUrl, WEBHOOK_PATHS } from '@/lib/server/webhook-urls'

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const c = db()
  const [baseUrl, orders, notifications, rejected] = await Promise.all([
    getPublicBaseUrl(),
    c.prisma.order.count(),
    c.prisma.notification.count(),
    c.prisma.delivery.count({ where: { outcome: 'rejected' } }),
  ])
  const fromEnv = Boolean(config().BANDWIDTH_WEBHOOK_USERNAME && config().BANDWIDTH_WEBHOOK_PASSWORD)
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="space-y-2">
        <p className="flex items-center gap-2 text-sm font-medium text-emerald-700 dark:text-emerald-400">
          <span className="inline-block h-2 w-2 rounded-full bg-emerald-500" aria-hidden /> Running
        </p>
        <h1 className="text-3xl font-semibold tracking-tight">Portwatch is running</h1>
        <p className="text-slate-600 dark:text-slate-400">Receiving Bandwidth order and event notifications into {describeDatabaseTarget(c.target)}.</p>
      </header>

      <section aria-labelledby="register" className="space-y-3 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
        <h2 id="register" className="text-lg font-semibold">Register this URL with Bandwidth</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Use it as the callback URL of your order and event subscriptions:</p>
        <code data-testid="webhook-url" className="block break-all rounded bg-slate-100 px-3 py-2 text-sm dark:bg-slate-900">
          {baseUrl}
          {WEBHOOK_PATHS.notifications}
        </code>
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="credentials-hint">
          {fromEnv ? (
            <>The Basic-auth credentials are the ones set in BANDWIDTH_WEBHOOK_USERNAME and BANDWIDTH_WEBHOOK_PASSWORD.</>
          ) : (
            <>
              Portwatch generated Basic-auth credentials on first start and keeps them in its database. An admin can reveal
              them on the Settings page, or run <code className="rounded bg-slate-100 px-1 dark:bg-slate-900">npm run credentials</code> on the server.
            </>
          )}
        </p>
      </section>

      <section aria-label="Totals" className="grid grid-cols-3 gap-4">
        <Stat label="Orders" value={orders} testId="count-orders" />
        <Stat label="Notifications" value={notifications} testId="count-notifications" />
        <Stat label="Rejected deliveries" value={rejected} testId="count-rejected" />
      </section>
    </div>
  )
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <div className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString('en-US')}
      </div>
      <div className="text-sm text-slate-600 dark:text-slate-400">{label}</div>
    </div>
  )
}
