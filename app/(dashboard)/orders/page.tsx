import { ExportLinks } from '@/components/export-links'
import { OrdersTable, type OrderFilters } from './orders-table'

export const metadata = { title: 'Orders · Portwatch' }

type SearchParams = Record<string, string | string[] | undefined>

/** The orders list; its filters live in the URL, so a reload or a shared link shows the same view. */
export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = parseOrderFilters(await searchParams)
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Every order Bandwidth has told us about, most recent activity first. Stuck orders have had no news for longer than their type’s
          threshold.
        </p>
        <ExportLinks
          list="orders"
          filter={{ q: filters.q, type: filters.type, status: filters.status, from: filters.from, to: filters.to, stuck: filters.stuck }}
          label="these orders"
        />
      </header>
      <OrdersTable filters={filters} />
    </div>
  )
}

/** Lenient: a parameter the API would refuse (a malformed date, a huge limit) is dropped rather than shown as an error. */
function parseOrderFilters(params: SearchParams): OrderFilters {
  const one = (name: string) => {
    const v = params[name]
    return (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) ?? ''
  }
  const day = (name: string) => (/^\d{4}-\d{2}-\d{2}$/.test(one(name)) && !Number.isNaN(Date.parse(one(name))) ? one(name) : '')
  const limit = Number(one('limit'))
  return {
    q: one('q'),
    type: one('type').toLowerCase().slice(0, 100),
    status: one('status').toUpperCase().slice(0, 100),
    from: day('from'),
    to: day('to'),
    ever: one('ever') === 'true',
    stuck: one('stuck') === 'true',
    attention: one('attention') === 'true',
    foc: one('foc') === 'due',
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 200 ? limit : null,
  }
}
