import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { ExportLinks } from '@/components/export-links'
import { SubscribersPanel } from './subscribers-panel'

export const metadata = { title: 'Subscribers · Portwatch' }

type SearchParams = Record<string, string | string[] | undefined>

/** The subscriber records port-out answers are checked against: search, edit, lock, and import from CSV. */
export default async function SubscribersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [user, sp] = await Promise.all([getPageUser(), searchParams])
  const q = (Array.isArray(sp.q) ? sp.q[0] : sp.q)?.trim().slice(0, 100) ?? ''
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Subscribers</h1>
        <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
          What our port-out answers are checked against: who owns each number, its account, PIN, ZIP and status. PINs are stored only as a
          keyed hash and never shown again; account, ZIP and name are CPNI and shown masked
          {can(user, 'cpni:reveal') ? ' until you reveal a record (each reveal is recorded in the audit log)' : ''}. A lock denies port-outs
          only while an enforced locked_denied rule covers the number.
        </p>
        <ExportLinks list="subscribers" filter={{ q }} label={q ? 'the matching records' : 'every record'} />
      </header>
      {/* The server enforces this too; it only hides forms this role could not submit. */}
      <SubscribersPanel
        initialQuery={q}
        canWrite={can(user, 'subscribers:write')}
        canReveal={can(user, 'cpni:reveal')}
        canPropose={can(user, 'rules:propose')}
      />
    </div>
  )
}
