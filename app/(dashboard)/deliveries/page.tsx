import { ExportLinks } from '@/components/export-links'
import { DeliveriesLog, type DeliveryFilters } from './deliveries-log'

export const metadata = { title: 'Deliveries · Portwatch' }

type SearchParams = Record<string, string | string[] | undefined>

/** The raw request log: how an operator proves what Bandwidth sent and why something was refused. */
export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = readFilters(await searchParams)
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Deliveries</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every authenticated request the webhook receivers got, newest first: accepted, duplicate, or rejected with the reason. Open a row
          to see its headers, checksum and exact body.
        </p>
        <ExportLinks list="deliveries" filter={filters} label="these deliveries" />
      </header>
      <DeliveriesLog filters={filters} />
    </div>
  )
}

function readFilters(sp: SearchParams): DeliveryFilters {
  const one = (name: string) => {
    const v = sp[name]
    return Array.isArray(v) ? v[0] : v
  }
  const outcome = one('outcome')
  const endpoint = one('endpoint')
  return {
    outcome: outcome === 'accepted' || outcome === 'duplicate' || outcome === 'rejected' ? outcome : '',
    endpoint: endpoint === 'notifications' || endpoint === 'portout-validation' ? endpoint : '',
    q: one('q')?.trim().slice(0, 200) ?? '',
  }
}
