import Link from 'next/link'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { describeDatabaseTarget } from '@/lib/db/database-url'
import { getPublicBaseUrl, WEBHOOK_PATHS } from '@/lib/server/webhook-urls'
import { PublicUrlWarning } from '@/components/public-url-warning'
import { Overview } from './overview'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Overview · Portwatch' }

/** What the team looks at first; the live part polls /api/overview, the registration details are static. */
export default async function OverviewPage() {
  const [user, baseUrl] = await Promise.all([getPageUser(), getPublicBaseUrl()])
  const fromEnv = Boolean(config().BANDWIDTH_WEBHOOK_USERNAME && config().BANDWIDTH_WEBHOOK_PASSWORD)
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="flex items-center gap-2.5 text-2xl font-semibold tracking-tight">
          <span className="inline-block h-2.5 w-2.5 rounded-full bg-emerald-500" aria-hidden />
          Portwatch is running
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Receiving Bandwidth order and event notifications into {describeDatabaseTarget(db().target)}.
        </p>
      </header>
      <Overview
        register={<RegisterCard url={`${baseUrl}${WEBHOOK_PATHS.notifications}`} fromEnv={fromEnv} isAdmin={can(user, 'settings:read')} />}
      />
    </div>
  )
}

function RegisterCard({ url, fromEnv, isAdmin }: { url: string; fromEnv: boolean; isAdmin: boolean }) {
  return (
    <section
      aria-labelledby="register"
      id="register-with-bandwidth"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900/40"
    >
      <h2 id="register" className="text-base font-semibold">
        Register with Bandwidth
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">Callback URL for your order and event subscriptions:</p>
      <code data-testid="webhook-url" className="block break-all rounded bg-slate-100 px-3 py-2 text-xs dark:bg-slate-950">
        {url}
      </code>
      <PublicUrlWarning url={url} />
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="credentials-hint">
        {fromEnv ? (
          <>The Basic-auth credentials are the ones set in BANDWIDTH_WEBHOOK_USERNAME and BANDWIDTH_WEBHOOK_PASSWORD.</>
        ) : (
          <>
            Portwatch generated Basic-auth credentials on first start and keeps them in its database. An admin can reveal them on the
            Settings page, or run <code className="rounded bg-slate-100 px-1 dark:bg-slate-900">npm run credentials</code> on the server.
          </>
        )}
      </p>
      {isAdmin ? (
        <p className="text-xs">
          <Link href="/settings" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
            Settings
          </Link>{' '}
          <span className="text-slate-600 dark:text-slate-400">has the subscription XML to send to Bandwidth.</span>
        </p>
      ) : null}
      <p className="text-xs">
        <Link href="/bandwidth/subscriptions" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          Subscriptions
        </Link>{' '}
        <span className="text-slate-600 dark:text-slate-400">
          shows what Bandwidth actually has for the account and whether it is healthy.
        </span>
      </p>
    </section>
  )
}
