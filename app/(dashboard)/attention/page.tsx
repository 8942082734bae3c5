import Link from 'next/link'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { Forbidden } from '@/components/ui/card'
import { IssueList } from './issue-list'

export const metadata = { title: 'Attention · Portwatch' }

export default async function AttentionPage() {
  const user = await getPageUser()
  if (!can(user, 'issues:read')) return <Forbidden what="the issues" />
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Attention</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Each condition that needs a person is an issue about one order, number, port-out request, account or source. Acknowledge one to
          say you have it; it resolves itself when its condition clears and reopens if it returns.
          {can(user, 'alerts:manage') ? (
            <>
              {' '}
              <Link href="/alerts" className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
                Alert channels and rules
              </Link>{' '}
              decide who hears of them.
            </>
          ) : null}
        </p>
      </div>
      <IssueList canAct={can(user, 'issues:act')} />
    </div>
  )
}
