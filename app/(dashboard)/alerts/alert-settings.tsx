'use client'

import { useState } from 'react'
import useSWR from 'swr'
import type { DeliveriesLogResponse } from '@/app/api/alerts/channels/[channelId]/deliveries/route'
import type { AlertsResponse } from '@/app/api/alerts/route'
import type { SettingsResponse } from '@/app/api/settings/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { errorText, splitList, useActionRunner, type ActionMessage } from '@/components/use-action-runner'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Field, Select, TextInput } from '@/components/ui/field'

type Channel = AlertsResponse['channels'][number]

export function AlertSettings() {
  const { data, error, mutate } = useSWR<AlertsResponse>('/api/alerts', fetchJson, { refreshInterval: 5_000 })
  const { message, setMessage, run } = useActionRunner(() => mutate())
  const [logFor, setLogFor] = useState<string | null>(null)

  if (error) return <LoadError what="load the alert settings" error={error} onRetry={() => mutate()} />
  return (
    <div className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card title="Channels" description="Secrets (passwords, webhook URLs, routing keys) are stored encrypted and never shown again.">
        <div className="overflow-x-auto">
          <DataTable
            caption="Alert channels"
            head={
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Channel
                </th>
                <th scope="col" className="py-2 pr-4">
                  State
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            }
          >
            {data?.channels.map((ch) => (
              <tr key={ch.id} className="border-b border-slate-100 align-top dark:border-slate-800/60" data-testid="channel-row">
                <td className="py-2 pr-4">
                  <span className="font-medium">{ch.name}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {ch.type} · {describeTarget(ch)}
                  </span>
                  {logFor === ch.id ? <DeliveryLog channelId={ch.id} /> : null}
                </td>
                <td className="py-2 pr-4" data-testid="channel-state">
                  {!ch.enabled ? (
                    <span className="text-slate-600 dark:text-slate-400">off</span>
                  ) : ch.failing ? (
                    <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
                      failing ({ch.consecutiveFailures} in a row)
                    </span>
                  ) : (
                    <span className="text-emerald-700 dark:text-emerald-300">working</span>
                  )}
                </td>
                <td className="py-2">
                  <div className="flex flex-wrap justify-end gap-2">
                    <Button
                      variant="secondary"
                      onClick={() =>
                        run(
                          () => sendJson('POST', `/api/alerts/channels/${ch.id}/test`),
                          `A test alert to "${ch.name}" is on its way; see its log.`,
                        )
                      }
                    >
                      Send a test alert
                    </Button>
                    <Button variant="secondary" onClick={() => setLogFor(logFor === ch.id ? null : ch.id)}>
                      {logFor === ch.id ? 'Hide log' : 'Delivery log'}
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() =>
                        run(
                          () => sendJson('PATCH', `/api/alerts/channels/${ch.id}`, { enabled: !ch.enabled }),
                          `"${ch.name}" turned ${ch.enabled ? 'off' : 'on'}.`,
                        )
                      }
                    >
                      {ch.enabled ? 'Turn off' : 'Turn on'}
                    </Button>
                    <Button
                      variant="danger"
                      onClick={() => run(() => sendJson('DELETE', `/api/alerts/channels/${ch.id}`), `"${ch.name}" deleted.`)}
                    >
                      Delete
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
        <NewChannel onCreated={(text) => run(async () => {}, text)} onError={(text) => setMessage({ tone: 'error', text })} />
      </Card>
      <QuietHoursCard />
      <Card
        title="Rules"
        description="Which issues go to which channels. No kinds chosen: every kind. A quiet period holds back a repeat alert about the same issue."
      >
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {data?.rules.map((r) => (
            <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-2" data-testid="rule-row">
              <div>
                <span className="font-medium">{r.name}</span>
                {r.enabled ? '' : ' (off)'}
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {r.kinds.length ? r.kinds.join(', ') : 'every kind'} · severity ≥ {r.minSeverity}
                  {r.orderTypes.length ? ` · order types ${r.orderTypes.join(', ')}` : ''}
                  {r.subscriberTags.length ? ` · tags ${r.subscriberTags.join(', ')}` : ''} · quiet {r.quietMinutes} min
                  {r.digest ? ' · daily digest' : ''}
                  {r.lifecycleUpdates ? ' · acknowledgements too' : ''} →{' '}
                  {r.channelIds.map((id) => data.channels.find((c) => c.id === id)?.name ?? id).join(', ')}
                </span>
              </div>
              <Button
                variant="danger"
                onClick={() => run(() => sendJson('DELETE', `/api/alerts/rules/${r.id}`), `Rule "${r.name}" deleted.`)}
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
        {data ? (
          <NewRule data={data} onSaved={(text) => run(async () => {}, text)} onError={(text) => setMessage({ tone: 'error', text })} />
        ) : null}
      </Card>
    </div>
  )
}

function describeTarget(ch: Channel): string {
  const s = ch.settings as Record<string, unknown>
  if (ch.type === 'email') return `${String(s.host)}:${String(s.port)} → ${(s.to as string[]).join(', ')}`
  return String(s.target ?? '')
}

function DeliveryLog({ channelId }: { channelId: string }) {
  const { data } = useSWR<DeliveriesLogResponse>(`/api/alerts/channels/${channelId}/deliveries`, fetchJson, { refreshInterval: 3_000 })
  if (!data) return <p className="text-xs text-slate-600 dark:text-slate-400">Loading the log…</p>
  if (data.deliveries.length === 0) return <p className="text-xs text-slate-600 dark:text-slate-400">Nothing sent yet.</p>
  return (
    <ol className="mt-2 space-y-1 text-xs" aria-label="Delivery log">
      {data.deliveries.map((d) => (
        <li key={d.id} data-testid="delivery-log-row">
          <LocalTime iso={d.createdAt} withSeconds /> {d.event}: <span className="font-medium">{d.state}</span> after {d.attempts} attempt
          {d.attempts === 1 ? '' : 's'}
          {d.responseStatus !== null ? ` · answered ${d.responseStatus}` : ''}
          {d.error && d.error !== `answered ${d.responseStatus}` ? (
            <span className="text-rose-700 dark:text-rose-300"> · {d.error}</span>
          ) : null}
          {d.responseBody ? <span className="block truncate font-mono text-slate-600 dark:text-slate-400">{d.responseBody}</span> : null}
        </li>
      ))}
    </ol>
  )
}

function NewChannel({ onCreated, onError }: { onCreated: (text: string) => void; onError: (text: string) => void }) {
  const [type, setType] = useState<'email' | 'slack' | 'pagerduty' | 'webhook'>('slack')
  const [f, setF] = useState<Record<string, string>>({})
  const [secretShown, setSecretShown] = useState<string | null>(null)
  const set = (k: string) => (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value })
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    const body =
      type === 'email'
        ? {
            type,
            name: f.name,
            host: f.host,
            port: Number(f.port || 587),
            secure: f.secure === 'yes',
            username: f.username || undefined,
            password: f.password || undefined,
            from: f.from,
            to: splitList(f.to ?? ''),
          }
        : type === 'slack'
          ? { type, name: f.name, webhookUrl: f.url }
          : type === 'pagerduty'
            ? { type, name: f.name, routingKey: f.routingKey, eventsUrl: f.url || undefined }
            : { type, name: f.name, url: f.url }
    try {
      const created = await sendJson<{ signingSecret?: string }>('POST', '/api/alerts/channels', body)
      setSecretShown(created.signingSecret ?? null)
      setF({})
      onCreated(`Channel "${body.name}" added.`)
    } catch (err) {
      onError(errorText(err))
    }
  }
  return (
    <form onSubmit={submit} className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800" aria-label="Add a channel">
      <h3 className="text-sm font-semibold">Add a channel</h3>
      {secretShown ? (
        <Alert tone="info">
          Signing secret (shown once; the receiver verifies webhook-signature with it):{' '}
          <code data-testid="signing-secret">{secretShown}</code>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Type">
          <Select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            <option value="email">Email (SMTP)</option>
            <option value="slack">Slack (incoming webhook)</option>
            <option value="pagerduty">PagerDuty (Events API v2)</option>
            <option value="webhook">Signed webhook (Standard Webhooks)</option>
          </Select>
        </Field>
        <Field label="Name">
          <TextInput value={f.name ?? ''} onChange={set('name')} required maxLength={100} />
        </Field>
        {type === 'email' ? (
          <>
            <Field label="SMTP host">
              <TextInput value={f.host ?? ''} onChange={set('host')} required />
            </Field>
            <Field label="Port">
              <TextInput value={f.port ?? ''} onChange={set('port')} placeholder="587" inputMode="numeric" />
            </Field>
            <Field label="TLS from the start (yes/no)" hint="no: STARTTLS when the server offers it">
              <TextInput value={f.secure ?? ''} onChange={set('secure')} placeholder="no" />
            </Field>
            <Field label="User name">
              <TextInput value={f.username ?? ''} onChange={set('username')} autoComplete="off" />
            </Field>
            <Field label="Password">
              <TextInput type="password" value={f.password ?? ''} onChange={set('password')} autoComplete="new-password" />
            </Field>
            <Field label="From">
              <TextInput type="email" value={f.from ?? ''} onChange={set('from')} required />
            </Field>
            <Field label="To" hint="addresses, separated by commas">
              <TextInput value={f.to ?? ''} onChange={set('to')} required />
            </Field>
          </>
        ) : type === 'pagerduty' ? (
          <>
            <Field label="Routing key">
              <TextInput value={f.routingKey ?? ''} onChange={set('routingKey')} required autoComplete="off" />
            </Field>
            <Field label="Events URL (optional)" hint="default: PORTWATCH_PAGERDUTY_EVENTS_URL or PagerDuty's">
              <TextInput value={f.url ?? ''} onChange={set('url')} />
            </Field>
          </>
        ) : (
          <Field label={type === 'slack' ? 'Webhook URL' : 'Receiver URL'}>
            <TextInput value={f.url ?? ''} onChange={set('url')} required />
          </Field>
        )}
      </div>
      <Button type="submit">Add channel</Button>
    </form>
  )
}

function NewRule({ data, onSaved, onError }: { data: AlertsResponse; onSaved: (text: string) => void; onError: (text: string) => void }) {
  const [name, setName] = useState('')
  const [kinds, setKinds] = useState<string[]>([])
  const [channels, setChannels] = useState<string[]>([])
  const [orderTypes, setOrderTypes] = useState('')
  const [tags, setTags] = useState('')
  const [minSeverity, setMinSeverity] = useState('info')
  const [quiet, setQuiet] = useState('30')
  const [digest, setDigest] = useState(false)
  const [lifecycle, setLifecycle] = useState(false)
  const toggle = (xs: string[], x: string) => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x])
  async function submit(e: React.FormEvent) {
    e.preventDefault()
    try {
      await sendJson('POST', '/api/alerts/rules', {
        name,
        kinds,
        orderTypes: splitList(orderTypes),
        subscriberTags: splitList(tags),
        minSeverity,
        quietMinutes: Number(quiet || 0),
        digest,
        lifecycleUpdates: lifecycle,
        channelIds: channels,
      })
      setName('')
      setKinds([])
      onSaved(`Rule "${name}" added.`)
    } catch (err) {
      onError(errorText(err))
    }
  }
  return (
    <form onSubmit={submit} className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800" aria-label="Add a rule">
      <h3 className="text-sm font-semibold">Add a rule</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Rule name">
          <TextInput value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </Field>
        <Field label="Order types" hint="e.g. portins, orders; empty: any">
          <TextInput value={orderTypes} onChange={(e) => setOrderTypes(e.target.value)} />
        </Field>
        <Field label="Subscriber tags" hint="any of these; empty: any">
          <TextInput value={tags} onChange={(e) => setTags(e.target.value)} />
        </Field>
        <Field label="Lowest severity">
          <Select value={minSeverity} onChange={(e) => setMinSeverity(e.target.value)}>
            {data.severities.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
        <Field label="Quiet period (minutes)">
          <TextInput value={quiet} onChange={(e) => setQuiet(e.target.value)} inputMode="numeric" />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={digest} onChange={(e) => setDigest(e.target.checked)} /> Daily digest instead of one alert each
        </label>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={lifecycle} onChange={(e) => setLifecycle(e.target.checked)} /> Also tell these channels when
          someone acknowledges (PagerDuty always hears of it)
        </label>
      </div>
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Issue kinds (none: every kind)</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {data.kinds.map((k) => (
            <label key={k.kind} className="flex items-center gap-2">
              <input type="checkbox" checked={kinds.includes(k.kind)} onChange={() => setKinds(toggle(kinds, k.kind))} /> {k.label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium">Channels</legend>
        {data.channels.map((ch) => (
          <label key={ch.id} className="mr-4 inline-flex items-center gap-2">
            <input type="checkbox" checked={channels.includes(ch.id)} onChange={() => setChannels(toggle(channels, ch.id))} /> {ch.name}
          </label>
        ))}
      </fieldset>
      <Button type="submit">Add rule</Button>
    </form>
  )
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/**
 * When silence counts towards "no notification for the quiet time": at all hours, or only in business hours (a
 * quiet night or weekend then opens no issue). Saved in the app settings (PATCH /api/settings { quietHours }).
 */
function QuietHoursCard() {
  const { data, mutate } = useSWR<SettingsResponse>('/api/settings', fetchJson)
  const [message, setMessage] = useState<ActionMessage>(null)
  if (!data) return null
  const q = data.settings.quietHours
  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const quietHours =
      form.get('mode') === 'business'
        ? {
            zone: String(form.get('zone') ?? '').trim(),
            days: WEEKDAYS.flatMap((_, i) => (form.get(`day${i + 1}`) ? [i + 1] : [])),
            start: String(form.get('start')),
            end: String(form.get('end')),
          }
        : null
    try {
      await sendJson('PATCH', '/api/settings', { quietHours })
      setMessage({ tone: 'success', text: 'Quiet-time hours saved.' })
      await mutate()
    } catch (err) {
      setMessage({ tone: 'error', text: errorText(err) })
    }
  }
  return (
    <Card
      title="Quiet time"
      description={`An issue opens after ${data.settings.quietAlertMinutes} minutes without a notification (set on Settings). Choose which hours count: with business hours, a quiet night or weekend opens nothing.`}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <form onSubmit={save} className="space-y-3 text-sm" aria-label="Quiet-time hours" key={JSON.stringify(q)}>
        <fieldset className="flex flex-wrap gap-4">
          <legend className="sr-only">Which hours count</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="always" defaultChecked={q === null} /> Every hour counts
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="mode" value="business" defaultChecked={q !== null} /> Only business hours count
          </label>
        </fieldset>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Time zone" hint="e.g. Europe/Berlin, America/New_York">
            <TextInput name="zone" defaultValue={q?.zone ?? 'UTC'} maxLength={64} />
          </Field>
          <Field label="From">
            <TextInput name="start" type="time" defaultValue={q?.start ?? '08:00'} />
          </Field>
          <Field label="Until" hint="at or before From: crosses midnight">
            <TextInput name="end" type="time" defaultValue={q?.end ?? '18:00'} />
          </Field>
        </div>
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 font-medium">Days</legend>
          {WEEKDAYS.map((d, i) => (
            <label key={d} className="flex items-center gap-1">
              <input type="checkbox" name={`day${i + 1}`} defaultChecked={q ? q.days.includes(i + 1) : i < 5} /> {d}
            </label>
          ))}
        </fieldset>
        <Button type="submit">Save quiet-time hours</Button>
      </form>
    </Card>
  )
}
