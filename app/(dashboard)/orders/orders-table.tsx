'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition, type FormEvent } from 'react'
import useSWRInfinite from 'swr/infinite'
import type { OrdersResponse } from '@/app/api/orders/route'
import { fetchJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { StatusBadge } from '@/components/status-badge'
import { Button } from '@/components/ui/button'
import { SkeletonRows } from '@/components/ui/skeleton-rows'
import { LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'
import { NumberLinks } from '@/components/notification-parts'
import { FocAlarmBadge } from '@/components/foc-alarm-badge'
import { KNOWN_ORDER_TYPES, statusOptions } from '@/lib/orders/order-lifecycles'
import { findOrderType } from '@/lib/orders/order-types'

/** What the URL says to show; page.tsx parses it, this component writes it back with router.replace. */
export type OrderFilters = {
  type: string
  status: string
  /** With a status: orders that were ever in it ("ever in status"), not only those in it now. */
  ever: boolean
  q: string
  from: string
  to: string
  stuck: boolean
  /** Exactly the overview's "Needs attention" orders. */
  attention: boolean
  /** Exactly the overview's "FOC due or missed" orders. */
  foc: boolean
  limit: number | null
}

const NO_FILTERS = { q: '', type: '', status: '', ever: false, from: '', to: '', stuck: false, attention: false, foc: false } as const

const DEFAULT_PAGE_SIZE = 50

export function OrdersTable({ filters }: { filters: OrderFilters }) {
  const router = useRouter()
  const [, startTransition] = useTransition()
  // `applied` moves at once (the table reloads without waiting for the server to re-render the page);
  // the URL follows. A change of the URL from elsewhere (the header search) resets both.
  const [applied, setApplied] = useState(filters)
  const [draftQ, setDraftQ] = useState(filters.q)
  const [draftType, setDraftType] = useState(filters.type)
  const propsKey = toSearch(filters)
  const lastPushed = useRef(propsKey)
  useEffect(() => {
    if (propsKey !== lastPushed.current) {
      setApplied(filters)
      setDraftQ(filters.q)
      setDraftType(filters.type)
    }
    lastPushed.current = propsKey
    // eslint-disable-next-line react-hooks/exhaustive-deps -- propsKey is filters, serialised
  }, [propsKey])

  function apply(change: Partial<OrderFilters> = {}) {
    const next: OrderFilters = { ...applied, q: draftQ.trim(), type: draftType.trim().toLowerCase(), ...change }
    setApplied(next)
    setDraftQ(next.q)
    setDraftType(next.type)
    const search = toSearch(next)
    lastPushed.current = search
    startTransition(() => router.replace(`/orders${search ? `?${search}` : ''}`, { scroll: false }))
  }

  const getKey = (index: number, previous: OrdersResponse | null) => {
    if (previous && !previous.nextCursor) return null
    const q = toApiQuery(applied)
    if (previous?.nextCursor) q.set('cursor', previous.nextCursor)
    return `/api/orders?${q}`
  }
  const { data, error, size, setSize, mutate, isLoading, isValidating } = useSWRInfinite<OrdersResponse>(getKey, fetchJson, {
    refreshInterval: 30_000,
  })
  // A refresh re-reads the first page only; an order that moved up can still sit in a later cached page.
  const orders = uniqueBy(data?.flatMap((p) => p.orders) ?? [], (o) => o.orderId)
  const hasMore = Boolean(data?.at(-1)?.nextCursor)
  const isLoadingMore = isValidating && size > (data?.length ?? 0)
  const isFiltered = Boolean(
    applied.q || applied.type || applied.status || applied.from || applied.to || applied.stuck || applied.attention || applied.foc,
  )
  const statuses = statusOptions(applied.type)
  const isBadRange = Boolean(applied.from && applied.to && applied.from > applied.to)

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    apply()
  }

  return (
    <div className="space-y-5">
      <form
        role="search"
        aria-label="Filter orders"
        onSubmit={onSubmit}
        className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      >
        <div className="grid gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
          <Field label="Search" hint="OrderId, CustomerOrderId, a telephone number in any format or its last 4 to 9 digits; press Enter">
            <TextInput
              type="search"
              name="q"
              value={draftQ}
              onChange={(e) => setDraftQ(e.target.value)}
              placeholder="e.g. (919) 555-0301 or PORT-ACME-2025-0311"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field label="Type" hint="Pick one or type any OrderType">
            <TextInput
              name="type"
              list="order-type-options"
              value={draftType}
              onChange={(e) => {
                setDraftType(e.target.value)
                // Picking a known type from the list applies it; free text waits for Enter or leaving the field.
                const typed = e.target.value.trim().toLowerCase()
                if (typed === '' || KNOWN_ORDER_TYPES.includes(typed)) apply({ type: typed })
              }}
              onBlur={() => {
                if (draftType.trim().toLowerCase() !== applied.type) apply()
              }}
              placeholder="All types"
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <div className="space-y-2">
            <Field label="Status" hint={applied.type && findOrderType(applied.type) ? `The states of ${applied.type}` : undefined}>
              <Select name="status" value={applied.status} onChange={(e) => apply({ status: e.target.value })}>
                <option value="">All statuses</option>
                {statuses.attention.length ? (
                  <optgroup label="Needs attention">
                    {statuses.attention.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup label="Other statuses">
                  {statuses.other.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </optgroup>
                {applied.status && !statuses.other.includes(applied.status) && !statuses.attention.includes(applied.status) ? (
                  <option value={applied.status}>{applied.status}</option>
                ) : null}
              </Select>
            </Field>
            <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <legend className="sr-only">Match the status</legend>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="ever"
                  value="now"
                  checked={!applied.ever}
                  onChange={() => apply({ ever: false })}
                  className="accent-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500"
                />
                now in status
              </label>
              <label className="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="ever"
                  value="ever"
                  checked={applied.ever}
                  onChange={() => apply({ ever: true })}
                  className="accent-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-500"
                />
                ever in status
              </label>
            </fieldset>
          </div>
        </div>
        {applied.attention || applied.foc ? (
          <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="orders-preset">
            <span className="rounded bg-rose-100 px-2 py-0.5 font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
              {applied.attention ? 'Needs attention (as on the overview)' : 'FOC due or missed (as on the overview)'}
            </span>
            <button
              type="button"
              onClick={() => apply({ attention: false, foc: false })}
              className="rounded text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
            >
              Remove
            </button>
          </p>
        ) : null}
        <datalist id="order-type-options">
          {KNOWN_ORDER_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <div className="flex flex-wrap items-end gap-4">
          <Field label="Last activity from">
            <TextInput
              type="date"
              name="from"
              value={applied.from}
              max={applied.to || undefined}
              onChange={(e) => apply({ from: e.target.value })}
              className="w-44"
            />
          </Field>
          <Field label="Last activity to">
            <TextInput
              type="date"
              name="to"
              value={applied.to}
              min={applied.from || undefined}
              onChange={(e) => apply({ to: e.target.value })}
              className="w-44"
            />
          </Field>
          <label className="flex items-center gap-2 pb-2 text-sm font-medium text-slate-800 dark:text-slate-200">
            <input
              type="checkbox"
              name="stuck"
              checked={applied.stuck}
              onChange={(e) => apply({ stuck: e.target.checked })}
              className="h-4 w-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700"
            />
            Stuck only
          </label>
          <div className="ml-auto flex gap-2">
            <Button type="submit">Search</Button>
            {isFiltered ? (
              <Button type="button" variant="secondary" onClick={() => apply(NO_FILTERS)}>
                Clear filters
              </Button>
            ) : null}
          </div>
        </div>
        {isBadRange ? <p className="text-sm text-amber-700 dark:text-amber-300">“From” is after “to”: no order can match.</p> : null}
      </form>

      {error ? <LoadError what="load orders" error={error} onRetry={() => void mutate()} /> : null}

      {data?.[0]?.numbersEndingWith?.length ? (
        <section
          aria-label={`Numbers ending in ${applied.q}`}
          className="rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800"
        >
          <h2 className="font-medium">Numbers ending in {applied.q.replace(/\D/g, '')}</h2>
          <p className="mt-2" data-testid="numbers-ending-with">
            <NumberLinks numbers={data[0].numbersEndingWith} max={20} />
          </p>
        </section>
      ) : null}

      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400" data-testid="orders-summary">
        {isLoading
          ? 'Loading orders…'
          : data
            ? `${orders.length} ${orders.length === 1 ? 'order' : 'orders'} shown${hasMore ? ', more below' : ''}`
            : ''}
      </p>

      {error && !data ? null : !isLoading && orders.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No orders match these filters">
            <p>
              Search matches a whole OrderId, CustomerOrderId or telephone number, or a number’s last 4 to 9 digits. Try fewer filters, or
              clear them.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="No orders received yet">
            <p>
              Orders appear here as soon as Bandwidth sends a notification for one. The{' '}
              <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
                Overview
              </Link>{' '}
              shows the URL to register.
            </p>
          </EmptyState>
        )
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          <DataTable
            caption="Orders, most recent activity first"
            tone="shaded"
            aria-busy={isLoading}
            head={
              <tr>
                <th scope="col" className="px-3 py-2">
                  Order
                </th>
                <th scope="col" className="px-3 py-2">
                  Type
                </th>
                <th scope="col" className="px-3 py-2">
                  Customer order
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  FOC date
                </th>
                <th scope="col" aria-sort="descending" className="px-3 py-2">
                  Last activity <span aria-hidden>↓</span>
                  <span className="sr-only">(newest first)</span>
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  <abbr title="Notifications received" className="no-underline">
                    Notif.
                  </abbr>
                </th>
              </tr>
            }
          >
            {isLoading ? (
              <SkeletonRows columns={7} />
            ) : (
              orders.map((o) => (
                <tr
                  key={o.orderId}
                  data-testid="order-row"
                  className="border-b border-slate-100 last:border-0 hover:bg-slate-50 dark:border-slate-800/60 dark:hover:bg-slate-900/60"
                >
                  <th scope="row" className="px-3 py-2 font-normal">
                    <Link
                      href={`/orders/${encodeURIComponent(o.orderId)}`}
                      className="break-all font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
                    >
                      {o.orderId}
                    </Link>
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">{o.orderType}</td>
                  <td className="px-3 py-2">{o.customerOrderId ?? <span className="text-slate-600 dark:text-slate-400">—</span>}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <StatusBadge status={o.status} stuck={Boolean(o.stuckSince)} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400">
                    {o.actualFocDate ? (
                      <span className="flex flex-col items-start gap-0.5">
                        <LocalTime iso={o.actualFocDate} />
                        {o.focAlarm ? <FocAlarmBadge alarm={o.focAlarm} /> : null}
                      </span>
                    ) : (
                      <span className="text-slate-600 dark:text-slate-400">—</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <LocalTime iso={o.lastSeenAt} withSeconds />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{o.notificationCount}</td>
                </tr>
              ))
            )}
          </DataTable>
        </div>
      )}

      {hasMore ? (
        <Button variant="secondary" onClick={() => setSize(size + 1)} disabled={isLoadingMore}>
          {isLoadingMore ? 'Loading…' : 'Load more orders'}
        </Button>
      ) : null}
    </div>
  )
}

/** The filters as this page's query string (only what is set, so a shared link stays short). */
function toSearch(f: OrderFilters): string {
  const q = new URLSearchParams()
  if (f.q) q.set('q', f.q)
  if (f.type) q.set('type', f.type)
  if (f.status) q.set('status', f.status)
  if (f.ever) q.set('ever', 'true')
  if (f.attention) q.set('attention', 'true')
  if (f.foc) q.set('foc', 'due')
  if (f.from) q.set('from', f.from)
  if (f.to) q.set('to', f.to)
  if (f.stuck) q.set('stuck', 'true')
  if (f.limit !== null) q.set('limit', String(f.limit))
  return q.toString()
}

/** The API query: dates are whole days in the operator's time zone, "to" included. */
function toApiQuery(f: OrderFilters): URLSearchParams {
  const q = new URLSearchParams({ limit: String(f.limit ?? DEFAULT_PAGE_SIZE) })
  if (f.q) q.set('q', f.q)
  if (f.type) q.set('type', f.type)
  if (f.status) q.set('status', f.status)
  if (f.status && f.ever) q.set('ever', 'true')
  if (f.attention) q.set('attention', 'true')
  if (f.foc) q.set('foc', 'due')
  if (f.from) q.set('from', startOfLocalDay(f.from).toISOString())
  if (f.to) q.set('to', new Date(startOfLocalDay(f.to, 1).getTime() - 1).toISOString())
  if (f.stuck) q.set('stuck', 'true')
  return q
}

/** Local midnight of a YYYY-MM-DD day (plus `addDays`: the Date constructor handles month ends and DST). */
function startOfLocalDay(day: string, addDays = 0): Date {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y, m - 1, d + addDays)
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>()
  return items.filter((item) => {
    const key = keyOf(item)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
