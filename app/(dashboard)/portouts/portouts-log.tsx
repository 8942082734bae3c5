'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import useSWRInfinite from 'swr/infinite'
import { Answer, Dash, MaskedFields, NumberLinks } from '@/components/portout-parts'
import { toFiredRules } from '@/lib/portout/describe-answer'
import { fetchJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { SkeletonRows } from '@/components/ui/skeleton-rows'
import { LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select } from '@/components/ui/field'
import type { listPortoutRequests } from '@/lib/db/list-portout-requests'
import type { FiredRule } from '@/lib/portout/evaluate-portout-request'

export type PortoutsResponse = Awaited<ReturnType<typeof listPortoutRequests>>
export type PortoutRow = PortoutsResponse['requests'][number]
/** `fallback` and `from` come from the overview's links (answers of the fallback, the last days only). */
export type PortoutFilters = { portable: 'true' | 'false' | ''; fallback: boolean; from: string }

const PAGE_SIZE = 50
const REFRESH_MS = 10_000

/** The port-out log: one row per request (Bandwidth's retries are counted as attempts, not rows). */
export function PortoutsLog({ filters }: { filters: PortoutFilters }) {
  const router = useRouter()
  const key = (_index: number, previous: PortoutsResponse | null) => {
    if (previous && !previous.nextCursor) return null
    const q = new URLSearchParams({ limit: String(PAGE_SIZE) })
    if (filters.portable) q.set('portable', filters.portable)
    if (filters.fallback) q.set('fallback', 'true')
    if (filters.from) q.set('from', filters.from)
    if (previous?.nextCursor) q.set('cursor', previous.nextCursor)
    return `/api/portouts?${q}`
  }
  const { data, error, size, setSize, isLoading, mutate } = useSWRInfinite<PortoutsResponse>(key, fetchJson, {
    refreshInterval: REFRESH_MS,
  })
  const requests = uniqueById(data?.flatMap((p) => p.requests) ?? [])
  const hasMore = Boolean(data?.at(-1)?.nextCursor)
  const isLoadingMore = size > 0 && data !== undefined && data[size - 1] === undefined
  const isFiltered = filters.portable !== '' || filters.fallback || filters.from !== ''

  const applyAnswer = (portable: PortoutFilters['portable']) => {
    const q = new URLSearchParams()
    if (portable) q.set('portable', portable)
    if (filters.fallback) q.set('fallback', 'true')
    if (filters.from) q.set('from', filters.from)
    router.replace(q.size ? `/portouts?${q}` : '/portouts', { scroll: false })
  }
  const showAll = () => router.replace('/portouts', { scroll: false })

  return (
    <div className="space-y-5">
      <form
        role="search"
        aria-label="Filter port-out requests"
        onSubmit={(e) => e.preventDefault()}
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      >
        <div className="w-56">
          <Field label="Answer">
            <Select name="portable" value={filters.portable} onChange={(e) => applyAnswer(e.target.value as PortoutFilters['portable'])}>
              <option value="">All answers</option>
              <option value="false">Denied (Portable = false)</option>
              <option value="true">Allowed (Portable = true)</option>
            </Select>
          </Field>
        </div>
        {isFiltered ? (
          <Button type="button" variant="secondary" onClick={showAll}>
            Show all
          </Button>
        ) : null}
        {filters.fallback || filters.from ? (
          <p className="pb-2 text-sm text-slate-700 dark:text-slate-300" data-testid="portouts-preset">
            {filters.fallback ? 'Answered by the fallback' : ''}
            {filters.fallback && filters.from ? ', ' : ''}
            {filters.from ? (
              <>
                received since <LocalTime iso={filters.from} />
              </>
            ) : null}
          </p>
        ) : null}
      </form>

      {error ? <LoadError what="load port-out requests" error={error} onRetry={() => void mutate()} /> : null}

      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400" data-testid="portouts-summary">
        {isLoading
          ? 'Loading port-out requests…'
          : data
            ? `${requests.length} ${requests.length === 1 ? 'request' : 'requests'} shown${hasMore ? ', older ones below' : ''}`
            : ''}
      </p>

      {error && !data ? null : !isLoading && requests.length === 0 ? (
        isFiltered ? (
          <EmptyState title="No port-out requests match these filters">
            <p>Show all answers to see the others.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No port-out request received yet">
            <p>
              Requests appear here the moment Bandwidth asks whether one of our numbers may leave. The rules we answer with are under{' '}
              <Link href="/portouts/approvals" className="text-indigo-700 underline dark:text-indigo-300">
                Rules and approvals
              </Link>
              .
            </p>
          </EmptyState>
        )
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          <DataTable
            caption="Port-out requests, newest first"
            tone="shaded"
            aria-busy={isLoading}
            head={
              <tr>
                <th scope="col" aria-sort="descending" className="px-3 py-2">
                  Received <span aria-hidden>↓</span>
                  <span className="sr-only">(newest first)</span>
                </th>
                <th scope="col" className="px-3 py-2">
                  PON
                </th>
                <th scope="col" className="px-3 py-2">
                  Numbers
                </th>
                <th scope="col" className="px-3 py-2">
                  As sent
                </th>
                <th scope="col" className="px-3 py-2">
                  Our answer
                </th>
                <th scope="col" className="px-3 py-2">
                  Rules that fired
                </th>
                <th scope="col" className="px-3 py-2">
                  Policy
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Latency
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  <abbr title="Attempts: Bandwidth retries an identical request; each retry gets the same answer" className="no-underline">
                    Att.
                  </abbr>
                </th>
              </tr>
            }
          >
            {isLoading ? <SkeletonRows columns={9} /> : requests.map((r) => <PortoutLogRow key={r.id} request={r} />)}
          </DataTable>
        </div>
      )}

      {hasMore ? (
        <Button variant="secondary" onClick={() => setSize(size + 1)} disabled={isLoadingMore}>
          {isLoadingMore ? 'Loading…' : 'Load older requests'}
        </Button>
      ) : requests.length > 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">That is every request{isFiltered ? ' with this answer' : ''}.</p>
      ) : null}
    </div>
  )
}

