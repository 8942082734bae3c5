'use client'

import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { RetentionResponse } from '@/app/api/settings/retention/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'

const CLASSES = [
  {
    key: 'deliveryBodies',
    label: 'Raw delivery bodies (days)',
    hint: 'The XML as received. The notification it became, its checksum and size stay. Default 90.',
  },
  {
    key: 'portoutCpni',
    label: 'Port-out requests’ CPNI (days)',
    hint: 'Account number, ZIP, name and the raw request. The answer, its codes and the policy version stay. Default 180.',
  },
  {
    key: 'timelines',
    label: 'Order timelines and events (days)',
    hint: 'An order with no news for this long is removed whole (its timeline and number index), and events this old. The overview’s counts follow. Default forever.',
  },
  {
    key: 'bandwidthCalls',
    label: 'Bandwidth API call log (days)',
    hint: 'The log of calls Portwatch made to Bandwidth (method, path, outcome). Default 90.',
  },
] as const

/** How long each class of data is kept, what a purge would remove now, and a purge on demand (the job runner does it). */
export function RetentionCard() {
  const { data, error, mutate } = useSWR<RetentionResponse>('/api/settings/retention', fetchJson)
  const [message, setMessage] = useState<PanelMessage>(null)
  const run = (action: () => Promise<void>) => reportErrors(setMessage, action)

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const retentionDays = Object.fromEntries(
      CLASSES.map((c) => {
        const v = String(form.get(c.key) ?? '').trim()
        return [c.key, v === '' ? null : Number(v)]
      }),
    )
    return run(async () => {
      await sendJson('PATCH', '/api/settings', { retentionDays })
      await mutate()
      setMessage({ tone: 'success', text: 'Retention periods saved. The hourly purge applies them.' })
    })
  }
  const purgeNow = () =>
    run(async () => {
      if (!data) return
      const total = Object.values(data.wouldPurge).reduce((n, x) => n + x, 0)
      if (!window.confirm(`Purge now? ${total.toLocaleString('en-US')} rows are purged for good. This cannot be undone.`)) return
      await sendJson('POST', '/api/settings/retention/purge')
      setMessage({ tone: 'success', text: 'Purge queued: the job runner does it in small batches (see Jobs).' })
      setTimeout(() => void mutate(), 2_000)
    })

  return (
    <Card
      title="Retention"
      description="How long Portwatch keeps each class of data. Empty means forever. Decisions, codes, policy versions and the audit log are always kept."
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {error ? <Alert>Could not load the retention settings: {error.message}</Alert> : null}
      {data ? (
        <>
          <form onSubmit={save} className="grid gap-4 sm:grid-cols-2" aria-label="Retention periods">
            {CLASSES.map((c) => (
              <Field key={c.key} label={c.label} hint={c.hint}>
                <TextInput
                  name={c.key}
                  type="number"
                  min={1}
                  max={3650}
                  defaultValue={data.retentionDays[c.key] ?? ''}
                  placeholder="forever"
                />
              </Field>
            ))}
            <div>
              <Button type="submit">Save periods</Button>
            </div>
          </form>
          <div className="space-y-2 text-sm" data-testid="retention-preview">
            <p>
              A purge now would remove{' '}
              <strong data-testid="would-purge-bodies">{data.wouldPurge.deliveryBodies.toLocaleString('en-US')}</strong> delivery bodies and
              the CPNI of <strong data-testid="would-purge-cpni">{data.wouldPurge.portoutCpni.toLocaleString('en-US')}</strong> port-out
              requests, <strong data-testid="would-purge-timelines">{data.wouldPurge.timelines.toLocaleString('en-US')}</strong> timeline
              entries and <strong data-testid="would-purge-calls">{data.wouldPurge.bandwidthCalls.toLocaleString('en-US')}</strong>{' '}
              Bandwidth API calls.
            </p>
            <p className="text-slate-600 dark:text-slate-400" data-testid="last-purge">
              {data.lastPurge ? (
                <>
                  Last purge: <LocalTime iso={data.lastPurge.at} /> ({data.lastPurge.trigger}): {describe(data.lastPurge.after)}
                </>
              ) : (
                'Nothing has been purged yet.'
              )}
            </p>
            <Button variant="danger" onClick={purgeNow}>
              Purge now
            </Button>
          </div>
        </>
      ) : null}
    </Card>
  )
}

function describe(after: unknown): string {
  const a = (after ?? {}) as Partial<Record<'deliveryBodies' | 'portoutCpni' | 'timelines' | 'bandwidthCalls', number>>
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US')
  return `${n(a.deliveryBodies)} delivery bodies, CPNI of ${n(a.portoutCpni)} port-out requests, ${n(a.timelines)} timeline entries, ${n(a.bandwidthCalls)} Bandwidth API calls`
}
