'use client'

import Link from 'next/link'
import { useEffect, useState, type ReactNode } from 'react'
import useSWR from 'swr'
import type { OrderResponse } from '@/app/api/orders/[orderId]/route'
import { CodedMessage } from '@/components/coded-message'
import { ApiError, fetchJson } from '@/components/fetch-json'
import { formatDuration } from '@/components/format-duration'
import { CopyButton } from '@/components/copy-button'
import { FocAlarmBadge } from '@/components/foc-alarm-badge'
import { focAlarm } from '@/lib/orders/foc-alarm'
import { LocalTime } from '@/components/local-time'
import { prettyXml } from '@/components/pretty-xml'
import { StatusBadge } from '@/components/status-badge'
import { LoadError } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'
import type { OrderNotesResponse } from '@/app/api/orders/[orderId]/notes/route'
import { BandwidthPanel } from './bandwidth-panel'

type Order = OrderResponse['order']
type Lifecycle = OrderResponse['lifecycle']
type Step = OrderResponse['timeline'][number]

/** One order: what it is, where it stands in its lifecycle, and every notification in the order things happened. */
export function OrderTimeline({ orderId, canNote = false }: { orderId: string; canNote?: boolean }) {
  const { data, error, isLoading, mutate } = useSWR<OrderResponse>(`/api/orders/${encodeURIComponent(orderId)}`, fetchJson, {
    refreshInterval: 30_000,
  })
  const notesKey = data ? `/api/orders/${encodeURIComponent(orderId)}/notes` : null
  const notes = useSWR<OrderNotesResponse>(notesKey, fetchJson, { revalidateOnFocus: false })

  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title={`No order ${orderId} has been received`}>
        <p>
          Portwatch knows an order once Bandwidth sends a notification for it. Check the id, or search by CustomerOrderId or a telephone
          number.
        </p>
        <p className="mt-3">
          <Link
            href="/orders"
            className="text-indigo-700 underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          >
            All orders
          </Link>
        </p>
      </EmptyState>
    )
  }
  if (error && !data) {
    return <LoadError what={`load order ${orderId}`} error={error} onRetry={() => void mutate()} />
  }
  if (isLoading || !data) return <LoadingOrder />

  const { order, lifecycle, timeline } = data
  return (
    <div className="space-y-8">
      <OrderSummary order={order} />
      {lifecycle.known ? (
        <LifecycleProgress lifecycle={lifecycle} order={order} timeline={timeline} />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No known lifecycle for order type <code className="font-mono">{order.orderType}</code>: the timeline below is everything received.
        </p>
      )}
      <Timeline steps={timeline} notes={notes.data?.items ?? []} />
      <BandwidthPanel orderId={orderId} canNote={canNote} notes={notes.data} onNotes={(n) => void notes.mutate(n, { revalidate: false })} />
    </div>
  )
}

type BandwidthNote = OrderNotesResponse['items'][number]

