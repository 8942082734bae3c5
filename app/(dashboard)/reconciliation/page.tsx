import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { ReconciliationRuns } from './reconciliation-runs'

export const metadata = { title: 'Reconciliation · Portwatch' }

/** The reconciler: its runs, a backfill's progress, and what each run found (with links to the orders). */
export default async function ReconciliationPage({ searchParams }: { searchParams: Promise<{ run?: string }> }) {
  const user = await getPageUser()
  const { run } = await searchParams
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Reconciliation</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Bandwidth sends each order notification once and never retries. The reconciler asks Bandwidth which orders changed, compares them
          with what reached us, and recovers every state we missed onto the order&apos;s timeline (marked “recovered from Bandwidth”). It
          sweeps the recent window on a schedule; a backfill goes over past days, for example the day of an outage.
        </p>
      </div>
      <ReconciliationRuns canRun={can(user, 'reconcile:run')} selected={run ?? null} />
    </div>
  )
}
