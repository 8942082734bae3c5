// How a notification reads on any page: what it was, its order, its numbers, what it said.
import Link from 'next/link'
import { CodedMessage } from './coded-message'
import { LocalTime } from './local-time'
import { StatusBadge } from './status-badge'
import type { NotificationDto } from '@/lib/db/notification-dto'

/** "portins" + its status badge for an order step; the event type as a badge for an event. */
export function NotificationWhat({ n, showKind = false }: { n: NotificationDto; showKind?: boolean }) {
  if (n.kind === 'event') {
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <span className="text-xs uppercase text-slate-600 dark:text-slate-400">Event</span>
        <span className="rounded bg-violet-100 px-1.5 py-0.5 font-mono text-xs font-medium text-violet-800 dark:bg-violet-950 dark:text-violet-200">
          {n.eventType ?? n.typeKey}
        </span>
      </span>
    )
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {showKind ? <span className="text-xs uppercase text-slate-600 dark:text-slate-400">Order</span> : null}
      <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{n.orderType ?? n.typeKey}</span>
      <StatusBadge status={n.status} />
    </span>
  )
}

/** A link to the order page; long (UUID) ids are shortened on screen but read out in full. */
export function OrderLink({ orderId }: { orderId: string }) {
  const short = orderId.length > 14 ? `${orderId.slice(0, 8)}…` : orderId
  return (
    <Link
      href={`/orders/${encodeURIComponent(orderId)}`}
      title={orderId}
      aria-label={`Order ${orderId}`}
      className="rounded font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
    >
      {short}
    </Link>
  )
}

/** Up to `max` numbers as links to their number page, then "+N more". */
export function NumberLinks({ numbers, max = 3 }: { numbers: string[]; max?: number }) {
  if (numbers.length === 0) return <span className="text-slate-600 dark:text-slate-400">—</span>
  const shown = numbers.slice(0, max)
  const rest = numbers.length - shown.length
  return (
    <span className="inline-flex flex-wrap gap-x-2 gap-y-0.5">
      {shown.map((tn) => (
        <Link
          key={tn}
          href={`/numbers/${encodeURIComponent(tn)}`}
          className="rounded font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
        >
          {tn}
        </Link>
      ))}
      {rest > 0 ? (
        <span className="text-xs text-slate-600 dark:text-slate-400" title={numbers.slice(max).join(', ')}>
          +{rest} more
        </span>
      ) : null}
    </span>
  )
}

/** Whether NotificationDetails has anything to show. */
export function hasDetails(n: NotificationDto): boolean {
  return Boolean(n.message || n.note || n.customerOrderId || n.actualFocDate)
}

/** Message (with its error code), note, customer order id and FOC date: whatever the notification said. */
export function NotificationDetails({ n }: { n: NotificationDto }) {
  const parts = [
    n.message ? <CodedMessage key="m" message={n.message} errorCode={n.errorCode} /> : null,
    n.note ? (
      <span key="n" className="italic text-slate-600 dark:text-slate-400">
        Note: {n.note}
      </span>
    ) : null,
    n.customerOrderId ? (
      <span key="c" className="text-xs text-slate-600 dark:text-slate-400">
        Customer order <span className="font-mono">{n.customerOrderId}</span>
      </span>
    ) : null,
    n.actualFocDate ? (
      <span key="f" className="text-xs text-slate-600 dark:text-slate-400">
        FOC <LocalTime iso={n.actualFocDate} />
      </span>
    ) : null,
  ].filter(Boolean)
  if (parts.length === 0) return <span className="text-slate-600 dark:text-slate-400">—</span>
  return <span className="flex flex-col gap-0.5">{parts}</span>
}
