'use client'

import Link from 'next/link'
import useSWR from 'swr'
import type { DeliveryResponse } from '@/app/api/deliveries/[deliveryId]/route'
import type { EventResponse } from '@/app/api/events/[notificationId]/route'
import { CopyButton } from '@/components/copy-button'
import { ApiError, fetchJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { NotificationDetails, NotificationWhat, NumberLinks, OrderLink } from '@/components/notification-parts'
import { prettyXml } from '@/components/pretty-xml'
import { Card, LoadError } from '@/components/ui/card'

const LINK = 'text-indigo-700 underline underline-offset-2 dark:text-indigo-300'

/** The notification's facts, then its payload (its delivery's body, CPNI masked) with a way to the delivery and the order. */
export function EventDetail({ notificationId }: { notificationId: string }) {
  const event = useSWR<EventResponse, Error>(`/api/events/${encodeURIComponent(notificationId)}`, fetchJson)
  const n = event.data
  const delivery = useSWR<DeliveryResponse, Error>(n ? `/api/deliveries/${encodeURIComponent(n.deliveryId)}` : null, fetchJson)

  if (event.error instanceof ApiError && event.error.status === 404) {
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">No such notification</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Nothing with the id <code className="font-mono">{notificationId}</code> arrived, or retention removed it.{' '}
          <Link href="/events" className={LINK}>
            Back to the feed
          </Link>
          .
        </p>
      </div>
    )
  }
  if (event.error) return <LoadError what="load this notification" error={event.error} onRetry={() => void event.mutate()} />
  if (!n) {
    return (
      <div role="status" aria-label="Loading this notification" className="h-40 animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800/60">
        <span className="sr-only">Loading this notification…</span>
      </div>
    )
  }

  const title =
    n.kind === 'event' ? `Event ${n.eventType ?? n.typeKey}` : `${n.orderType ?? n.typeKey} order step${n.status ? `: ${n.status}` : ''}`
  const deliveryHref = `/deliveries?${new URLSearchParams({ q: n.deliveryId })}`
  return (
    <div className="space-y-6" data-testid="event-detail">
      <header className="space-y-2">
        <p className="text-sm font-medium text-slate-600 dark:text-slate-400">{n.kind === 'event' ? 'Event' : 'Order step'}</p>
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Received <LocalTime iso={n.receivedAt} withSeconds /> ·{' '}
          <Link href={deliveryHref} className={LINK} data-testid="event-delivery-link">
            Open its delivery
          </Link>
          {n.orderId ? (
            <>
              {' '}
              ·{' '}
              <Link href={`/orders/${encodeURIComponent(n.orderId)}`} className={LINK}>
                Open its order
              </Link>
            </>
          ) : null}
        </p>
      </header>

      <Card title="What it said">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600 dark:text-slate-400">Kind</dt>
          <dd>
            <NotificationWhat n={n} showKind />
          </dd>
          {n.orderId ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">Order</dt>
              <dd>
                <OrderLink orderId={n.orderId} />
              </dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600 dark:text-slate-400">Numbers</dt>
          <dd>
            <NumberLinks numbers={n.numbers} max={20} />
          </dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Details</dt>
          <dd>
            <NotificationDetails n={n} />
          </dd>
          {n.lastModifiedDate ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">Last modified (Bandwidth)</dt>
              <dd>
                <LocalTime iso={n.lastModifiedDate} withSeconds />
              </dd>
            </>
          ) : null}
          {n.subscriptionId ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">Subscription</dt>
              <dd className="break-all font-mono text-xs">{n.subscriptionId}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600 dark:text-slate-400">Delivery</dt>
          <dd className="break-all font-mono text-xs">
            <Link href={deliveryHref} className={LINK}>
              {n.deliveryId}
            </Link>
          </dd>
        </dl>
      </Card>

      <Card
        title="Payload"
        description="The body of the delivery that brought it, pretty-printed; account number, ZIP and subscriber name are masked (CPNI)."
        actions={
          delivery.data && delivery.data.bodyEncoding === 'utf8' ? <CopyButton value={delivery.data.body} what="the payload" /> : null
        }
      >
        {delivery.error ? (
          <LoadError what="load its payload" error={delivery.error} onRetry={() => void delivery.mutate()} />
        ) : !delivery.data ? (
          <div role="status" aria-label="Loading the payload" className="h-24 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60">
            <span className="sr-only">Loading the payload…</span>
          </div>
        ) : delivery.data.body === '' ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            The body is no longer kept (retention); its sha256 is <code className="break-all font-mono">{delivery.data.bodySha256}</code>.
          </p>
        ) : (
          <pre
            className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono text-xs text-slate-900 ring-1 ring-slate-200 dark:bg-slate-950 dark:text-slate-100 dark:ring-slate-800"
            data-testid="event-payload"
            tabIndex={0}
            aria-label="Payload, pretty-printed"
          >
            {delivery.data.bodyEncoding === 'utf8' ? prettyXml(delivery.data.body) : delivery.data.body}
          </pre>
        )}
      </Card>
    </div>
  )
}
