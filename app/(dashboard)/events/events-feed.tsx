'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { memo, useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { EventsResponse } from '@/app/api/events/route'
import { fetchJson } from '@/components/fetch-json'
import { NotificationDetails, NotificationWhat, NumberLinks, OrderLink } from '@/components/notification-parts'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'
import { SUBSCRIBABLE_EVENT_TYPES } from '@/lib/bandwidth/build-subscription-xml'
import type { NotificationDto } from '@/lib/db/notification-dto'
import { getLifecycle, KNOWN_ORDER_TYPES } from '@/lib/orders/order-lifecycles'

export type EventFilters = { kind: '' | 'order' | 'event'; type: string; status: string; number: string }

const PAGE_SIZE = 50
const POLL_MS = 2_500
/** How long a row that arrived live keeps its "new" marker before it fades. */
const NEW_FOR_MS = 12_000

const TYPE_SUGGESTIONS = [...KNOWN_ORDER_TYPES, ...SUBSCRIBABLE_EVENT_TYPES]
const STATUS_SUGGESTIONS = [...new Set(KNOWN_ORDER_TYPES.flatMap((t) => [...getLifecycle(t).path, ...getLifecycle(t).branches]))].sort()

/** Every notification, newest first, kept live: the first page is polled and new rows merge in on top. */
export function EventsFeed({ filters }: { filters: EventFilters }) {
  const query = toQuery(filters)
  // A new filter or a reload starts a fresh list (and a fresh idea of what is "new").
  const [generation, setGeneration] = useState(0)
  return (
    <div className="space-y-5">
      <FeedFilters key={query} filters={filters} />
      <LiveFeed key={`${query}#${generation}`} query={query} filtered={query !== ''} onReload={() => setGeneration((g) => g + 1)} />
    </div>
  )
}

