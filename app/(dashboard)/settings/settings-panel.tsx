'use client'

import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { SettingsResponse } from '@/app/api/settings/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { reportErrors } from '@/components/report-errors'
import { CopyButton } from '@/components/copy-button'
import { PublicUrlWarning } from '@/components/public-url-warning'
import { CredentialsCard, NOTIFICATION_LABELS, PORTOUT_LABELS } from './credentials-card'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, Select, TextInput } from '@/components/ui/field'
import { buildSubscriptionXml, SUBSCRIBABLE_EVENT_TYPES, SUBSCRIBABLE_ORDER_TYPES } from '@/lib/bandwidth/build-subscription-xml'
import { DEFAULT_STUCK_HOURS } from '@/lib/orders/detect-stuck'

export function SettingsPanel() {
  const { data, error, mutate } = useSWR<SettingsResponse>('/api/settings', fetchJson)
  const [revealedPassword, setRevealedPassword] = useState<string | null>(null)
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const [target, setTarget] = useState('portins')

  if (error) return <Alert>Could not load the settings: {error.message}</Alert>
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading settings…</p>

  const run = (action: () => Promise<void>) => reportErrors(setMessage, action)
  const saveBaseUrl = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const value = String(new FormData(event.currentTarget).get('publicBaseUrl') ?? '').trim()
    return run(async () => {
      await mutate(await sendJson<SettingsResponse>('PATCH', '/api/settings', { publicBaseUrl: value }), { revalidate: false })
      setMessage({ tone: 'success', text: 'Public URL saved.' })
    })
  }

  const saveAlerts = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const stuckThresholdsHours: Record<string, number> = {}
    for (const type of Object.keys(DEFAULT_STUCK_HOURS)) {
      const value = String(form.get(`stuck-${type}`) ?? '').trim()
      if (value !== '' && Number(value) !== DEFAULT_STUCK_HOURS[type]) stuckThresholdsHours[type] = Number(value)
    }
    return run(async () => {
      await mutate(
        await sendJson<SettingsResponse>('PATCH', '/api/settings', {
          stuckThresholdsHours,
          quietAlertMinutes: Number(form.get('quietAlertMinutes')),
        }),
        { revalidate: false },
      )
      setMessage({ tone: 'success', text: 'Alert settings saved.' })
    })
  }

  const creds = data.credentials
  const password = revealedPassword
  const xml = buildSubscriptionXml(target.startsWith('event:') ? { eventType: target.slice(6) } : { orderType: target }, {
    url: data.webhookUrls.notifications,
    username: creds.username ?? '',
    password: password ?? '(reveal the password to fill this in)',
  })

  return (
    <div className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <Card title="Register with Bandwidth" description="The callback URL for your order and event subscriptions.">
        <PublicUrlWarning url={data.webhookUrls.notifications} />
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-600 dark:text-slate-400">Notifications URL</dt>
          <dd>
            <code data-testid="notifications-url" className="break-all">
              {data.webhookUrls.notifications}
            </code>{' '}
            <CopyButton value={data.webhookUrls.notifications} what="the notifications URL" />
          </dd>
        </dl>
        {data.publicBaseUrlFromEnvironment ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">The public URL comes from PORTWATCH_PUBLIC_URL.</p>
        ) : (
          <form onSubmit={saveBaseUrl} className="flex flex-wrap items-end gap-3">
            <div className="min-w-72 flex-1">
              <Field
                label="Public base URL"
                hint="How Bandwidth reaches this server, e.g. https://portwatch.example.com. Empty: the address you are using now."
              >
                <TextInput
                  name="publicBaseUrl"
                  type="url"
                  defaultValue={data.settings.publicBaseUrl}
                  placeholder="https://portwatch.example.com"
                />
              </Field>
            </div>
            <Button type="submit" variant="secondary">
              Save
            </Button>
          </form>
        )}
      </Card>

      <CredentialsCard
        endpoint="notifications"
        creds={creds}
        labels={NOTIFICATION_LABELS}
        onChanged={() => mutate()}
        onMessage={setMessage}
        onRevealed={(pair) => setRevealedPassword(pair?.password ?? null)}
      />

      <CredentialsCard
        endpoint="portout"
        creds={data.portoutCredentials}
        labels={PORTOUT_LABELS}
        onChanged={() => mutate()}
        onMessage={setMessage}
      >
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-slate-600 dark:text-slate-400">Port-out validation URL</dt>
          <dd>
            <code data-testid="portout-url" className="break-all">
              {data.webhookUrls.portoutValidation}
            </code>{' '}
            <CopyButton value={data.webhookUrls.portoutValidation} what="the port-out validation URL" />
          </dd>
        </dl>
      </CredentialsCard>

      <Card
        title="Stuck orders and quiet time"
        description="An order in a non-terminal state with no news for longer than its type's threshold is flagged as stuck. The overview warns when nothing has arrived for a while."
      >
        <form onSubmit={saveAlerts} className="space-y-4" aria-label="Alert settings">
          <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {Object.entries(DEFAULT_STUCK_HOURS).map(([type, hours]) => (
              <Field key={type} label={type === 'default' ? 'Any other type (hours)' : `${type} (hours)`}>
                <TextInput
                  name={`stuck-${type}`}
                  type="number"
                  min={0.01}
                  step="any"
                  defaultValue={data.settings.stuckThresholdsHours[type] ?? hours}
                />
              </Field>
            ))}
          </div>
          <div className="max-w-xs">
            <Field label="Warn after no notification for (minutes)">
              <TextInput name="quietAlertMinutes" type="number" min={5} max={10080} defaultValue={data.settings.quietAlertMinutes} />
            </Field>
          </div>
          <Button type="submit" variant="secondary">
            Save alert settings
          </Button>
        </form>
      </Card>

      <Card title="Subscription body" description="Paste into POST /accounts/{accountId}/subscriptions, one per order type you want.">
        <div className="max-w-xs">
          <Field label="Order or event type">
            <Select value={target} onChange={(e) => setTarget(e.target.value)}>
              {SUBSCRIBABLE_ORDER_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
              {SUBSCRIBABLE_EVENT_TYPES.map((t) => (
                <option key={t} value={`event:${t}`}>
                  {t} (event)
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <pre data-testid="subscription-xml" className="relative overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-950">
          {xml}
        </pre>
        <CopyButton value={xml} what="the subscription XML" />
      </Card>
    </div>
  )
}
