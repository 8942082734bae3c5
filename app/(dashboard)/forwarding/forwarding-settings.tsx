'use client'

import { useState } from 'react'
import useSWR from 'swr'
import type { ForwardLogResponse } from '@/app/api/forwarding/destinations/[destinationId]/deliveries/route'
import type { ForwardingResponse } from '@/app/api/forwarding/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { splitList, useActionRunner } from '@/components/use-action-runner'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'

type Destination = ForwardingResponse['destinations'][number]

export function ForwardingSettings() {
  const { data, error, mutate } = useSWR<ForwardingResponse>('/api/forwarding', fetchJson, { refreshInterval: 5_000 })
  const { message, setMessage, run } = useActionRunner(() => mutate())
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null)
  const [open, setOpen] = useState<{ id: string; panel: 'log' | 'edit' | 'replay' } | null>(null)

  const toggle = (id: string, panel: 'log' | 'edit' | 'replay') => setOpen(open?.id === id && open.panel === panel ? null : { id, panel })

  if (error) return <LoadError what="load the forwarding destinations" error={error} onRetry={() => mutate()} />
  return (
    <div className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {secret ? (
        <Alert tone="info">
          Signing secret of &quot;{secret.name}&quot; (shown once; the receiver verifies webhook-signature with it):{' '}
          <code data-testid="signing-secret" className="break-all">
            {secret.value}
          </code>
        </Alert>
      ) : null}
      <Card
        title="Destinations"
        description={`Retried ${data?.schedule ?? '…'} after each failure; then given up. A destination whose delivery is given up with no success since its first attempt is disabled and raises an issue.`}
      >
        {data && data.destinations.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No destinations yet.</p> : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {data?.destinations.map((d) => (
            <li key={d.id} className="space-y-2 py-3" data-testid="destination-row">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0 text-sm">
                  <span className="font-medium">{d.name}</span>
                  <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{d.url}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {d.eventTypes.join(', ')}
                    {d.orderTypes.length ? ` · order types ${d.orderTypes.join(', ')}` : ''}
                    {d.statuses.length ? ` · statuses ${d.statuses.join(', ')}` : ''}
                    {d.includeRaw ? ' · with raw XML' : ''}
                  </span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {d.deliveries.delivered} delivered · {d.deliveries.pending} pending · {d.deliveries.failed} given up ·{' '}
                    {d.deliveries.held} held
                  </span>
                </div>
                <span data-testid="destination-state" className="text-sm">
                  {d.enabled ? (
                    d.failingSince ? (
                      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-950 dark:text-amber-200">
                        failing since <LocalTime iso={d.failingSince} />
                      </span>
                    ) : (
                      <span className="text-emerald-700 dark:text-emerald-300">enabled</span>
                    )
                  ) : (
                    <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
                      disabled{d.disabledReason ? `: ${d.disabledReason}` : ''}
                    </span>
                  )}
                  {d.rotating ? (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">signing with two secrets (rotation)</span>
                  ) : null}
                </span>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => toggle(d.id, 'log')}>
                  {open?.id === d.id && open.panel === 'log' ? 'Hide log' : 'Attempt log'}
                </Button>
                <Button variant="secondary" onClick={() => toggle(d.id, 'edit')}>
                  Edit
                </Button>
                <Button variant="secondary" onClick={() => toggle(d.id, 'replay')}>
                  Replay a time range
                </Button>
                <Button
                  variant="secondary"
                  onClick={() =>
                    run(async () => {
                      const r = await sendJson<{ signingSecret: string }>('POST', `/api/forwarding/destinations/${d.id}/rotate-secret`, {})
                      setSecret({ name: d.name, value: r.signingSecret })
                    }, `"${d.name}" now signs with a new secret and the old one; finish the rotation once the receiver has the new one.`)
                  }
                >
                  Rotate secret
                </Button>
                {d.rotating ? (
                  <Button
                    variant="secondary"
                    onClick={() =>
                      run(
                        () => sendJson('POST', `/api/forwarding/destinations/${d.id}/rotate-secret`, { finish: true }),
                        `"${d.name}" signs with the new secret only.`,
                      )
                    }
                  >
                    Finish rotation
                  </Button>
                ) : null}
                <Button
                  variant="secondary"
                  onClick={() =>
                    run(
                      () => sendJson('PATCH', `/api/forwarding/destinations/${d.id}`, { enabled: !d.enabled }),
                      `"${d.name}" ${d.enabled ? 'disabled' : 'enabled; what it held is on its way'}.`,
                    )
                  }
                >
                  {d.enabled ? 'Disable' : 'Enable'}
                </Button>
                <Button
                  variant="danger"
                  onClick={() => run(() => sendJson('DELETE', `/api/forwarding/destinations/${d.id}`), `"${d.name}" deleted.`)}
                >
                  Delete
                </Button>
              </div>
              {open?.id === d.id && open.panel === 'log' ? (
                <AttemptLog
                  destinationId={d.id}
                  onReplay={(id) => run(() => sendJson('POST', `/api/forwarding/deliveries/${id}/replay`), 'Sent again.')}
                />
              ) : null}
              {open?.id === d.id && open.panel === 'edit' && data ? (
                <DestinationForm
                  eventTypes={data.eventTypes}
                  initial={d}
                  onSubmit={(body) => run(() => sendJson('PATCH', `/api/forwarding/destinations/${d.id}`, body), `"${body.name}" saved.`)}
                />
              ) : null}
              {open?.id === d.id && open.panel === 'replay' && data ? (
                <ReplayForm
                  eventTypes={data.eventTypes}
                  onSubmit={(body) =>
                    run(async () => {
                      const r = await sendJson<{ matched: number; replayed: number; added: number }>(
                        'POST',
                        `/api/forwarding/destinations/${d.id}/replay`,
                        body,
                      )
                      setMessage({
                        tone: 'success',
                        text: `Replaying ${r.matched} events (${r.replayed} sent before, ${r.added} new to it).`,
                      })
                    }, '')
                  }
                />
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      {data ? (
        <Card
          title="Add a destination"
          description="The URL must be public (no private or loopback address unless the server allows it); redirects are not followed."
        >
          <DestinationForm
            eventTypes={data.eventTypes}
            onSubmit={(body) =>
              run(async () => {
                const r = await sendJson<{ signingSecret: string }>('POST', '/api/forwarding/destinations', body)
                setSecret({ name: body.name, value: r.signingSecret })
              }, `Destination "${body.name}" added.`)
            }
          />
        </Card>
      ) : null}
    </div>
  )
}

type DestinationBody = { name: string; url: string; eventTypes: string[]; orderTypes: string[]; statuses: string[]; includeRaw: boolean }

function DestinationForm({
  eventTypes,
  initial,
  onSubmit,
}: {
  eventTypes: readonly string[]
  initial?: Destination
  onSubmit: (body: DestinationBody) => Promise<void>
}) {
  const [name, setName] = useState(initial?.name ?? '')
  const [url, setUrl] = useState(initial?.url ?? '')
  const [types, setTypes] = useState<string[]>(initial?.eventTypes ?? [...eventTypes])
  const [orderTypes, setOrderTypes] = useState(initial?.orderTypes.join(', ') ?? '')
  const [statuses, setStatuses] = useState(initial?.statuses.join(', ') ?? '')
  const [includeRaw, setIncludeRaw] = useState(initial?.includeRaw ?? false)
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    await onSubmit({ name, url, eventTypes: types, orderTypes: splitList(orderTypes), statuses: splitList(statuses), includeRaw })
    if (!initial) {
      setName('')
      setUrl('')
    }
  }
  return (
    <form onSubmit={submit} className="space-y-3" aria-label={initial ? `Edit ${initial.name}` : 'Add a destination'}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name">
          <TextInput value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </Field>
        <Field label="URL">
          <TextInput
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            required
            placeholder="https://billing.example.com/hooks/portwatch"
          />
        </Field>
        <Field label="Order types" hint="e.g. portins, orders; empty: every type">
          <TextInput value={orderTypes} onChange={(e) => setOrderTypes(e.target.value)} />
        </Field>
        <Field label="Statuses" hint="e.g. FOC, EXCEPTION, MESSAGING_LOST, denied; empty: any">
          <TextInput value={statuses} onChange={(e) => setStatuses(e.target.value)} />
        </Field>
      </div>
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Event types</legend>
        {eventTypes.map((t) => (
          <label key={t} className="mr-4 inline-flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={types.includes(t)}
              onChange={(e) => setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))}
              className="h-4 w-4 rounded border-slate-300"
            />
            <code>{t}</code>
          </label>
        ))}
      </fieldset>
      <label className="inline-flex items-center gap-1.5 text-sm">
        <input
          type="checkbox"
          checked={includeRaw}
          onChange={(e) => setIncludeRaw(e.target.checked)}
          className="h-4 w-4 rounded border-slate-300"
        />
        Include the raw XML Bandwidth sent (while retention keeps it)
      </label>
      <div>
        <Button type="submit">{initial ? 'Save' : 'Add destination'}</Button>
      </div>
    </form>
  )
}

function ReplayForm({
  eventTypes,
  onSubmit,
}: {
  eventTypes: readonly string[]
  onSubmit: (body: { from: string; to: string; types: string[] }) => Promise<void>
}) {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [type, setType] = useState('')
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    await onSubmit({ from: new Date(from).toISOString(), to: new Date(to).toISOString(), types: type ? [type] : [] })
  }
  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-4" aria-label="Replay a time range">
      <Field label="From">
        <TextInput type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </Field>
      <Field label="To">
        <TextInput type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
      </Field>
      <Field label="Only this event type" hint="empty: every type it takes">
        <TextInput value={type} onChange={(e) => setType(e.target.value)} list="forward-event-types" />
      </Field>
      <datalist id="forward-event-types">
        {eventTypes.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <div className="self-end">
        <Button type="submit">Replay</Button>
      </div>
    </form>
  )
}

