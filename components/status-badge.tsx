// A status as a coloured badge: red needs attention, green finished well, grey still moving.
import { ATTENTION_STATUSES } from '@/lib/orders/order-lifecycles'

const ATTENTION = new Set(ATTENTION_STATUSES)
const DONE = new Set(['COMPLETE', 'COMPLETED', 'ADJUSTED_COMPLETE'])
const ENDED = new Set(['CANCELLED', 'REQUESTED_CANCEL'])

export function StatusBadge({ status, stuck = false }: { status: string | null; stuck?: boolean }) {
  const tone =
    status === null ? 'none' : ATTENTION.has(status) ? 'attention' : DONE.has(status) ? 'done' : ENDED.has(status) ? 'ended' : 'moving'
  const classes = {
    none: 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400',
    attention: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
    done: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
    ended: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
    moving: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  }[tone]
  return (
    <span className="inline-flex items-center gap-1">
      <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-medium ${classes}`}>{status ?? 'note'}</span>
      {stuck ? (
        <span
          className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
          title="No update for longer than this order type's threshold"
        >
          stuck
        </span>
      ) : null}
    </span>
  )
}
