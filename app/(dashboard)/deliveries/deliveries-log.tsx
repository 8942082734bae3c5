'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { Fragment, useState } from 'react'
import useSWR from 'swr'
import useSWRInfinite from 'swr/infinite'
import type { DeliveriesResponse } from '@/app/api/deliveries/route'
import type { DeliveryResponse } from '@/app/api/deliveries/[deliveryId]/route'
import { fetchJson } from '@/components/fetch-json'
import { prettyXml } from '@/components/pretty-xml'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'
import { CopyButton } from '@/components/copy-button'
import { AnswerBadge } from '@/components/portout-parts'
import { NumberLinks, OrderLink } from '@/components/notification-parts'
import { StatusBadge } from '@/components/status-badge'

export type Outcome = 'accepted' | 'duplicate' | 'rejected'
export type Endpoint = 'notifications' | 'portout-validation'
export type DeliveryFilters = { outcome: Outcome | ''; endpoint: Endpoint | ''; q: string }

type DeliverySummary = DeliveriesResponse['deliveries'][number]

const PAGE_SIZE = 50
const REFRESH_MS = 10_000
const ENDPOINT_PATHS: Record<Endpoint, string> = {
  notifications: '/api/webhooks/bandwidth/notifications',
  'portout-validation': '/api/webhooks/bandwidth/portout-validation',
}

