'use client'

import Link from 'next/link'
import type { ReactNode } from 'react'
import useSWR from 'swr'
import type { OverviewResponse } from '@/app/api/overview/route'
import { fetchJson } from '@/components/fetch-json'
import { formatDuration } from '@/components/format-duration'
import { LocalTime } from '@/components/local-time'
import { StatusBadge } from '@/components/status-badge'
import { Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { CodedMessage } from '@/components/coded-message'
import { FocAlarmBadge } from '@/components/foc-alarm-badge'
import { hasDetails, NotificationDetails, NotificationWhat, NumberLinks, OrderLink } from '@/components/notification-parts'
import { formatDay } from '@/lib/format/format-date-time'

const REFRESH_MS = 5_000

type OrderRow = OverviewResponse['stuck']['orders'][number]
type AttentionRow = OverviewResponse['attention']['orders'][number]

/** The live part of the overview: polled every few seconds, so a wall screen stays current. */
export function Overview({ register }: { register: ReactNode }) {
  const { data, error, mutate } = useSWR<OverviewResponse>('/api/overview', fetchJson, { refreshInterval: REFRESH_MS })

  if (!data) {
    return (
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {error ? (
            <LoadError what="load the overview" error={error} onRetry={() => void mutate()} />
          ) : (
            <div role="status" aria-label="Loading the overview" className="space-y-4">
              <span className="sr-only">Loading the overview…</span>
              <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
                {Array.from({ length: 4 }, (_, i) => (
                  <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800/60" />
                ))}
              </div>
              <div className="h-64 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800/60" />
            </div>
          )}
        </div>
        <div>{register}</div>
      </div>
    )
  }

  const totalOrders = data.ordersByTypeAndStatus.reduce((n, g) => n + g.count, 0)
  const needAttention = data.attention.count
  const today = data.perDay.at(-1)?.count ?? 0

  return (
    <div className="space-y-6">
      {data.quiet.isQuiet ? <QuietBanner lastAt={data.lastNotificationAt} minutes={data.quiet.alertAfterMinutes} /> : null}
      {data.subscriptions && data.subscriptions.items.length > 0 ? (
        <section
          aria-label="Bandwidth subscriptions"
          data-testid="overview-subscriptions"
          className="rounded-lg border border-rose-300 bg-rose-50/60 p-4 text-sm dark:border-rose-900 dark:bg-rose-950/30"
        >
          <p className="font-medium">
            {data.subscriptions.items.length} Bandwidth subscription item(s) need a look (checked{' '}
            <LocalTime iso={data.subscriptions.checkedAt} />
            ):{' '}
            <Link href="/bandwidth/subscriptions" className="underline">
              open Subscriptions
            </Link>
          </p>
          <ul className="mt-1 list-disc pl-5">
            {data.subscriptions.items.slice(0, 8).map((i) => (
              <li key={i.subscriptionId ?? `${i.orderType ?? i.eventType}`} data-testid="overview-subscription-item">
                <span className="font-mono text-xs">{i.orderType ?? i.eventType ?? i.subscriptionId}</span>: {i.problems.join(', ')}
                {i.problems.includes('expiring') && i.expiresInDays !== undefined ? ` (${i.expiresInDays} days left)` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
        <p className="flex items-center gap-2">
          <span aria-hidden className={`inline-block h-2 w-2 rounded-full ${error ? 'bg-rose-500' : 'animate-pulse bg-emerald-500'}`} />
          {error ? (
            <span className="text-rose-700 dark:text-rose-300">Could not refresh ({error.message}); showing data from</span>
          ) : (
            <span>Live, every {REFRESH_MS / 1000} s · updated</span>
          )}
          <LocalTime iso={data.generatedAt} withSeconds />
        </p>
        <p>
          Last notification: <LocalTime iso={data.lastNotificationAt} withSeconds />
        </p>
      </div>

      <section aria-label="Totals" className="grid grid-cols-2 gap-4 sm:grid-cols-5">
        <Stat label="Orders" value={totalOrders} testId="count-orders" href="/orders" />
        <Stat
          label="Need attention"
          value={needAttention}
          testId="count-attention"
          href="#card-needs-attention"
          tone={needAttention > 0 ? 'attention' : 'plain'}
        />
        <Stat
          label="FOC due or missed"
          value={data.foc.count}
          testId="count-foc"
          href="#card-foc-due-or-missed"
          tone={data.foc.count > 0 ? 'attention' : 'plain'}
        />
        <Stat
          label="Stuck"
          value={data.stuck.count}
          testId="count-stuck"
          href="#card-stuck-orders"
          tone={data.stuck.count > 0 ? 'warning' : 'plain'}
        />
        <Stat label="Notifications today (UTC)" value={today} testId="count-today" href="/events" />
      </section>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card
            title="Open issues"
            description="Conditions that need a person, by kind: open or acknowledged."
            actions={
              <Link href="/attention" className="text-sm text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
                All issues
              </Link>
            }
          >
            {data.issues.total === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No issue needs a person.</p>
            ) : (
              <ul className="grid gap-2 sm:grid-cols-2" data-testid="open-issues-by-kind">
                {data.issues.byKind.map((k) => (
                  <li key={k.kind}>
                    <Link
                      href={`/attention?kind=${encodeURIComponent(k.kind)}`}
                      className="flex justify-between rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800"
                    >
                      <span>{k.label}</span>
                      <span className="font-semibold tabular-nums">{k.count}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card
            title="Needs attention"
            description={
              data.attention.count > data.attention.orders.length
                ? `${data.attention.count} orders whose latest status asks for someone to act; the ${data.attention.orders.length} most recently changed are listed.`
                : 'Orders whose latest status asks for someone to act, most recently changed first, with the reason Bandwidth gave.'
            }
            actions={
              data.attention.count > 0 ? (
                <SeeAll href="/orders?attention=true" testId="attention-see-all">
                  See all {data.attention.count.toLocaleString('en-US')} in Orders →
                </SeeAll>
              ) : null
            }
          >
            {data.attention.orders.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                Nothing needs attention: no order is in EXCEPTION, REQUESTED_SUPP, FAILED, PARTIAL or a similar state.
              </p>
            ) : (
              <AttentionTable orders={data.attention.orders} />
            )}
          </Card>

          <Card
            title="FOC due or missed"
            description="Port-ins and LSR orders not yet complete whose FOC date is tomorrow, today or already past (UTC days), earliest first."
            actions={
              data.foc.count > 0 ? (
                <SeeAll href="/orders?foc=due" testId="foc-see-all">
                  See all {data.foc.count.toLocaleString('en-US')} in Orders →
                </SeeAll>
              ) : null
            }
          >
            {data.foc.orders.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No FOC date is due: every open order with one has it after tomorrow.
              </p>
            ) : (
              <OrderTable orders={data.foc.orders} testId="foc-order" caption="Orders whose FOC date is due or missed" foc />
            )}
          </Card>

          <PortoutsCard portouts={data.portouts} />

          <Card
            title="Stuck orders"
            description={
              data.stuck.count > 0
                ? `${data.stuck.count} order${data.stuck.count === 1 ? ' has' : 's have'} not moved for longer than its type’s threshold${data.stuck.count > data.stuck.orders.length ? `; the ${data.stuck.orders.length} quiet the longest are listed` : ''}.`
                : 'Orders in a non-final state with no news for longer than their type’s threshold.'
            }
          >
            {data.stuck.orders.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No order is stuck: every unfinished order has had news within its threshold.
              </p>
            ) : (
              <OrderTable
                orders={data.stuck.orders}
                testId="stuck-order"
                caption="Stuck orders, quiet the longest first"
                now={data.generatedAt}
                stuck
              />
            )}
          </Card>

          <MissedNotificationsCard groups={data.missedNotifications} />

          <Card
            title="Latest activity"
            description="The 10 newest notifications."
            actions={<SeeAll href="/events">Open the live feed →</SeeAll>}
          >
            {data.latest.length === 0 ? (
              <EmptyState title="No notification yet">
                Once Bandwidth sends to the URL under “Register with Bandwidth”, each order step and event shows up here.
              </EmptyState>
            ) : (
              <div className="relative overflow-x-auto">
                <DataTable
                  caption="The 10 newest notifications"
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
                      <th scope="col" className="py-2 font-medium">
                        Numbers
                      </th>
                    </tr>
                  }
                >
                  {data.latest.map((n) => (
                    <tr
                      key={n.id}
                      className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
                      data-testid="activity-row"
                      data-id={n.id}
                    >
                      <td className="whitespace-nowrap py-2 pr-4">
                        <LocalTime iso={n.receivedAt} withSeconds />
                      </td>
                      <td className="py-2 pr-4">
                        <NotificationWhat n={n} />
                        {hasDetails(n) ? (
                          <div className="mt-1 text-xs">
                            <NotificationDetails n={n} />
                          </div>
                        ) : null}
                      </td>
                      <td className="py-2 pr-4">
                        {n.orderId ? <OrderLink orderId={n.orderId} /> : <span className="text-slate-600 dark:text-slate-400">—</span>}
                      </td>
                      <td className="py-2">
                        <NumberLinks numbers={n.numbers} max={2} />
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}
          </Card>

          <Card
            title="Orders by type and status"
            description={
              totalOrders ? `${totalOrders.toLocaleString('en-US')} order${totalOrders === 1 ? '' : 's'}, by latest status.` : undefined
            }
          >
            {data.ordersByTypeAndStatus.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                No order yet. Orders appear here with the first notification about them.
              </p>
            ) : (
              <div className="relative overflow-x-auto">
                <TypeStatusTable groups={data.ordersByTypeAndStatus} />
              </div>
            )}
          </Card>
        </div>

        <div className="space-y-6">
          <PerDayChart perDay={data.perDay} />
          {register}
        </div>
      </div>
    </div>
  )
}

function QuietBanner({ lastAt, minutes }: { lastAt: string | null; minutes: number }) {
  return (
    <div
      role="alert"
      data-testid="quiet-banner"
      className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p className="font-semibold">
        {lastAt
          ? `No notification for more than ${formatMinutes(minutes)} — check the Bandwidth subscription.`
          : 'No notification has arrived yet — check the Bandwidth subscription.'}
      </p>
      <p className="mt-1 text-sm">
        {lastAt ? (
          <>
            The last one arrived <LocalTime iso={lastAt} />.{' '}
          </>
        ) : null}
        Make sure the subscriptions point at the URL under{' '}
        <a href="#register-with-bandwidth" className="underline underline-offset-2">
          Register with Bandwidth
        </a>{' '}
        with the right credentials, and look for rejected requests in{' '}
        <Link href="/deliveries?outcome=rejected" className="underline underline-offset-2">
          Deliveries
        </Link>
        .
      </p>
    </div>
  )
}

function Stat({
  label,
  value,
  testId,
  href,
  tone = 'plain',
}: {
  label: string
  value: number
  testId: string
  href: string
  tone?: 'plain' | 'attention' | 'warning'
}) {
  const toneClass = {
    plain: 'border-slate-200 dark:border-slate-800',
    attention: 'border-rose-300 bg-rose-50/60 dark:border-rose-900 dark:bg-rose-950/30',
    warning: 'border-amber-300 bg-amber-50/60 dark:border-amber-800 dark:bg-amber-950/30',
  }[tone]
  return (
    <Link
      href={href}
      className={`block rounded-lg border p-4 hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:hover:border-indigo-600 ${toneClass}`}
    >
      <span className="block text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString('en-US')}
      </span>
      <span className="block text-sm text-slate-600 dark:text-slate-400">{label}</span>
    </Link>
  )
}

function OrderTable({
  orders,
  testId,
  caption,
  now,
  stuck = false,
  foc = false,
}: {
  orders: OrderRow[]
  testId: string
  caption: string
  now?: string
  stuck?: boolean
  foc?: boolean
}) {
  return (
    <div className="relative overflow-x-auto">
      <DataTable
        caption={caption}
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
            {stuck ? (
              <th scope="col" className="py-2 pr-4 font-medium">
                Stuck since
              </th>
            ) : foc ? (
              <th scope="col" className="py-2 pr-4 font-medium">
                FOC date
              </th>
            ) : (
              <th scope="col" className="py-2 pr-4 font-medium">
                Customer order
              </th>
            )}
            <th scope="col" className="py-2 font-medium">
              Last update
            </th>
          </tr>
        }
      >
        {orders.map((o) => (
          <tr key={o.orderId} className="border-b border-slate-100 last:border-0 dark:border-slate-800/60" data-testid={testId}>
            <th scope="row" className="py-2 pr-4 font-normal">
              <OrderLink orderId={o.orderId} />
            </th>
            <td className="py-2 pr-4 font-mono text-xs">{o.orderType}</td>
            <td className="py-2 pr-4">
              <StatusBadge status={o.status} stuck={!stuck && o.stuckSince !== null} />
            </td>
            {stuck ? (
              <td className="whitespace-nowrap py-2 pr-4">
                <LocalTime iso={o.stuckSince} />
                {o.stuckSince && now ? (
                  <span className="ml-1 text-xs text-amber-800 dark:text-amber-300">
                    ({formatDuration(Date.parse(now) - Date.parse(o.stuckSince))})
                  </span>
                ) : null}
              </td>
            ) : foc ? (
              <td className="py-2 pr-4">
                <span className="flex flex-wrap items-center gap-1.5">
                  <LocalTime iso={o.actualFocDate} />
                  {o.focAlarm ? <FocAlarmBadge alarm={o.focAlarm} /> : null}
                </span>
              </td>
            ) : (
              <td className="py-2 pr-4 font-mono text-xs">{o.customerOrderId ?? '—'}</td>
            )}
            <td className="whitespace-nowrap py-2">
              <LocalTime iso={o.lastSeenAt} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  )
}

function SeeAll({ href, testId, children }: { href: string; testId?: string; children: ReactNode }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className="rounded text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
    >
      {children}
    </Link>
  )
}

/** Each order that needs attention with why: the coded message of its step in that status. */
function AttentionTable({ orders }: { orders: AttentionRow[] }) {
  return (
    <div className="relative overflow-x-auto">
      <DataTable
        caption="Orders needing attention, with the reason"
        head={
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Order
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Reason
            </th>
            <th scope="col" className="py-2 font-medium">
              Last update
            </th>
          </tr>
        }
      >
        {orders.map((o) => (
          <tr
            key={o.orderId}
            className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
            data-testid="attention-order"
            data-order-id={o.orderId}
          >
            <th scope="row" className="py-2 pr-4 font-normal">
              <OrderLink orderId={o.orderId} />
              <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{o.orderType}</span>
            </th>
            <td className="py-2 pr-4">
              <StatusBadge status={o.status} stuck={o.stuckSince !== null} />
            </td>
            <td className="py-2 pr-4 text-sm" data-testid="attention-reason">
              {o.reason ? (
                <CodedMessage message={o.reason.message} errorCode={o.reason.errorCode} />
              ) : (
                <span className="text-slate-600 dark:text-slate-400">No message given</span>
              )}
            </td>
            <td className="whitespace-nowrap py-2">
              <LocalTime iso={o.lastSeenAt} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  )
}

/** Port-outs beside orders: what was denied or answered by the fallback lately, what waits for approval, what is locked. */
function PortoutsCard({ portouts: p }: { portouts: OverviewResponse['portouts'] }) {
  const since = encodeURIComponent(p.since)
  return (
    <Card
      title="Port-outs"
      description={`Answers of the last ${p.windowDays} days that denied a port-out or came from the fallback, proposals waiting for a second person, and numbers locked against port-out.`}
    >
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" aria-label="Port-out counts">
        <PortoutStat label="Denied" value={p.denied.count} href={`/portouts?portable=false&from=${since}`} testId="portout-denied" alarm />
        <PortoutStat
          label="Answered by the fallback"
          value={p.fallback.count}
          href={`/portouts?fallback=true&from=${since}`}
          testId="portout-fallback"
          alarm
        />
        <PortoutStat label="Proposals waiting" value={p.proposals.count} href="/portouts/approvals" testId="portout-proposals" alarm />
        <PortoutStat label="Numbers locked" value={p.locks.count} href="#portout-locks" testId="portout-locks" />
      </ul>
      {p.denied.requests.length > 0 || p.fallback.requests.length > 0 ? (
        <ul className="space-y-1.5 text-sm" aria-label="Latest denied and fallback answers">
          {[...p.denied.requests, ...p.fallback.requests.filter((f) => !p.denied.requests.some((d) => d.id === f.id))].map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-x-2" data-testid="portout-attention-row">
              <Link
                href={`/portouts/${encodeURIComponent(r.id)}`}
                className="rounded font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
              >
                {r.pon ?? r.id.slice(0, 8)}
              </Link>
              <NumberLinks numbers={r.numbers} max={2} />
              {r.errorCodes.length ? (
                <span className="font-mono text-xs text-rose-800 dark:text-rose-300">denied {r.errorCodes.join(', ')}</span>
              ) : null}
              {r.fallbackReason ? <span className="text-xs text-amber-900 dark:text-amber-200">fallback: {r.fallbackReason}</span> : null}
              <span className="text-xs text-slate-600 dark:text-slate-400">
                <LocalTime iso={r.firstReceivedAt} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {p.proposals.pending.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label="Proposals waiting for approval">
          {p.proposals.pending.map((x) => (
            <li key={x.id} data-testid="portout-proposal-row">
              <Link
                href="/portouts/approvals"
                className="rounded text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
              >
                {x.summary}
              </Link>{' '}
              <span className="text-xs text-slate-600 dark:text-slate-400">
                by {x.proposerEmail}, <LocalTime iso={x.createdAt} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {p.locks.numbers.length > 0 ? (
        <ul id="portout-locks" className="space-y-1 text-sm" aria-label="Numbers locked against port-out">
          {p.locks.numbers.map((l) => (
            <li key={l.e164} className="flex flex-wrap items-baseline gap-x-2" data-testid="portout-lock-row">
              <NumberLinks numbers={[l.e164]} />
              <span className="text-xs text-slate-600 dark:text-slate-400">
                locked{' '}
                {l.lockedUntil ? (
                  <>
                    until <LocalTime iso={l.lockedUntil} />
                  </>
                ) : (
                  'until unlocked'
                )}
                {l.reason ? ` · ${l.reason}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  )
}

function PortoutStat({
  label,
  value,
  href,
  testId,
  alarm = false,
}: {
  label: string
  value: number
  href: string
  testId: string
  alarm?: boolean
}) {
  const tone =
    alarm && value > 0 ? 'border-rose-300 bg-rose-50/60 dark:border-rose-900 dark:bg-rose-950/30' : 'border-slate-200 dark:border-slate-800'
  return (
    <li>
      <Link
        href={href}
        className={`block rounded-md border p-3 hover:border-indigo-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${tone}`}
      >
        <span className="block text-xl font-semibold tabular-nums" data-testid={testId}>
          {value.toLocaleString('en-US')}
        </span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{label}</span>
      </Link>
    </li>
  )
}

/** One row per order type: its total, then each status with its count (each a link to those orders). */
function TypeStatusTable({ groups }: { groups: OverviewResponse['ordersByTypeAndStatus'] }) {
  const byType = new Map<string, { status: string | null; count: number }[]>()
  for (const g of groups) byType.set(g.orderTypeKey, [...(byType.get(g.orderTypeKey) ?? []), { status: g.status, count: g.count }])
  return (
    <DataTable
      caption="Orders by type and latest status"
      data-testid="type-status-table"
      head={
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">
            Type
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Total
          </th>
          <th scope="col" className="py-2 font-medium">
            By status
          </th>
        </tr>
      }
    >
      {[...byType].map(([type, statuses]) => (
        <tr key={type} className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60">
          <th scope="row" className="py-2 pr-3 font-mono text-xs font-normal">
            {type}
          </th>
          <td className="py-2 pr-3 text-right tabular-nums">{statuses.reduce((n, s) => n + s.count, 0).toLocaleString('en-US')}</td>
          <td className="py-2">
            <ul className="flex flex-wrap gap-1.5">
              {statuses.map((s) => (
                <li key={s.status ?? '(none)'}>
                  <Link
                    href={`/orders?${new URLSearchParams({ type, ...(s.status ? { status: s.status } : {}) })}`}
                    className="inline-flex items-center gap-1 rounded focus-visible:outline-2 focus-visible:outline-indigo-500"
                  >
                    <StatusBadge status={s.status} />
                    <span className="text-xs tabular-nums text-slate-700 dark:text-slate-300">{s.count.toLocaleString('en-US')}</span>
                    {/* Read out after what is seen ("FOC 3 portins orders"): the name starts with the visible text. */}
                    <span className="sr-only">
                      {' '}
                      {type} order{s.count === 1 ? '' : 's'}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </DataTable>
  )
}

/** CSS bars for the last 14 UTC days; the same numbers are in a table for screen readers. */
function PerDayChart({ perDay }: { perDay: OverviewResponse['perDay'] }) {
  const max = Math.max(1, ...perDay.map((d) => d.count))
  const total = perDay.reduce((n, d) => n + d.count, 0)
  const peak = perDay.reduce((best, d) => (d.count > best.count ? d : best), perDay[0])
  return (
    <Card
      title="Notifications per day"
      description={`Last ${perDay.length} days (UTC): ${total.toLocaleString('en-US')} in all${total ? `, most on ${formatDay(peak.day)} (${peak.count.toLocaleString('en-US')})` : ''}.`}
    >
      {total === 0 ? (
        <p className="flex h-32 items-center justify-center rounded border border-dashed border-slate-300 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          Nothing in the last {perDay.length} days.
        </p>
      ) : (
        <>
          <div
            aria-hidden
            className="flex h-32 items-end gap-1 border-b border-slate-200 dark:border-slate-700"
            data-testid="per-day-chart"
          >
            {perDay.map((d) => (
              <div
                key={d.day}
                className="flex h-full flex-1 flex-col justify-end"
                title={`${formatDay(d.day)}: ${d.count.toLocaleString('en-US')}`}
              >
                <div
                  className={`rounded-t-sm ${d.count ? 'bg-indigo-500 dark:bg-indigo-400' : 'bg-slate-200 dark:bg-slate-800'}`}
                  style={{ height: d.count ? `${Math.max(4, (d.count / max) * 100)}%` : '2px' }}
                />
              </div>
            ))}
          </div>
          <div aria-hidden className="flex justify-between text-xs text-slate-600 dark:text-slate-400">
            <span>{formatDay(perDay[0].day)}</span>
            <span>peak {peak.count.toLocaleString('en-US')}</span>
            <span>{formatDay(perDay[perDay.length - 1].day)}</span>
          </div>
        </>
      )}
      <table className="sr-only">
        <caption>Notifications per day, last {perDay.length} days (UTC)</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Notifications</th>
          </tr>
        </thead>
        <tbody>
          {perDay.map((d) => (
            <tr key={d.day}>
              <th scope="row">{formatDay(d.day)}</th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  )
}

function formatMinutes(minutes: number): string {
  if (minutes < 120 || minutes % 60 !== 0) return `${minutes} minutes`
  return `${minutes} minutes (${minutes / 60} hours)`
}

/** What never reached us: the reconciler's recoveries by subscription and day (a gap usually means our endpoint or a subscription was broken then). */
function MissedNotificationsCard({ groups }: { groups: OverviewResponse['missedNotifications'] }) {
  return (
    <Card
      title="Missed notifications"
      description="States Bandwidth reached that no notification brought us, recovered by the reconciler in the last 7 days, by subscription and day."
      actions={<SeeAll href="/reconciliation">Reconciliation →</SeeAll>}
    >
      {groups.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None: every state the reconciler checked had reached us.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="missed-notifications">
          {groups.map((g) => (
            <li
              key={`${g.day}-${g.subscriptionId ?? g.orderType}`}
              className="flex flex-wrap items-baseline justify-between gap-2 py-2"
              data-testid="missed-group"
            >
              <span>
                <span className="font-mono text-xs">{g.day}</span> ·{' '}
                {g.subscriptionId ? (
                  <>
                    subscription <span className="font-mono text-xs">{g.subscriptionId}</span> ({g.orderType})
                  </>
                ) : (
                  <>{g.orderType} (no subscription seen)</>
                )}
              </span>
              <Link
                href={`/reconciliation?run=${encodeURIComponent(g.runId)}`}
                className="text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
              >
                {g.count} missed on {g.orders} order{g.orders === 1 ? '' : 's'}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