function LiveFeed({ query, filtered, onReload }: { query: string; filtered: boolean; onReload: () => void }) {
  const [items, setItems] = useState<NotificationDto[] | null>(null)
  const [olderCursor, setOlderCursor] = useState<string | null>(null)
  const [older, setOlder] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null })
  const [fresh, setFresh] = useState<Record<string, number>>({})
  const [paused, setPaused] = useState(false)
  const [waiting, setWaiting] = useState<{ count: number; more: boolean }>({ count: 0, more: false })
  const [gap, setGap] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const known = useRef(new Set<string>())

  const head = useSWR<EventsResponse>(`/api/events?${withParam(query, 'limit', String(PAGE_SIZE))}`, fetchJson, {
    refreshInterval: POLL_MS,
    // Polling keeps going while paused, so the page can say how many arrived meanwhile.
    refreshWhenHidden: false,
    dedupingInterval: 1_000,
  })

  // Merge each polled first page: unknown rows go on top with a marker, unless paused.
  useEffect(() => {
    const page = head.data
    if (!page) return
    if (items === null) {
      for (const n of page.notifications) known.current.add(n.id)
      // This effect is the poll's subscriber: it merges what SWR fetched into the list it keeps, once per new page.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setItems(page.notifications)
      setOlderCursor(page.nextCursor)
      return
    }
    const unseen = page.notifications.filter((n) => !known.current.has(n.id))
    // Every row on the first page is new and there are more: some arrivals are not on it.
    const overflow = unseen.length > 0 && unseen.length === page.notifications.length && page.nextCursor !== null
    if (paused) {
      setWaiting({ count: unseen.length, more: overflow })
      return
    }
    setWaiting({ count: 0, more: false })
    if (unseen.length === 0) return
    if (overflow) setGap(true)
    for (const n of unseen) known.current.add(n.id)
    const now = Date.now()
    setFresh((f) => ({ ...f, ...Object.fromEntries(unseen.map((n) => [n.id, now])) }))
    setItems((list) => sortNewestFirst([...unseen, ...(list ?? [])]))
    setAnnouncement(`${unseen.length} new notification${unseen.length === 1 ? '' : 's'}`)
    // `items` is read only to tell the first load apart; re-running on its changes would merge twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [head.data, paused])

  // Let the "new" markers fade once they have been seen for a while.
  const hasFresh = Object.keys(fresh).length > 0
  useEffect(() => {
    if (!hasFresh) return
    const timer = window.setInterval(() => {
      const cutoff = Date.now() - NEW_FOR_MS
      setFresh((f) => {
        const kept = Object.entries(f).filter(([, at]) => at > cutoff)
        return kept.length === Object.keys(f).length ? f : Object.fromEntries(kept)
      })
    }, 1_000)
    return () => window.clearInterval(timer)
  }, [hasFresh])

  const loadOlder = useCallback(async () => {
    if (!olderCursor) return
    setOlder({ loading: true, error: null })
    try {
      const page = await fetchJson<EventsResponse>(
        `/api/events?${withParam(withParam(query, 'limit', String(PAGE_SIZE)), 'cursor', olderCursor)}`,
      )
      const add = page.notifications.filter((n) => !known.current.has(n.id))
      for (const n of add) known.current.add(n.id)
      setItems((list) => [...(list ?? []), ...add])
      setOlderCursor(page.nextCursor)
      setOlder({ loading: false, error: null })
    } catch (e) {
      setOlder({ loading: false, error: e instanceof Error ? e.message : String(e) })
    }
  }, [olderCursor, query])

  if (items === null) {
    if (head.error) {
      return <LoadError what="load the notifications" error={head.error} onRetry={() => void head.mutate()} />
    }
    return <FeedSkeleton />
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
        <p className="flex items-center gap-2" data-testid="feed-state">
          {paused ? (
            <>
              <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-amber-500" />
              <span>
                <strong className="font-medium">Paused.</strong>{' '}
                <span data-testid="waiting-count">
                  {waiting.count === 0
                    ? 'Nothing new yet.'
                    : `${waiting.count}${waiting.more ? '+' : ''} new notification${waiting.count === 1 ? '' : 's'} waiting.`}
                </span>
              </span>
            </>
          ) : (
            <>
              <span
                aria-hidden
                className={`inline-block h-2 w-2 rounded-full ${head.error ? 'bg-rose-500' : 'animate-pulse bg-emerald-500'}`}
              />
              <span>
                <strong className="font-medium">Live.</strong> Checks for new notifications every {POLL_MS / 1000} s
                {head.error ? (
                  <span className="text-rose-700 dark:text-rose-300"> — last check failed ({head.error.message}), retrying</span>
                ) : null}
                .
              </span>
            </>
          )}
        </p>
        <Button variant="secondary" onClick={() => setPaused((p) => !p)} aria-describedby="feed-pause-hint">
          {paused
            ? waiting.count > 0
              ? `Resume live updates (${waiting.count}${waiting.more ? '+' : ''} new)`
              : 'Resume live updates'
            : 'Pause live updates'}
        </Button>
        <span id="feed-pause-hint" className="sr-only">
          While paused, the list stays still and new notifications are only counted.
        </span>
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>

      {gap ? (
        <div className="flex flex-wrap items-center gap-3">
          <Alert tone="info">More notifications arrived than one page holds; some between the new ones and the rest are not shown.</Alert>
          <Button variant="secondary" onClick={onReload}>
            Reload the feed
          </Button>
        </div>
      ) : null}

      {items.length === 0 ? (
        filtered ? (
          <EmptyState title="No notification matches these filters">
            Try fewer filters, or{' '}
            <Link href="/events" className="text-indigo-700 underline dark:text-indigo-300">
              show everything
            </Link>
            . Matching notifications appear here as they arrive.
          </EmptyState>
        ) : (
          <EmptyState title="No notification has arrived yet">
            Register the webhook URL shown on the{' '}
            <Link href="/" className="text-indigo-700 underline dark:text-indigo-300">
              Overview
            </Link>{' '}
            with Bandwidth. Order steps and events appear here within seconds of arriving.
          </EmptyState>
        )
      ) : (
        <div className="relative overflow-x-auto">
          <DataTable
            caption="Notifications, newest first"
            head={
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Received
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  What
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Order
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Numbers
                </th>
                <th scope="col" className="py-2 font-medium">
                  Details
                </th>
              </tr>
            }
          >
            {items.map((n) => (
              <FeedRow key={n.id} n={n} isNew={n.id in fresh} />
            ))}
          </DataTable>
        </div>
      )}

      {older.error ? <Alert>Could not load older notifications: {older.error}</Alert> : null}
      {olderCursor ? (
        <Button variant="secondary" onClick={loadOlder} disabled={older.loading}>
          {older.loading ? 'Loading…' : 'Load older notifications'}
        </Button>
      ) : items.length > 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          That is everything{filtered ? ' that matches' : ''}: {items.length.toLocaleString('en-US')} notification
          {items.length === 1 ? '' : 's'}.
        </p>
      ) : null}
    </div>
  )
}