function PortoutLogRow({ request: r }: { request: PortoutRow }) {
  const fired = toFiredRules(r.decision.fired)
  return (
    <tr
      data-testid="portout-row"
      data-pon={r.pon ?? ''}
      className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50 dark:border-slate-800/60 dark:hover:bg-slate-900/60"
    >
      <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">
        <Link
          href={`/portouts/${encodeURIComponent(r.id)}`}
          className="text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
        >
          <LocalTime iso={r.firstReceivedAt} withSeconds />
          <span className="sr-only">: details{r.pon ? ` of ${r.pon}` : ''}</span>
        </Link>
      </th>
      <td className="px-3 py-2 font-mono text-xs">{r.pon ?? <Dash />}</td>
      <td className="px-3 py-2">
        <NumberLinks numbers={r.numbers} />
      </td>
      <td className="px-3 py-2 text-xs">
        <MaskedFields masked={r.masked} />
      </td>
      <td className="px-3 py-2">
        <Answer portable={r.portable} errorCodes={r.errorCodes} />
        {r.fallbackReason ? (
          <p className="mt-1 max-w-56 text-xs text-amber-800 dark:text-amber-300" data-testid="fallback-reason">
            Fallback: {r.fallbackReason}
          </p>
        ) : null}
      </td>
      <td className="px-3 py-2">
        <FiredSummary fired={fired} />
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-xs">{r.policyVersion === null ? <Dash /> : `v${r.policyVersion}`}</td>
      <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-xs">{r.latencyMs} ms</td>
      <td className="px-3 py-2 text-right tabular-nums">{r.attempts}</td>
    </tr>
  )
}

/** Enforced rules decided the answer; monitored ones only say what they would have done. */
function FiredSummary({ fired }: { fired: FiredRule[] }) {
  if (fired.length === 0) return <span className="text-xs text-slate-600 dark:text-slate-400">none</span>
  return (
    <ul className="space-y-1 text-xs" data-testid="fired-rules">
      {fired.map((f) => (
        <li key={`${f.ruleId}-${f.code}`} data-mode={f.mode}>
          {f.mode === 'monitor' ? (
            <span className="mr-1 rounded bg-amber-100 px-1 py-0.5 font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
              monitor: would have denied
            </span>
          ) : (
            <span className="mr-1 rounded bg-slate-200 px-1 py-0.5 font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200">
              enforced
            </span>
          )}
          <span className="font-mono">{f.kind}</span> <span className="font-mono text-slate-600 dark:text-slate-400">{f.code}</span>
        </li>
      ))}
    </ul>
  )
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)))
}
