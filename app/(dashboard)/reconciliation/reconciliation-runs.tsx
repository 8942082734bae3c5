'use client'

import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { ReconcileRunResponse } from '@/app/api/reconciliation/runs/[runId]/route'
import type { ReconcileRunsResponse } from '@/app/api/reconciliation/runs/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { formatDuration } from '@/components/format-duration'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Field, TextInput } from '@/components/ui/field'

type Run = ReconcileRunsResponse['items'][number]

const STATUS_TONE: Record<Run['status'], string> = {
  running: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  done: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  failed: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
}

export function ReconciliationRuns({ canRun, selected }: { canRun: boolean; selected: string | null }) {
  const [chosen, setChosen] = useState<string | null>(selected)
  const { data, error, mutate } = useSWR<ReconcileRunsResponse>('/api/reconciliation/runs', fetchJson, { refreshInterval: 2_000 })
  if (error) return <LoadError what="load the reconciler's runs" error={error} onRetry={() => mutate()} />
  const runs = data?.items ?? []
  const current = chosen ?? runs[0]?.id ?? null
  return (
    <div className="space-y-6">
      {canRun ? (
        <StartRun
          onStarted={async (id) => {
            setChosen(id)
            await mutate()
          }}
        />
      ) : null}
      <Card title="Runs" description="Newest first: each sweep and backfill, what it checked and recovered, and the API calls it made.">
        <div className="relative overflow-x-auto">
          <DataTable
            caption="Reconciler runs"
            head={
              <tr>
                {['Started', 'Kind', 'Days', 'Status', 'Progress', 'Checked', 'Behind', 'Recovered', 'Unresolved', 'Calls'].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-4">
                    {h}
                  </th>
                ))}
              </tr>
            }
          >
            {runs.map((r) => (
              <tr
                key={r.id}
                data-testid="run-row"
                data-run-id={r.id}
                aria-selected={r.id === current}
                className={`border-b border-slate-100 align-top dark:border-slate-800/60 ${r.id === current ? 'bg-indigo-50 dark:bg-indigo-950/30' : ''}`}
              >
                <td className="whitespace-nowrap py-2 pr-4">
                  <button
                    type="button"
                    onClick={() => setChosen(r.id)}
                    className="rounded text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
                  >
                    <LocalTime iso={r.startedAt} withSeconds />
                  </button>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {r.trigger === 'manual' ? (r.requestedBy ?? 'manual') : 'schedule'}
                  </span>
                </td>
                <td className="py-2 pr-4">{r.kind}</td>
                <td className="whitespace-nowrap py-2 pr-4 font-mono text-xs">{r.from === r.to ? r.from : `${r.from} … ${r.to}`}</td>
                <td className="py-2 pr-4">
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[r.status]}`} data-testid="run-status">
                    {r.status}
                  </span>
                  {r.lastError ? <span className="block max-w-xs text-xs text-rose-700 dark:text-rose-300">{r.lastError}</span> : null}
                </td>
                <td className="py-2 pr-4">
                  <Progress value={r.progress} label={`Progress of the ${r.kind} started ${r.startedAt}`} />
                </td>
                <td className="py-2 pr-4 tabular-nums">{r.checked}</td>
                <td className="py-2 pr-4 tabular-nums">{r.behind}</td>
                <td className="py-2 pr-4 tabular-nums" data-testid="run-recovered">
                  {r.recovered}
                </td>
                <td className="py-2 pr-4 tabular-nums">{r.errors}</td>
                <td className="py-2 pr-4 tabular-nums">{r.calls}</td>
              </tr>
            ))}
          </DataTable>
          {data && runs.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">
              No run yet. The sweep runs on its schedule once a Bandwidth account is configured.
            </p>
          ) : null}
          {!data ? <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">Loading…</p> : null}
        </div>
      </Card>
      {current ? <Findings runId={current} /> : null}
    </div>
  )
}

function Progress({ value, label }: { value: number; label: string }) {
  const pct = Math.round(value * 100)
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-24 overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div className="h-full bg-indigo-500" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-600 dark:text-slate-400">{pct} %</span>
    </div>
  )
}

function StartRun({ onStarted }: { onStarted: (id: string) => Promise<void> }) {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)

  async function start(body: { from?: string; to?: string }) {
    setBusy(true)
    setMessage(null)
    try {
      const { id } = await sendJson<{ id: string }>('POST', '/api/reconciliation/runs', body)
      setMessage({ tone: 'success', text: body.from ? `Backfill ${body.from} … ${body.to ?? body.from} started.` : 'Sweep started.' })
      await onStarted(id)
    } catch (e) {
      setMessage({ tone: 'error', text: `Could not start the run: ${e instanceof Error ? e.message : String(e)}` })
    } finally {
      setBusy(false)
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault()
    void start({ from, ...(to ? { to } : {}) })
  }

  return (
    <Card
      title="Run now"
      description="A sweep checks the orders Bandwidth changed since yesterday (UTC). A backfill goes over past days one at a time; it is rate-limited, shows its progress, and a backfill that fails part-way goes on at the next scheduled run."
      actions={
        <Button variant="secondary" disabled={busy} onClick={() => void start({})}>
          Sweep now
        </Button>
      }
    >
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Backfill">
        <Field label="From (UTC day)">
          <TextInput type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To (UTC day)" hint="empty: the same day">
          <TextInput type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <Button type="submit" disabled={busy || !from}>
          Start backfill
        </Button>
      </form>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </Card>
  )
}

function Findings({ runId }: { runId: string }) {
  const { data, error, mutate } = useSWR<ReconcileRunResponse>(`/api/reconciliation/runs/${encodeURIComponent(runId)}`, fetchJson, {
    refreshInterval: (d) => (d?.status === 'running' ? 2_000 : 0),
  })
  if (error) return <LoadError what="load the run's findings" error={error} onRetry={() => mutate()} />
  return (
    <Card
      title="Findings"
      description={
        data
          ? `Run ${runId.slice(0, 8)} (${data.kind}, ${data.status}): each state no notification brought, recovered onto the order's timeline, and each order it could not resolve.`
          : 'Loading…'
      }
    >
      <div className="relative overflow-x-auto">
        <DataTable
          caption="Findings of the run"
          head={
            <tr>
              {['Order', 'Found', 'State', 'Happened', 'Learned', 'How late'].map((h) => (
                <th key={h} scope="col" className="py-2 pr-4">
                  {h}
                </th>
              ))}
            </tr>
          }
        >
          {data?.findings.map((f) => (
            <tr key={f.id} data-testid="finding-row" className="border-b border-slate-100 align-top dark:border-slate-800/60">
              <td className="py-2 pr-4">
                <Link
                  href={`/orders/${encodeURIComponent(f.orderId)}`}
                  className="font-mono text-xs text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
                >
                  {f.orderId}
                </Link>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{f.orderType}</span>
              </td>
              <td className="py-2 pr-4">
                {f.kind === 'recovered' ? (
                  'missed, recovered'
                ) : (
                  <span className="text-rose-700 dark:text-rose-300">unresolved: {f.reason}</span>
                )}
              </td>
              <td className="py-2 pr-4 font-mono text-xs">{f.status ?? '—'}</td>
              <td className="whitespace-nowrap py-2 pr-4">{f.happenedAt ? <LocalTime iso={f.happenedAt} withSeconds /> : '—'}</td>
              <td className="whitespace-nowrap py-2 pr-4">
                <LocalTime iso={f.learnedAt} withSeconds />
              </td>
              <td className="py-2 pr-4">{f.lateSeconds !== null ? formatDuration(f.lateSeconds * 1000) : '—'}</td>
            </tr>
          ))}
        </DataTable>
        {data && data.findings.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">Nothing found: we were not behind.</p>
        ) : null}
      </div>
    </Card>
  )
}