/** The raw log of every authenticated request the receivers got, with its outcome and, on demand, its exact body. */
export function DeliveriesLog({ filters }: { filters: DeliveryFilters }) {
  const router = useRouter()
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set())
  const key = (_index: number, previous: DeliveriesResponse | null) => {
    if (previous && !previous.nextCursor) return null
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) })
    if (filters.outcome) q.set('outcome', filters.outcome)
    if (filters.endpoint) q.set('endpoint', filters.endpoint)
    if (filters.q) q.set('q', filters.q)
    if (previous?.nextCursor) q.set('cursor', previous.nextCursor)
    return `/api/deliveries?${q}`
  }
  const { data, error, size, setSize, isLoading, isValidating, mutate } = useSWRInfinite<DeliveriesResponse>(key, fetchJson, {
    refreshInterval: REFRESH_MS,
  })
  const deliveries = data?.flatMap((p) => p.deliveries) ?? []
  const more = data?.at(-1)?.nextCursor
  const loadingMore = size > 0 && data !== undefined && data[size - 1] === undefined

  const applyFilters = (next: DeliveryFilters) => {
    const q = new URLSearchParams()
    if (next.outcome) q.set('outcome', next.outcome)
    if (next.endpoint) q.set('endpoint', next.endpoint)
    if (next.q) q.set('q', next.q)
    router.replace(q.size ? `/deliveries?${q}` : '/deliveries', { scroll: false })
  }
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const filtered = Boolean(filters.outcome || filters.endpoint || filters.q)
  const [draftQ, setDraftQ] = useState(filters.q)

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <form
          aria-label="Filter deliveries"
          className="grid w-full gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_20rem]"
          onSubmit={(e) => {
            e.preventDefault()
            applyFilters({ ...filters, q: draftQ.trim() })
          }}
        >
          <Field label="Search" hint="OrderId, telephone number, body SHA-256 or delivery id; press Enter">
            <TextInput
              type="search"
              name="q"
              value={draftQ}
              onChange={(e) => setDraftQ(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field label="Outcome">
            <Select
              value={filters.outcome}
              onChange={(e) => applyFilters({ ...filters, outcome: e.target.value as DeliveryFilters['outcome'] })}
            >
              <option value="">Every outcome</option>
              <option value="accepted">Accepted</option>
              <option value="duplicate">Duplicate</option>
              <option value="rejected">Rejected</option>
            </Select>
          </Field>
          <Field label="Endpoint">
            <Select
              value={filters.endpoint}
              onChange={(e) => applyFilters({ ...filters, endpoint: e.target.value as DeliveryFilters['endpoint'] })}
            >
              <option value="">Every endpoint</option>
              {(Object.keys(ENDPOINT_PATHS) as Endpoint[]).map((ep) => (
                <option key={ep} value={ep}>
                  {ENDPOINT_PATHS[ep]}
                </option>
              ))}
            </Select>
          </Field>
        </form>
        <div className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
          <span>{isValidating && data ? 'Refreshing…' : `Refreshes every ${REFRESH_MS / 1000} s`}</span>
          <Button variant="secondary" onClick={() => mutate()} disabled={isValidating}>
            Refresh now
          </Button>
        </div>
      </div>

      {error ? (
        <Alert>
          Could not load the deliveries{data ? ' (showing what was loaded before)' : ''}: {error.message}
        </Alert>
      ) : null}

      {isLoading ? (
        <div role="status" aria-label="Loading deliveries" className="space-y-2">
          <span className="sr-only">Loading deliveries…</span>
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="h-9 animate-pulse rounded bg-slate-100 dark:bg-slate-800/60" />
          ))}
        </div>
      ) : deliveries.length === 0 && !error ? (
        filtered ? (
          <EmptyState title="No delivery matches these filters">
            Choose “Every outcome” and “Every endpoint” to see the whole log.
          </EmptyState>
        ) : (
          <EmptyState title="No request has reached the receivers yet">
            Every request Bandwidth sends with valid credentials is logged here — accepted, duplicate or rejected — with its exact body.
            Requests without valid credentials are refused and not stored.
          </EmptyState>
        )
      ) : deliveries.length > 0 ? (
        <div className="relative overflow-x-auto">
          <DataTable
            caption="Deliveries, newest first"
            head={
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Received
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Endpoint
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Carried
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Outcome
                </th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">
                  HTTP
                </th>
                <th scope="col" className="py-2 pr-4 text-right font-medium">
                  Size
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Body</span>
                </th>
              </tr>
            }
          >
            {deliveries.map((d) => {
              const isOpen = open.has(d.id)
              const panelId = `delivery-body-${d.id}`
              return (
                <Fragment key={d.id}>
                  <tr className="border-b border-slate-100 align-top dark:border-slate-800/60" data-testid="delivery-row" data-id={d.id}>
                    <td className="whitespace-nowrap py-2 pr-4">
                      <LocalTime iso={d.receivedAt} withSeconds />
                    </td>
                    <td className="py-2 pr-4">
                      <span className="font-mono text-xs">{d.endpoint}</span>
                      {d.kind ? <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">{d.kind}</span> : null}
                    </td>
                    <td className="py-2 pr-4" data-testid="delivery-carried">
                      <Carried carried={d.carried} />
                    </td>
                    <td className="py-2 pr-4">
                      <OutcomeBadge outcome={d.outcome} />
                      {d.reason ? (
                        <p className="mt-1 max-w-md text-xs text-rose-800 dark:text-rose-300" data-testid="delivery-reason">
                          {d.reason}
                        </p>
                      ) : null}
                    </td>
                    <td className="py-2 pr-4 text-right font-mono text-xs tabular-nums">{d.httpStatus}</td>
                    <td
                      className="whitespace-nowrap py-2 pr-4 text-right tabular-nums"
                      title={`${d.bodySize.toLocaleString('en-US')} bytes`}
                    >
                      {formatBytes(d.bodySize)}
                    </td>
                    <td className="py-2 text-right">
                      <button
                        type="button"
                        onClick={() => toggle(d.id)}
                        aria-expanded={isOpen}
                        aria-controls={panelId}
                        className="whitespace-nowrap rounded px-2 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300 dark:hover:bg-indigo-950"
                      >
                        {isOpen ? 'Hide body' : 'View body'}
                      </button>
                    </td>
                  </tr>
                  {isOpen ? (
                    <tr className="border-b border-slate-100 dark:border-slate-800/60">
                      <td colSpan={7} id={panelId} className="pb-4 pt-1">
                        <DeliveryDetail summary={d} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              )
            })}
          </DataTable>
        </div>
      ) : null}

      {more ? (
        <Button variant="secondary" onClick={() => setSize(size + 1)} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load older deliveries'}
        </Button>
      ) : deliveries.length > 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">That is the whole log{filtered ? ' for these filters' : ''}.</p>
      ) : null}
    </div>
  )
}

