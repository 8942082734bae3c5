'use client'

import { useState, type FormEvent } from 'react'
import type { OrderRefreshResponse } from '@/app/api/orders/[orderId]/bandwidth/route'
import type { OrderNotesResponse } from '@/app/api/orders/[orderId]/notes/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'

const MAX = 500

/** The order at Bandwidth: notes to and from its porting team, and "Refresh from Bandwidth" (its state and history against ours). */
export function BandwidthPanel({
  orderId,
  canNote,
  notes,
  onNotes,
}: {
  orderId: string
  canNote: boolean
  notes: OrderNotesResponse | undefined
  onNotes: (n: OrderNotesResponse) => void
}) {
  const [text, setText] = useState('')
  const [message, setMessage] = useState<PanelMessage>(null)
  const [refresh, setRefresh] = useState<OrderRefreshResponse | null>(null)
  const [busy, setBusy] = useState(false)
  const base = `/api/orders/${encodeURIComponent(orderId)}`

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    return reportErrors(setMessage, async () => {
      const answer = await sendJson<OrderNotesResponse>('POST', `${base}/notes`, { text })
      onNotes(answer)
      setText('')
      setMessage({ tone: 'success', text: 'Note sent to Bandwidth.' })
    })
  }
  const doRefresh = () =>
    reportErrors(setMessage, async () => {
      setBusy(true)
      try {
        setRefresh(await fetchJson<OrderRefreshResponse>(`${base}/bandwidth`))
      } finally {
        setBusy(false)
      }
    })

  const c = refresh?.comparison
  return (
    <Card
      title="At Bandwidth"
      description="Notes are the channel to Bandwidth's porting team. Refresh compares Bandwidth's current state and history with what we received."
      actions={
        canNote ? (
          <Button type="button" variant="secondary" onClick={doRefresh} disabled={busy}>
            {busy ? 'Refreshing…' : 'Refresh from Bandwidth'}
          </Button>
        ) : null
      }
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {notes?.reason ? <p className="text-sm text-slate-600 dark:text-slate-400">Notes not available: {notes.reason}</p> : null}
      {refresh ? (
        <div className="space-y-2 text-sm" data-testid="bandwidth-refresh">
          {refresh.reason ? <Alert>{refresh.reason}</Alert> : null}
          {c ? (
            <p data-testid="bandwidth-status-comparison">
              Bandwidth says <span className="font-mono">{c.bandwidthStatus ?? '—'}</span>, we have{' '}
              <span className="font-mono">{c.ourStatus ?? '—'}</span>: {c.statusMatches ? 'the same.' : <strong>they differ.</strong>}
            </p>
          ) : null}
          {c && c.missedStates.length > 0 ? (
            <div>
              <p className="font-medium">In Bandwidth&apos;s history but never notified to us:</p>
              <ul className="list-disc pl-5" data-testid="bandwidth-missed-states">
                {c.missedStates.map((m, i) => (
                  <li key={`${m.status}-${i}`}>
                    <span className="font-mono">{m.status}</span> {m.at ? <LocalTime iso={m.at} withSeconds /> : null} {m.note ?? ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : c ? (
            <p>Every state in Bandwidth&apos;s history reached us.</p>
          ) : null}
          {c && c.notInHistory.length > 0 ? (
            <p className="text-slate-600 dark:text-slate-400">
              Received but not yet in Bandwidth&apos;s history (it can lag by minutes): {c.notInHistory.join(', ')}
            </p>
          ) : null}
          {refresh.errors.length > 0 ? (
            <p className="text-rose-700 dark:text-rose-300">Errors Bandwidth reports: {refresh.errors.join('; ')}</p>
          ) : null}
        </div>
      ) : null}
      {canNote ? (
        <form onSubmit={add} className="space-y-2" aria-label="Add a note for Bandwidth">
          <label className="block text-sm font-medium" htmlFor="bandwidth-note">
            Note to Bandwidth
          </label>
          <textarea
            id="bandwidth-note"
            value={text}
            maxLength={MAX}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          <div className="flex items-center justify-between">
            <span className="text-xs text-slate-600 dark:text-slate-400">
              {text.length}/{MAX}
            </span>
            <Button type="submit" disabled={text.trim() === ''}>
              Add note
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  )
}
