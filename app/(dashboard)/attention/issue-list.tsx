'use client'

import { useSearchParams } from 'next/navigation'
import { useState } from 'react'
import useSWR from 'swr'
import type { IssueResponse } from '@/app/api/issues/[issueId]/route'
import type { IssuesResponse } from '@/app/api/issues/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'

type Issue = IssuesResponse['issues'][number]
const STATES = ['active', 'open', 'acknowledged', 'snoozed', 'ignored', 'resolved'] as const
const SEVERITY_TONE: Record<string, string> = {
  info: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
  warning: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200',
  high: 'bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-200',
  critical: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
}

export function IssueList({ canAct }: { canAct: boolean }) {
  // The overview's links and the alerts' links (?kind=, ?issue=) open the page filtered; the same on server and client.
  const initial = useSearchParams()
  const [kind, setKind] = useState(initial.get('kind') ?? '')
  const [state, setState] = useState(initial.get('state') ?? 'active')
  const [openId, setOpenId] = useState<string | null>(initial.get('issue'))
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const url = `/api/issues?state=${encodeURIComponent(state)}${kind ? `&kind=${encodeURIComponent(kind)}` : ''}`
  const { data, error, mutate } = useSWR<IssuesResponse>(url, fetchJson, { refreshInterval: 5_000 })

  async function act(issue: Issue, body: Record<string, string>, done: string) {
    setMessage(null)
    try {
      await sendJson('POST', `/api/issues/${encodeURIComponent(issue.id)}`, body)
      setMessage({ tone: 'success', text: `${issue.kindLabel} — ${issue.subjectLabel}: ${done}.` })
    } catch (e) {
      setMessage({ tone: 'error', text: `Could not change the issue: ${e instanceof Error ? e.message : String(e)}` })
    }
    await mutate()
  }

  if (error) return <LoadError what="load the issues" error={error} onRetry={() => mutate()} />
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-4">
        <Field label="Kind">
          <Select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="issue-kind-filter">
            <option value="">Every kind</option>
            {data?.kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="State">
          <Select value={state} onChange={(e) => setState(e.target.value)} data-testid="issue-state-filter">
            {STATES.map((s) => (
              <option key={s} value={s}>
                {s === 'active' ? 'Needs a person (open, acknowledged)' : s}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card title="Issues" description={data ? `${data.active.total} need a person. Newest activity first.` : 'Loading…'}>
        {data && data.issues.length === 0 ? <EmptyState title="No issues here">Nothing matches these filters.</EmptyState> : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {data?.issues.map((issue) => (
            <li key={issue.id} className="space-y-2 py-3" data-testid="issue-row" data-issue-id={issue.id}>
              <div className="flex flex-wrap items-start gap-3">
                <span
                  className={`w-16 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${SEVERITY_TONE[issue.severity] ?? ''}`}
                >
                  {issue.severity}
                </span>
                <div className="min-w-0 flex-1">
                  <button
                    type="button"
                    className="text-left font-medium hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                    onClick={() => setOpenId(openId === issue.id ? null : issue.id)}
                    aria-expanded={openId === issue.id}
                  >
                    {issue.kindLabel} — {issue.subjectLabel}
                  </button>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    <span data-testid="issue-state">{issue.state}</span>
                    {issue.acknowledgedBy && issue.state === 'acknowledged' ? ` by ${issue.acknowledgedBy}` : ''}
                    {issue.state === 'snoozed' && issue.snoozedUntil ? ' until ' : ''}
                    {issue.state === 'snoozed' ? <LocalTime iso={issue.snoozedUntil} /> : null}
                    {' · '}seen {issue.count}× · first <LocalTime iso={issue.firstSeenAt} /> · last <LocalTime iso={issue.lastSeenAt} />
                    {issue.lastDetail ? ` · ${issue.lastDetail}` : ''}
                  </p>
                </div>
                {canAct ? <Actions issue={issue} act={act} /> : null}
              </div>
              {openId === issue.id ? <IssueDetail id={issue.id} canAct={canAct} /> : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}

function Actions({ issue, act }: { issue: Issue; act: (i: Issue, body: Record<string, string>, done: string) => Promise<void> }) {
  if (issue.state === 'resolved' || issue.state === 'ignored')
    return (
      <Button variant="secondary" onClick={() => act(issue, { action: 'reopen' }, 'reopened')}>
        Reopen
      </Button>
    )
  const snoozeUntil = () => new Date(Date.now() + 4 * 3_600_000).toISOString()
  return (
    <div className="flex flex-wrap gap-2">
      {issue.state !== 'acknowledged' ? (
        <Button onClick={() => act(issue, { action: 'acknowledge' }, 'acknowledged')}>Acknowledge</Button>
      ) : null}
      <Button variant="secondary" onClick={() => act(issue, { action: 'snooze', until: snoozeUntil() }, 'snoozed for 4 hours')}>
        Snooze 4 h
      </Button>
      <Button variant="secondary" onClick={() => act(issue, { action: 'ignore' }, 'ignored')}>
        Ignore
      </Button>
      <Button variant="secondary" onClick={() => act(issue, { action: 'resolve' }, 'resolved')}>
        Resolve
      </Button>
    </div>
  )
}

function IssueDetail({ id, canAct }: { id: string; canAct: boolean }) {
  const { data, error, mutate } = useSWR<IssueResponse>(`/api/issues/${encodeURIComponent(id)}`, fetchJson)
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  async function comment(e: React.FormEvent) {
    e.preventDefault()
    setProblem(null)
    try {
      await sendJson('POST', `/api/issues/${encodeURIComponent(id)}/comments`, { text })
      setText('')
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err))
    }
    await mutate()
  }
  if (error) return <LoadError what="load the issue" error={error} onRetry={() => mutate()} />
  return (
    <div className="ml-10 space-y-3 rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-900">
      <ol className="space-y-1" aria-label="History and comments">
        {data?.events.map((e) => (
          <li key={e.id} data-testid="issue-event">
            <LocalTime iso={e.at} withSeconds /> <span className="font-medium">{e.event}</span>{' '}
            <span className="text-slate-600 dark:text-slate-400">by {e.actor}</span>
            {e.detail ? <span className={e.event === 'comment' ? 'block whitespace-pre-wrap pl-4' : ''}> {e.detail}</span> : null}
          </li>
        ))}
      </ol>
      {canAct ? (
        <form onSubmit={comment} className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <Field label="Comment">
              <TextInput value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} />
            </Field>
          </div>
          <Button type="submit" disabled={text.trim() === ''}>
            Add comment
          </Button>
        </form>
      ) : null}
      {problem ? <Alert>{problem}</Alert> : null}
    </div>
  )
}