function OrderSummary({ order }: { order: Order }) {
  return (
    <section aria-label="Summary" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3" data-testid="order-status">
        <span className="text-sm text-slate-600 dark:text-slate-400">Current status</span>
        <StatusBadge status={order.status} stuck={Boolean(order.stuckSince)} />
      </div>
      {order.stuckSince ? (
        <p
          data-testid="stuck-marker"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
        >
          <strong className="font-semibold">
            Stuck since <LocalTime iso={order.stuckSince} withSeconds />
          </strong>
          : nothing has arrived for longer than the {order.orderType} threshold, and{' '}
          {order.status ? <code className="font-mono">{order.status}</code> : 'its state'} is not final. Worth chasing.
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Item label="Type">
          <code className="font-mono">{order.orderType}</code>
        </Item>
        <Item label="Customer order ID">
          {order.customerOrderId ? (
            <span className="inline-flex flex-wrap items-center gap-1.5">
              <span className="break-all">{order.customerOrderId}</span>
              <CopyButton value={order.customerOrderId} what="the customer order id" />
            </span>
          ) : (
            <span className="text-slate-600 dark:text-slate-400">—</span>
          )}
        </Item>
        <Item label="FOC date">
          {order.actualFocDate ? (
            <span className="flex flex-wrap items-baseline gap-x-2" data-testid="foc-date">
              <LocalTime iso={order.actualFocDate} />
              <FocCountdown order={order} iso={order.actualFocDate} />
            </span>
          ) : (
            <span className="text-slate-600 dark:text-slate-400">not set</span>
          )}
        </Item>
        <Item label="Last activity">
          <LocalTime iso={order.lastSeenAt} withSeconds />
        </Item>
        <Item label="First seen">
          <LocalTime iso={order.firstSeenAt} withSeconds />
        </Item>
        <Item label="Notifications">
          <span className="tabular-nums">{order.notificationCount}</span>
        </Item>
      </dl>
    </section>
  )
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  )
}

/** "FOC in 3 d 4 h", kept current while the page is open; an alarm once the FOC date is tomorrow, today or missed. */
function FocCountdown({ order, iso }: { order: Parameters<typeof focAlarm>[0]; iso: string }) {
  const now = useNow(60_000)
  const alarm = focAlarm(order, new Date(now))
  const ms = Date.parse(iso) - now
  if (alarm) {
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5" data-testid="foc-countdown" role="alert">
        <FocAlarmBadge alarm={alarm} />
        <span className="text-xs text-rose-800 dark:text-rose-300">
          {ms > 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`}, and the order is still {order.status ?? 'open'}
        </span>
      </span>
    )
  }
  const text = Math.abs(ms) < 60_000 ? 'FOC now' : ms > 0 ? `FOC in ${formatDuration(ms)}` : `FOC was ${formatDuration(-ms)} ago`
  return (
    <span
      data-testid="foc-countdown"
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${ms > 0 ? 'bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200' : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300'}`}
    >
      {text}
    </span>
  )
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}

/** The happy path as steps (reached ones filled, the current one ringed) and the branches as chips. */
function LifecycleProgress({ lifecycle, order, timeline }: { lifecycle: Lifecycle; order: Order; timeline: Step[] }) {
  const visited = new Set(timeline.flatMap((s) => (s.status ? [s.status] : [])))
  const furthest = Math.max(-1, ...lifecycle.path.map((s, i) => (visited.has(s) || s === order.status ? i : -1)))
  return (
    <section aria-labelledby="lifecycle-heading" className="space-y-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h2 id="lifecycle-heading" className="text-base font-semibold">
        Lifecycle
      </h2>
      <ol className="flex flex-wrap items-center gap-y-3" aria-label="Happy path">
        {lifecycle.path.map((status, i) => {
          const state = status === order.status ? 'current' : i <= furthest ? 'reached' : 'pending'
          return (
            <li
              key={status}
              data-testid="lifecycle-step"
              data-state={state}
              aria-current={state === 'current' ? 'step' : undefined}
              className="flex items-center"
            >
              {i > 0 ? (
                <span
                  aria-hidden
                  className={`mx-2 h-0.5 w-8 sm:w-12 ${i <= furthest ? 'bg-indigo-500' : 'bg-slate-300 dark:bg-slate-700'}`}
                />
              ) : null}
              <span
                className={`inline-flex items-center gap-2 rounded-full px-3 py-1 font-mono text-xs ${
                  state === 'current'
                    ? 'bg-indigo-600 font-semibold text-white ring-4 ring-indigo-200 dark:ring-indigo-900'
                    : state === 'reached'
                      ? 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200'
                      : 'border border-dashed border-slate-300 text-slate-600 dark:border-slate-700 dark:text-slate-400'
                }`}
              >
                <span aria-hidden>{state === 'pending' ? '○' : '●'}</span>
                {status}
                <span className="sr-only">{state === 'current' ? '(current)' : state === 'reached' ? '(reached)' : '(not reached)'}</span>
              </span>
            </li>
          )
        })}
      </ol>
      {lifecycle.branches.length ? (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <span className="text-slate-600 dark:text-slate-400" id="branches-label">
            Off the happy path:
          </span>
          <ul className="flex flex-wrap gap-2" aria-labelledby="branches-label">
            {lifecycle.branches.map((status) => {
              const state = status === order.status ? 'current' : visited.has(status) ? 'visited' : 'not-visited'
              return (
                <li
                  key={status}
                  data-testid="lifecycle-branch"
                  data-state={state}
                  aria-current={state === 'current' ? 'step' : undefined}
                  className={`rounded-full px-2.5 py-0.5 font-mono ${
                    state === 'current'
                      ? 'bg-rose-600 font-semibold text-white ring-4 ring-rose-200 dark:ring-rose-900'
                      : state === 'visited'
                        ? 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200'
                        : 'border border-slate-200 text-slate-600 dark:border-slate-800 dark:text-slate-400'
                  }`}
                >
                  {status}
                  <span className="sr-only">{state === 'current' ? '(current)' : state === 'visited' ? '(visited)' : '(not visited)'}</span>
                </li>
              )
            })}
          </ul>
        </div>
      ) : null}
    </section>
  )
}

function Timeline({ steps, notes }: { steps: Step[]; notes: BandwidthNote[] }) {
  // The state each step left: what sincePreviousStatusMs measured (same rule as buildOrderTimeline).
  const withPrevious: { step: Step; previous: string | null }[] = []
  let state: string | null = null
  for (const step of steps) {
    withPrevious.push({ step, previous: state })
    if (step.status && step.status !== state) state = step.status
  }
  return (
    <section aria-labelledby="timeline-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-heading" className="text-base font-semibold">
          Timeline
        </h2>
        <p className="text-xs text-slate-600 dark:text-slate-400">Ordered by LastModifiedDate (arrival time when absent), oldest first</p>
      </div>
      {steps.length === 0 && notes.length === 0 ? (
        <EmptyState title="No notifications stored for this order" />
      ) : (
        <ol className="relative ml-2 border-l border-slate-200 dark:border-slate-800">
          {mergeNotes(withPrevious, notes).map((entry) =>
            'note' in entry ? (
              <BandwidthNoteStep key={`note-${entry.note.id ?? entry.at}`} note={entry.note} />
            ) : (
              <TimelineStep key={entry.step.id} step={entry.step} previous={entry.previous} />
            ),
          )}
        </ol>
      )}
    </section>
  )
}

/** The notes at Bandwidth, placed among the steps by their time (a note without one goes last). */
function mergeNotes(
  steps: { step: Step; previous: string | null }[],
  notes: BandwidthNote[],
): ({ step: Step; previous: string | null; at: number } | { note: BandwidthNote; at: number })[] {
  const timeOf = (iso?: string) => (iso && Number.isFinite(Date.parse(iso)) ? Date.parse(iso) : Number.POSITIVE_INFINITY)
  const all = [
    ...steps.map((s) => ({ ...s, at: timeOf(s.step.sortAt) })),
    ...notes.map((note) => ({ note, at: timeOf(note.lastDateModifier) })),
  ]
  return all.sort((a, b) => a.at - b.at)
}

function BandwidthNoteStep({ note }: { note: BandwidthNote }) {
  return (
    <li data-testid="timeline-bandwidth-note" className="relative pb-6 pl-6 last:pb-0">
      <span
        aria-hidden
        className="absolute -left-[5px] top-1.5 h-2.5 w-2.5 rounded-full bg-amber-400 ring-4 ring-white dark:ring-slate-950"
      />
      <div className="space-y-1 text-sm">
        <div className="flex flex-wrap items-center gap-x-3">
          <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            note at Bandwidth
          </span>
          <span className="font-medium">
            {note.lastDateModifier ? <LocalTime iso={note.lastDateModifier} withSeconds /> : 'time unknown'}
          </span>
          <span className="text-xs text-slate-600 dark:text-slate-400">{note.userId}</span>
        </div>
        <p className="whitespace-pre-wrap">{note.description}</p>
      </div>
    </li>
  )
}

/** No notification brought this state: the reconciler recovered it from Bandwidth (which run, when, how late). */
function RecoveredBadge({ recovered }: { recovered: Step['recovered'] }) {
  return (
    <span
      data-testid="step-recovered"
      className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
    >
      recovered from Bandwidth
      {recovered ? (
        <>
          {' '}
          <LocalTime iso={recovered.learnedAt} withSeconds />
          {recovered.lateSeconds !== null ? <> ({formatDuration(recovered.lateSeconds * 1000)} late)</> : null} by{' '}
          <Link
            href={`/reconciliation?run=${encodeURIComponent(recovered.runId)}`}
            className="underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500"
          >
            run {recovered.runId.slice(0, 8)}
          </Link>
        </>
      ) : null}
    </span>
  )
}

function TimelineStep({ step, previous }: { step: Step; previous: string | null }) {
  const dot = step.status ? 'bg-indigo-500 ring-white dark:ring-slate-950' : 'bg-slate-300 ring-white dark:bg-slate-600 dark:ring-slate-950'
  return (
    <li data-testid="timeline-step" data-status={step.status ?? 'note'} className="relative pb-6 pl-6 last:pb-0">
      <span aria-hidden className={`absolute -left-[5px] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ${dot}`} />
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <StatusBadge status={step.status} />
          <span className="font-medium" data-testid="step-time">
            <LocalTime iso={step.sortAt} withSeconds />
          </span>
          {step.sincePreviousStatusMs !== null ? (
            <span
              data-testid="step-duration"
              className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300"
            >
              after {formatDuration(step.sincePreviousStatusMs)}
              {previous ? (
                <>
                  {' '}
                  in <span className="font-mono">{previous}</span>
                </>
              ) : null}
            </span>
          ) : null}
          {step.lastModifiedDate ? null : (
            <span className="text-xs text-slate-600 dark:text-slate-400">no LastModifiedDate: placed by arrival time</span>
          )}
          {step.source === 'reconciled' ? <RecoveredBadge recovered={step.recovered} /> : null}
        </div>
        {step.message ? (
          <p className="text-sm" data-testid="step-message">
            <CodedMessage message={step.message} errorCode={step.errorCode} />
          </p>
        ) : null}
        {step.note ? (
          <p
            className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100"
            data-testid="step-note"
          >
            <span className="font-medium">Note: </span>
            {step.note}
          </p>
        ) : null}
        {step.actualFocDate ? (
          <p className="text-sm">
            <span className="text-slate-600 dark:text-slate-400">FOC date: </span>
            <LocalTime iso={step.actualFocDate} />
          </p>
        ) : null}
        {step.numbers.length ? <Numbers numbers={step.numbers} /> : null}
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Received <LocalTime iso={step.receivedAt} withSeconds /> ·{' '}
          <Link
            href={`/deliveries?q=${encodeURIComponent(step.deliveryId)}`}
            data-testid="step-delivery"
            className="rounded text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          >
            its delivery
          </Link>
        </p>
        <RawXml xml={step.rawXml} deliveryId={step.deliveryId} />
      </div>
    </li>
  )
}

function Numbers({ numbers }: { numbers: string[] }) {
  return (
    <div className="text-sm">
      <span className="text-slate-600 dark:text-slate-400">
        {numbers.length} {numbers.length === 1 ? 'number' : 'numbers'}:
      </span>
      <ul className="mt-1 flex flex-wrap gap-2" aria-label="Telephone numbers">
        {numbers.map((n) => {
          const e164 = normalizeTelephoneNumber(n)
          return (
            <li key={n}>
              <Link
                href={`/numbers/${e164 ?? encodeURIComponent(n)}`}
                title={e164 ?? undefined}
                className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:bg-slate-800 dark:text-indigo-300"
              >
                {n}
              </Link>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

function RawXml({ xml, deliveryId }: { xml: string | null; deliveryId: string }) {
  const [open, setOpen] = useState(false)
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} className="text-sm">
      <summary className="cursor-pointer select-none text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
        {open ? 'Hide raw XML' : 'Show raw XML'}
      </summary>
      {open ? (
        xml === null ? (
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
            This body was not text (delivery {deliveryId}); it is kept, but not shown here.
          </p>
        ) : (
          <div className="relative">
            <CopyButton value={xml} what="raw XML" className="absolute right-2 top-4 bg-white dark:bg-slate-900" />
            <pre
              data-testid="raw-xml"
              className="mt-2 max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs leading-relaxed text-slate-800 dark:bg-slate-900 dark:text-slate-200"
            >
              {prettyXml(xml)}
            </pre>
          </div>
        )
      ) : null}
    </details>
  )
}

function LoadingOrder() {
  return (
    <div aria-busy="true" className="space-y-6">
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Loading order…
      </p>
      <div aria-hidden className="space-y-3">
        {[72, 48, 64].map((w) => (
          <span key={w} className="block h-4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" style={{ width: `${w}%` }} />
        ))}
      </div>
    </div>
  )
}
