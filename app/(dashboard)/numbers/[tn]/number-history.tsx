'use client'

import Link from 'next/link'
import useSWR from 'swr'
import { EraseCpniCard } from '@/components/erase-cpni-card'
import type { NumberResponse } from '@/app/api/numbers/[tn]/route'
import { ApiError, fetchJson } from '@/components/fetch-json'
import { CopyButton } from '@/components/copy-button'
import { LocalTime } from '@/components/local-time'
import { StatusBadge } from '@/components/status-badge'
import { Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { hasDetails, NotificationDetails, NotificationWhat, OrderLink } from '@/components/notification-parts'
import { SubscriberRecordCard } from './subscriber-record-card'

const REFRESH_MS = 5_000
/** getNumberHistory returns at most this many notifications. */
const HISTORY_LIMIT = 500

/** One telephone number: its E.164 form, the forms it arrived in, its port-out lock, its orders, and everything that mentioned it. */
export function NumberHistory({
  input,
  canPropose,
  canLock = false,
  canErase = false,
}: {
  input: string
  canPropose: boolean
  canLock?: boolean
  canErase?: boolean
}) {
  const { data, error, mutate } = useSWR<NumberResponse, Error>(`/api/numbers/${encodeURIComponent(input)}`, fetchJson, {
    refreshInterval: (latest) => (latest ? REFRESH_MS : 0),
    shouldRetryOnError: (e: unknown) => !(e instanceof ApiError && e.status === 400),
  })

  if (error instanceof ApiError && error.status === 400) {
    return (
      <div className="space-y-6">
        <div
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          role="alert"
        >
          <h1 className="text-xl font-semibold">“{input}” is not a telephone number</h1>
          <p className="text-sm">
            Use a 10-digit US number such as <code className="font-mono">9195550301</code> or{' '}
            <code className="font-mono">(919) 555-0301</code>, a 1 followed by 10 digits, or the E.164 form{' '}
            <code className="font-mono">+19195550301</code>. The search box at the top of every page opens a number’s page.
          </p>
        </div>
      </div>
    )
  }

  return (
    <div className="space-y-6">
      <header>
        <div className="space-y-1">
          <p className="text-sm font-medium text-slate-600 dark:text-slate-400">Telephone number</p>
          <h1 className="flex flex-wrap items-center gap-3 font-mono text-3xl font-semibold tracking-tight">
            <span data-testid="number-e164">{data?.e164 ?? input}</span>
            {data ? <CopyButton value={data.e164} what="the number" /> : null}
          </h1>
          {data ? (
            <p className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400" data-testid="forms-seen">
              {data.formsSeen.length ? (
                <>
                  Arrived as
                  {data.formsSeen.map((f) => (
                    <code
                      key={f}
                      className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200"
                    >
                      {f}
                    </code>
                  ))}
                </>
              ) : (
                'Not seen in any notification yet.'
              )}
            </p>
          ) : null}
        </div>
      </header>

      {error ? (
        <LoadError
          what={`load this number${data ? ' (showing what was loaded before)' : ''}`}
          error={error}
          onRetry={() => void mutate()}
        />
      ) : null}

      {data ? (
        <SubscriberRecordCard
          e164={data.e164}
          portoutLock={data.portoutLock}
          canLock={canLock}
          canPropose={canPropose}
          onChanged={() => void mutate()}
        />
      ) : null}

      {!data ? (
        error ? null : (
          <Skeleton />
        )
      ) : data.history.length === 0 && data.portoutRequests.length === 0 ? (
        <EmptyState title={`Nothing about ${data.e164} has arrived yet`}>
          No order step or event has mentioned this number. It shows up here within seconds of the first one that does.
        </EmptyState>
      ) : (
        <>
          <Card title="Orders" description={`Every order that mentioned ${data.e164}, most recently active first.`}>
            {data.orders.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="number-no-orders">
                {noOrdersText(data)}
              </p>
            ) : (
              <div className="relative overflow-x-auto">
                <DataTable
                  caption={`Orders that mentioned ${data.e164}, most recently active first`}
                  head={
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Order
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Type
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Status
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Customer order
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Last update
                      </th>
                      <th scope="col" className="py-2 text-right font-medium">
                        Notifications
                      </th>
                    </tr>
                  }
                >
                  {data.orders.map((o) => (
                    <tr key={o.orderId} className="border-b border-slate-100 dark:border-slate-800/60" data-testid="number-order">
                      <th scope="row" className="py-2 pr-4 font-normal">
                        <OrderLink orderId={o.orderId} />
                      </th>
                      <td className="py-2 pr-4 font-mono text-xs">{o.orderType}</td>
                      <td className="py-2 pr-4">
                        <StatusBadge status={o.status} stuck={o.stuckSince !== null} />
                      </td>
                      <td className="py-2 pr-4 font-mono text-xs">{o.customerOrderId ?? '—'}</td>
                      <td className="whitespace-nowrap py-2 pr-4">
                        <LocalTime iso={o.lastSeenAt} />
                      </td>
                      <td className="py-2 text-right tabular-nums">{o.notificationCount}</td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}
          </Card>

          {data.portoutRequests.length > 0 ? (
            <Card title="Port-out requests" description={`Carriers that asked to take ${data.e164}, and what we answered.`}>
              <div className="relative overflow-x-auto">
                <DataTable
                  caption={`Port-out requests for ${data.e164}, newest first`}
                  head={
                    <tr>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Received
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        PON
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Our answer
                      </th>
                      <th scope="col" className="py-2 pr-4 font-medium">
                        Policy
                      </th>
                      <th scope="col" className="py-2 text-right font-medium">
                        Attempts
                      </th>
                    </tr>
                  }
                >
                  {data.portoutRequests.map((r) => (
                    <tr key={r.id} className="border-b border-slate-100 dark:border-slate-800/60" data-testid="number-portout">
                      <td className="whitespace-nowrap py-2 pr-4">
                        <Link href={`/portouts/${r.id}`} className="text-indigo-700 underline dark:text-indigo-300">
                          <LocalTime iso={r.firstReceivedAt} />
                        </Link>
                      </td>
                      <td className="py-2 pr-4 font-mono text-xs">{r.pon ?? '—'}</td>
                      <td className="py-2 pr-4">
                        {r.portable ? (
                          <span className="text-emerald-700 dark:text-emerald-400">allowed</span>
                        ) : (
                          <span className="text-rose-700 dark:text-rose-400">denied {r.errorCodes.join(', ')}</span>
                        )}
                        {r.fallbackReason ? (
                          <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">(fallback: {r.fallbackReason})</span>
                        ) : null}
                      </td>
                      <td className="py-2 pr-4">{r.policyVersion === null ? '—' : `v${r.policyVersion}`}</td>
                      <td className="py-2 text-right tabular-nums">{r.attempts}</td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            </Card>
          ) : null}

          <Card
            title="Timeline"
            description={
              <>
                Order steps and events for this number, and every step of the orders that carried it, newest first.{' '}
                <Link href={`/events?number=${encodeURIComponent(data.e164)}`} className="text-indigo-700 underline dark:text-indigo-300">
                  Follow it live in the event feed
                </Link>
                .
              </>
            }
          >
            <ol className="relative space-y-4 border-l border-slate-200 pl-5 dark:border-slate-800" data-testid="number-timeline">
              {data.history.map((n) => (
                <li key={n.id} className="relative" data-testid="timeline-item">
                  <span
                    aria-hidden
                    className={`absolute -left-[1.63rem] top-1.5 h-2.5 w-2.5 rounded-full ring-4 ring-white dark:ring-slate-950 ${n.kind === 'event' ? 'bg-violet-500' : 'bg-sky-500'}`}
                  />
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <span className="whitespace-nowrap text-slate-600 dark:text-slate-400">
                      <LocalTime iso={n.receivedAt} withSeconds />
                    </span>
                    <NotificationWhat n={n} showKind />
                    {n.orderId ? <OrderLink orderId={n.orderId} /> : null}
                    {!n.mentionsNumber ? (
                      <span className="text-xs text-slate-600 dark:text-slate-400">(a step of its order that did not list the number)</span>
                    ) : n.numbers.length > 1 ? (
                      <span className="text-xs text-slate-600 dark:text-slate-400">
                        with {n.numbers.length - 1} other number{n.numbers.length === 2 ? '' : 's'}
                      </span>
                    ) : null}
                  </div>
                  {hasDetails(n) ? (
                    <div className="mt-1 text-sm">
                      <NotificationDetails n={n} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
            {data.history.length >= HISTORY_LIMIT ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Showing the {HISTORY_LIMIT} most recent. The{' '}
                <Link href={`/events?number=${encodeURIComponent(data.e164)}`} className="underline">
                  event feed
                </Link>{' '}
                has all of them.
              </p>
            ) : null}
          </Card>
        </>
      )}
      {canErase && data ? <EraseCpniCard telephoneNumber={data.e164} onErased={() => void mutate()} /> : null}
    </div>
  )
}

/** True for every combination: events only, port-out requests only, both, or nothing at all. */
function noOrdersText(data: NumberResponse): string {
  const events = data.history.some((n) => n.kind === 'event')
  const portouts = data.portoutRequests.length > 0
  if (events && portouts) return 'No order mentioned this number: only events and port-out requests did.'
  if (events) return 'No order mentioned this number: only events did.'
  if (portouts) return 'No order or event mentioned this number: it was seen only in port-out requests.'
  return 'No order mentioned this number.'
}

function Skeleton() {
  return (
    <div role="status" aria-label="Loading this number" className="space-y-3">
      <span className="sr-only">Loading this number…</span>
      <div className="h-28 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800/60" />
      <div className="h-48 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800/60" />
    </div>
  )
}