const FeedRow = memo(function FeedRow({ n, isNew }: { n: NotificationDto; isNew: boolean }) {
  return (
    <tr
      data-testid="event-row"
      data-id={n.id}
      data-new={isNew ? 'true' : undefined}
      // The transition is switched on together with the highlight's removal, so only that fades
      // (a colour-scheme switch while highlighted is instant, not a 2-second light flash).
      className={`border-b border-slate-100 align-top dark:border-slate-800/60 ${isNew ? 'bg-amber-50 dark:bg-amber-900/25' : 'transition-[background-color] duration-[2000ms] motion-reduce:transition-none'}`}
    >
      <td className="whitespace-nowrap py-2 pr-4">
        {/* The time opens the notification's own page: its payload and the delivery that brought it. */}
        <Link
          href={`/events/${encodeURIComponent(n.id)}`}
          className="rounded text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          data-testid="event-open"
        >
          <LocalTime iso={n.receivedAt} withSeconds />
          <span className="sr-only">: details and payload</span>
        </Link>
        {isNew ? <NewMarker /> : null}
      </td>
      <td className="py-2 pr-4">
        <NotificationWhat n={n} />
      </td>
      <td className="py-2 pr-4">
        {n.orderId ? <OrderLink orderId={n.orderId} /> : <span className="text-slate-600 dark:text-slate-400">—</span>}
      </td>
      <td className="py-2 pr-4">
        <NumberLinks numbers={n.numbers} />
      </td>
      <td className="py-2">
        <NotificationDetails n={n} />
      </td>
    </tr>
  )
})

function NewMarker() {
  return (
    <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-700 dark:text-amber-50">
      new
    </span>
  )
}

function FeedFilters({ filters }: { filters: EventFilters }) {
  const router = useRouter()
  const [draft, setDraft] = useState(filters)
  const apply = (next: EventFilters) => {
    const q = toQuery(next)
    router.replace(q ? `/events?${q}` : '/events', { scroll: false })
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    apply(draft)
  }
  const isFiltered = toQuery(filters) !== ''
  return (
    <form
      onSubmit={submit}
      aria-label="Filter notifications"
      className="grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-[11.5rem_1fr_1fr_1fr_auto]"
    >
      <Field label="Kind">
        <Select
          value={draft.kind}
          onChange={(e) => {
            const next = { ...draft, kind: e.target.value as EventFilters['kind'] }
            setDraft(next)
            apply(next)
          }}
        >
          <option value="">Orders and events</option>
          <option value="order">Order steps</option>
          <option value="event">Events</option>
        </Select>
      </Field>
      <Field label="Type">
        <TextInput
          value={draft.type}
          onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          list="event-type-suggestions"
          placeholder="portins, MESSAGING_LOST…"
          autoComplete="off"
        />
      </Field>
      <Field label="Status">
        <TextInput
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          list="event-status-suggestions"
          placeholder="EXCEPTION…"
          autoComplete="off"
        />
      </Field>
      <Field label="Number">
        <TextInput
          value={draft.number}
          onChange={(e) => setDraft({ ...draft, number: e.target.value })}
          inputMode="tel"
          placeholder="(919) 555-0301"
          autoComplete="off"
        />
      </Field>
      <div className="flex gap-2">
        <Button type="submit">Apply</Button>
        {isFiltered ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              const none: EventFilters = { kind: '', type: '', status: '', number: '' }
              setDraft(none)
              apply(none)
            }}
          >
            Clear
          </Button>
        ) : null}
      </div>
      <datalist id="event-type-suggestions">
        {TYPE_SUGGESTIONS.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <datalist id="event-status-suggestions">
        {STATUS_SUGGESTIONS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </form>
  )
}

function FeedSkeleton() {
  return (
    <div role="status" aria-label="Loading notifications" className="space-y-2">
      <span className="sr-only">Loading notifications…</span>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-9 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
      ))}
    </div>
  )
}

function toQuery(f: EventFilters): string {
  const q = new URLSearchParams()
  if (f.kind) q.set('kind', f.kind)
  if (f.type.trim()) q.set('type', f.type.trim())
  if (f.status.trim()) q.set('status', f.status.trim())
  if (f.number.trim()) q.set('number', f.number.trim())
  return q.toString()
}

function withParam(query: string, name: string, value: string): string {
  const q = new URLSearchParams(query)
  q.set(name, value)
  return q.toString()
}

/** The API's order: receivedAt, then id, both descending. */
function sortNewestFirst(list: NotificationDto[]): NotificationDto[] {
  return [...list].sort((a, b) =>
    a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.receivedAt < b.receivedAt ? 1 : -1,
  )
}
