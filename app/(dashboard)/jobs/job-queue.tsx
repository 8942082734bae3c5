'use client'

import { useState } from 'react'
import useSWR from 'swr'
import type { JobQueueResponse } from '@/app/api/jobs/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'

type State = keyof JobQueueResponse['counts']
type Job = JobQueueResponse['jobs'][number]
type Attempt = JobQueueResponse['recentAttempts'][number]

const STATES: { state: State; label: string; hint: string }[] = [
  { state: 'pending', label: 'Pending', hint: 'waiting for their first attempt' },
  { state: 'running', label: 'Running', hint: 'claimed by a worker now' },
  { state: 'retrying', label: 'Failed, retrying', hint: 'failed; the next attempt is scheduled' },
  { state: 'dead', label: 'Dead', hint: 'used up their attempts: retry them by hand' },
]
const STATE_TONE: Record<State, string> = {
  pending: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
  running: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  retrying: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  dead: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
}

export function JobQueue() {
  const [filter, setFilter] = useState<State | undefined>()
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const url = filter ? `/api/jobs?state=${filter}` : '/api/jobs'
  const { data, error, mutate } = useSWR<JobQueueResponse>(url, fetchJson, { refreshInterval: 3_000 })

  async function retry(job: Job) {
    setMessage(null)
    try {
      await sendJson('POST', `/api/jobs/${encodeURIComponent(job.id)}/retry`)
      setMessage({ tone: 'success', text: `${job.name} ${job.id} will run again now.` })
    } catch (e) {
      setMessage({ tone: 'error', text: `Could not retry ${job.name} ${job.id}: ${e instanceof Error ? e.message : String(e)}` })
    }
    await mutate()
  }

  if (error) return <LoadError what="load the job queue" error={error} onRetry={() => mutate()} />
  return (
    <div className="space-y-6">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" role="group" aria-label="Jobs by state">
        {STATES.map((s) => (
          <button
            key={s.state}
            type="button"
            aria-pressed={filter === s.state}
            onClick={() => setFilter(filter === s.state ? undefined : s.state)}
            className={`rounded-lg border p-4 text-left shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-500 ${filter === s.state ? 'border-indigo-500 ring-1 ring-indigo-500' : 'border-slate-200 dark:border-slate-800'} bg-white dark:bg-slate-900/40`}
            data-testid={`count-${s.state}`}
          >
            <span className="block text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">{s.label}</span>
            <span className="block text-2xl font-semibold tabular-nums">{data ? data.counts[s.state] : '…'}</span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">{s.hint}</span>
          </button>
        ))}
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900/40">
          <span className="block text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">Oldest due job</span>
          <span className="block text-2xl font-semibold tabular-nums" data-testid="oldest-due">
            {data ? `${data.oldestDueSeconds} s` : '…'}
          </span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">how long it has waited for a worker</span>
        </div>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <Card
        title={filter ? `${STATES.find((s) => s.state === filter)!.label} jobs` : 'Jobs in the queue'}
        description={`A job leaves the queue when it succeeds (its attempts stay below). At most ${data?.limit ?? 100} are listed, newest change first.`}
      >
        <div className="relative overflow-x-auto">
          <DataTable
            caption="Jobs in the queue"
            head={
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Job
                </th>
                <th scope="col" className="py-2 pr-4">
                  State
                </th>
                <th scope="col" className="py-2 pr-4">
                  Attempts
                </th>
                <th scope="col" className="py-2 pr-4">
                  Next run
                </th>
                <th scope="col" className="py-2 pr-4">
                  Last error
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            }
          >
            {data?.jobs.map((job) => (
              <tr key={job.id} className="border-b border-slate-100 align-top dark:border-slate-800/60" data-testid="job-row">
                <td className="py-2 pr-4">
                  <span className="font-mono text-xs">{job.name}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">#{job.id}</span>
                  <History attempts={job.history} />
                </td>
                <td className="py-2 pr-4">
                  <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_TONE[job.state]}`} data-testid="job-state">
                    {job.state}
                  </span>
                </td>
                <td className="py-2 pr-4 tabular-nums">
                  {job.attempts} / {job.maxAttempts}
                </td>
                <td className="whitespace-nowrap py-2 pr-4">{job.state === 'dead' ? '—' : <LocalTime iso={job.runAt} withSeconds />}</td>
                <td className="max-w-md py-2 pr-4 text-rose-700 dark:text-rose-300" data-testid="job-error">
                  {job.lastError ?? <span className="text-slate-600 dark:text-slate-400">—</span>}
                </td>
                <td className="py-2 text-right">
                  {job.state === 'dead' ? (
                    <Button variant="secondary" onClick={() => retry(job)}>
                      Retry
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </DataTable>
          {data && data.jobs.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">
              {filter ? `No ${filter} jobs.` : 'The queue is empty: everything has run.'}
            </p>
          ) : null}
          {!data ? <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">Loading…</p> : null}
        </div>
      </Card>

      <Card title="Latest attempts" description="Every attempt at any job, newest first, the ones that succeeded included.">
        <div className="relative overflow-x-auto">
          <AttemptTable attempts={data?.recentAttempts ?? []} caption="Latest attempts at any job" withJob />
        </div>
      </Card>
    </div>
  )
}

function History({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return null
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-indigo-700 dark:text-indigo-300">attempt history ({attempts.length})</summary>
      <div className="mt-2">
        <AttemptTable attempts={attempts} caption="Attempts of this job, oldest first" />
      </div>
    </details>
  )
}

function AttemptTable({ attempts, caption, withJob = false }: { attempts: Attempt[]; caption: string; withJob?: boolean }) {
  return (
    <DataTable
      caption={caption}
      head={
        <tr>
          {withJob ? (
            <th scope="col" className="py-1 pr-3">
              Job
            </th>
          ) : null}
          <th scope="col" className="py-1 pr-3">
            #
          </th>
          <th scope="col" className="py-1 pr-3">
            Started
          </th>
          <th scope="col" className="py-1 pr-3">
            Took
          </th>
          <th scope="col" className="py-1 pr-3">
            Outcome
          </th>
          <th scope="col" className="py-1">
            Error or result
          </th>
        </tr>
      }
    >
      {attempts.map((a) => (
        <tr key={a.id} className="border-b border-slate-100 align-top text-xs dark:border-slate-800/60" data-testid="attempt-row">
          {withJob ? (
            <td className="py-1 pr-3 font-mono">
              {a.jobName} <span className="text-slate-600 dark:text-slate-400">#{a.jobId}</span>
            </td>
          ) : null}
          <td className="py-1 pr-3 tabular-nums">{a.attempt}</td>
          <td className="whitespace-nowrap py-1 pr-3">
            <LocalTime iso={a.startedAt} withSeconds />
          </td>
          <td className="py-1 pr-3 tabular-nums">{a.finishedAt ? `${Date.parse(a.finishedAt) - Date.parse(a.startedAt)} ms` : '…'}</td>
          <td className="py-1 pr-3">{a.outcome}</td>
          <td className={`py-1 ${a.error ? 'text-rose-700 dark:text-rose-300' : ''}`}>{a.error ?? a.detail ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  )
}
