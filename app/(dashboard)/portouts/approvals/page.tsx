import { BackLink } from '@/components/ui/back-link'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { ApprovalsQueue } from './approvals-queue'

export const metadata = { title: 'Port-out rules and approvals · Portwatch' }

type SearchParams = Record<string, string | string[] | undefined>

/**
 * The port-out policy in force, the changes waiting for a second pair of eyes, and every past decision.
 * `?propose=locked_denied` opens a draft with a rule that denies locked numbers (linked from a lock that changes nothing).
 */
export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [user, sp] = await Promise.all([getPageUser(), searchParams])
  return (
    <div className="space-y-6">
      <BackLink href="/portouts">Port-out requests</BackLink>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Port-out rules and approvals</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          The rules our answers to port-out requests follow. Every change is a proposal that another admin approves (four eyes) after seeing
          what it changes and how it would have answered recent requests.
        </p>
      </header>
      {/* The server enforces these too; they only hide what this role could not use. */}
      <ApprovalsQueue
        canPropose={can(user, 'rules:propose')}
        canApprove={can(user, 'rules:approve')}
        userEmail={user.email}
        proposeLockRule={sp.propose === 'locked_denied'}
      />
    </div>
  )
}
