import Link from 'next/link'
import { ExportLinks } from '@/components/export-links'
import { PortoutsLog, type PortoutFilters } from './portouts-log'

export const metadata = { title: 'Port-outs · Portwatch' }

type SearchParams = Record<string, string | string[] | undefined>

/** Every port-out validation request Bandwidth sent and what we answered; the answer filter lives in the URL. */
export default async function PortoutsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = readFilters(await searchParams)
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Port-out requests</h1>
          <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">
            Every request another carrier made to take our numbers, newest first, with the answer we gave and the rules behind it. Account,
            ZIP and name are CPNI: only their last characters are shown.
          </p>
        </div>
        <Link
          href="/portouts/approvals"
          className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          Rules and approvals →
        </Link>
      </header>
      <ExportLinks list="portouts" filter={filters} label="these requests" />
      <PortoutsLog filters={filters} />
    </div>
  )
}

function readFilters(sp: SearchParams): PortoutFilters {
  const one = (name: string) => {
    const v = sp[name]
    return Array.isArray(v) ? v[0] : v
  }
  const portable = one('portable')
  const from = one('from') ?? ''
  return {
    portable: portable === 'true' || portable === 'false' ? portable : '',
    fallback: one('fallback') === 'true',
    // Only an ISO instant is passed on; anything else would make the API answer 400.
    from: /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(from) && !Number.isNaN(Date.parse(from)) ? from : '',
  }
}