function AttemptLog({ destinationId, onReplay }: { destinationId: string; onReplay: (deliveryId: string) => Promise<void> }) {
  const { data } = useSWR<ForwardLogResponse>(`/api/forwarding/destinations/${destinationId}/deliveries`, fetchJson, {
    refreshInterval: 3_000,
  })
  if (!data) return <p className="text-xs text-slate-600 dark:text-slate-400">Loading the log…</p>
  if (data.deliveries.length === 0) return <p className="text-xs text-slate-600 dark:text-slate-400">Nothing sent yet.</p>
  const byDelivery = new Map<string, ForwardLogResponse['attempts']>()
  for (const a of data.attempts) byDelivery.set(a.deliveryId, [...(byDelivery.get(a.deliveryId) ?? []), a])
  return (
    <ol className="space-y-2 text-xs" aria-label="Attempt log">
      {data.deliveries.map((d) => (
        <li key={d.id} data-testid="forward-delivery-row" className="rounded border border-slate-100 p-2 dark:border-slate-800">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span>
              <LocalTime iso={d.occurredAt ?? d.createdAt} withSeconds /> <code>{d.eventType}</code>
              {d.orderId ? ` · order ${d.orderId}` : ''} · <span className="font-medium">{d.state}</span> ·{' '}
              <code className="text-slate-600 dark:text-slate-400">{d.id}</code>
            </span>
            <Button variant="secondary" onClick={() => onReplay(d.id)}>
              Send again
            </Button>
          </div>
          <ul className="mt-1 space-y-0.5">
            {(byDelivery.get(d.id) ?? []).map((a) => (
              <li
                key={a.id}
                data-testid="forward-attempt-row"
                className={a.ok ? 'text-slate-600 dark:text-slate-400' : 'text-rose-700 dark:text-rose-300'}
              >
                <LocalTime iso={a.startedAt} withSeconds /> attempt {a.attempt} ({a.trigger}):{' '}
                {a.status !== null ? `answered ${a.status}` : a.error} in {a.latencyMs} ms
                {a.responseBody ? (
                  <span className="block truncate font-mono text-slate-600 dark:text-slate-400">{a.responseBody}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  )
}