/** Fetched only when opened: headers, checksum and the body exactly as stored. */
function DeliveryDetail({ summary }: { summary: DeliverySummary }) {
  const { data, error, isLoading } = useSWR<DeliveryResponse>(`/api/deliveries/${encodeURIComponent(summary.id)}`, fetchJson, {
    revalidateOnFocus: false,
    revalidateIfStale: false,
  })
  const [pretty, setPretty] = useState(false)
  const [copied, setCopied] = useState(false)

  if (error) return <Alert>Could not load this delivery: {error.message}</Alert>
  if (isLoading || !data)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" role="status">
        Loading the body…
      </p>
    )

  const isXml = data.bodyEncoding === 'utf8' && data.body.trimStart().startsWith('<')
  const shown = pretty && isXml ? prettyXml(data.body) : data.body
  const copy = async () => {
    await navigator.clipboard.writeText(data.body).then(
      () => setCopied(true),
      () => setCopied(false),
    )
  }

  return (
    <div
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900/60"
      data-testid="delivery-detail"
    >
      <dl className="grid gap-x-6 gap-y-1 text-xs sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600 dark:text-slate-400">Delivery id</dt>
        <dd className="font-mono">
          {data.id} <CopyButton value={data.id} what="the delivery id" />
        </dd>
        <dt className="font-medium text-slate-600 dark:text-slate-400">sha256</dt>
        <dd className="break-all font-mono">
          <span data-testid="delivery-sha256">{data.bodySha256}</span> <CopyButton value={data.bodySha256} what="the body hash" />
        </dd>
        {Object.entries(data.headers).map(([name, value]) => (
          <Fragment key={name}>
            <dt className="font-medium text-slate-600 dark:text-slate-400">{name}</dt>
            <dd className="break-all font-mono">{value}</dd>
          </Fragment>
        ))}
      </dl>
      {data.bodyPurgedAt ? (
        <Alert tone="info">
          <span data-testid="body-purged">
            The body was removed by the retention policy on <LocalTime iso={data.bodyPurgedAt} />. The sha256 and size are of the body as
            received; what it said is kept as its notification.
          </span>
        </Alert>
      ) : null}
      {data.bodyTruncated ? (
        <Alert tone="info">
          Truncated: the body was larger than the receiver’s limit ({data.bodySize.toLocaleString('en-US')} bytes or more), so only its
          beginning was kept. The sha256 is of the kept part.
        </Alert>
      ) : null}
      {data.cpniMasked ? (
        <Alert tone="info">
          Account number, ZIP and subscriber name are CPNI, so they are masked here (and in the copy). The sha256 is of the body as
          received; an operator reveals the request in clear on its port-out page.
        </Alert>
      ) : null}
      {data.bodyEncoding === 'base64' ? (
        <Alert tone="info">
          This body was not valid UTF-8 text, so it is stored and shown as base64. Decode it (for example with base64 -d) to get the exact
          bytes.
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-4 text-xs">
        <span className="font-medium">
          Body{data.bodyEncoding === 'base64' ? ' (base64)' : ''}, {data.bodySize.toLocaleString('en-US')} bytes
          {data.contentType ? `, ${data.contentType}` : ''}
        </span>
        {isXml ? (
          <label className="inline-flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={pretty}
              onChange={(e) => setPretty(e.target.checked)}
              className="h-4 w-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-500"
            />
            Pretty-print (changes whitespace)
          </label>
        ) : null}
        <button
          type="button"
          onClick={copy}
          className="rounded px-2 py-1 font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300 dark:hover:bg-indigo-950"
        >
          {copied ? 'Copied' : data.cpniMasked ? 'Copy body (CPNI masked)' : 'Copy exact body'}
        </button>
      </div>
      {data.body === '' ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">(empty body)</p>
      ) : (
        <pre
          className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-3 font-mono text-xs text-slate-900 ring-1 ring-slate-200 dark:bg-slate-950 dark:text-slate-100 dark:ring-slate-800"
          data-testid="delivery-body"
          tabIndex={0}
          aria-label={pretty ? 'Body, pretty-printed' : data.cpniMasked ? 'Body as received, CPNI masked' : 'Body, exactly as received'}
        >
          {shown}
        </pre>
      )}
    </div>
  )
}

/** What a delivery brought, linked: the order step (id, type, status), the event (type, numbers) or the port-out request. */
function Carried({ carried }: { carried: DeliverySummary['carried'] }) {
  if (!carried) return <span className="text-xs text-slate-600 dark:text-slate-400">nothing stored</span>
  if (carried.kind === 'portout') {
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <Link
          href={`/portouts/${encodeURIComponent(carried.requestId)}`}
          className="rounded font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
        >
          port-out {carried.pon ?? carried.requestId.slice(0, 8)}
        </Link>
        <AnswerBadge portable={carried.portable} />
      </span>
    )
  }
  if (carried.kind === 'event') {
    return (
      <span className="inline-flex flex-wrap items-center gap-1.5">
        <span className="rounded bg-violet-100 px-1.5 py-0.5 font-mono text-xs text-violet-800 dark:bg-violet-950 dark:text-violet-200">
          {carried.eventType}
        </span>
        <NumberLinks numbers={carried.numbers} max={2} />
      </span>
    )
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      {carried.orderId ? <OrderLink orderId={carried.orderId} /> : null}
      <span className="font-mono text-xs text-slate-700 dark:text-slate-300">{carried.orderType}</span>
      <StatusBadge status={carried.status} />
    </span>
  )
}

function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  const tone = {
    accepted: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
    duplicate: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
    rejected: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
  }[outcome]
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>{outcome}</span>
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}
