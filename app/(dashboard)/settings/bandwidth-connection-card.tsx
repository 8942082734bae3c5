'use client'

import Link from 'next/link'
import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'
import type { ConnectionStatus } from '@/lib/server/bandwidth-connection'

const ENV_NAMES: Record<string, string> = {
  accountId: 'BANDWIDTH_ACCOUNT_ID',
  clientId: 'BANDWIDTH_CLIENT_ID',
  clientSecret: 'BANDWIDTH_CLIENT_SECRET',
  apiUrl: 'BANDWIDTH_API_URL',
  tokenUrl: 'BANDWIDTH_TOKEN_URL',
}

/** Settings: is Portwatch connected to Bandwidth's API (or why not), the last success and error, a live test, and the saved configuration. */
export function BandwidthConnectionCard() {
  const { data, error, mutate } = useSWR<ConnectionStatus>('/api/bandwidth/connection', fetchJson)
  const [message, setMessage] = useState<PanelMessage>(null)
  const [testing, setTesting] = useState(false)

  const test = () =>
    reportErrors(setMessage, async () => {
      setTesting(true)
      try {
        const status = await sendJson<ConnectionStatus>('POST', '/api/bandwidth/connection/test')
        await mutate(status, { revalidate: false })
        setMessage(
          status.connected
            ? { tone: 'success', text: 'Connected to Bandwidth.' }
            : { tone: 'error', text: `Not connected: ${status.reason}` },
        )
      } finally {
        setTesting(false)
      }
    })

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const body: Record<string, string> = {}
    for (const name of ['accountId', 'clientId', 'apiUrl', 'tokenUrl']) {
      if (data?.sources[name] !== 'environment') body[name] = String(form.get(name) ?? '').trim()
    }
    const secret = String(form.get('clientSecret') ?? '')
    if (secret && data?.sources.clientSecret !== 'environment') body.clientSecret = secret
    return reportErrors(setMessage, async () => {
      await mutate(await sendJson<ConnectionStatus>('PATCH', '/api/bandwidth/connection', body), { revalidate: false })
      setMessage({ tone: 'success', text: 'Bandwidth connection saved. Test it to check.' })
    })
  }

  if (error) return <Alert>Could not load the Bandwidth connection: {error.message}</Alert>
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading the Bandwidth connection…</p>
  const state = !data.configured ? 'Not configured' : data.connected ? 'Connected' : 'Not connected'
  const tone = data.connected ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'

  return (
    <Card
      title="Bandwidth API connection"
      description="Portwatch calls Bandwidth's Numbers API with OAuth client credentials to manage its subscriptions and read orders and notes."
      actions={
        <Button type="button" variant="secondary" onClick={test} disabled={testing || !data.configured}>
          {testing ? 'Testing…' : 'Test connection'}
        </Button>
      }
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]" data-testid="bandwidth-connection">
        <dt className="text-slate-600 dark:text-slate-400">State</dt>
        <dd className={`font-medium ${tone}`} data-testid="bandwidth-connection-state">
          {state}
          {data.reason ? <span className="block font-normal text-slate-600 dark:text-slate-400">{data.reason}</span> : null}
        </dd>
        {data.mode ? (
          <>
            <dt className="text-slate-600 dark:text-slate-400">Authentication</dt>
            <dd>{data.mode === 'oauth' ? `OAuth client ${data.clientId}` : 'legacy API user (Basic)'}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Account</dt>
            <dd>{data.accountId}</dd>
            <dt className="text-slate-600 dark:text-slate-400">API</dt>
            <dd className="break-all">{data.apiUrl}</dd>
          </>
        ) : null}
        <dt className="text-slate-600 dark:text-slate-400">Last success</dt>
        <dd>{data.lastSuccessAt ? <LocalTime iso={data.lastSuccessAt} /> : 'never'}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Last error</dt>
        <dd data-testid="bandwidth-last-error">
          {data.lastError ? (
            <>
              {data.lastErrorAt ? <LocalTime iso={data.lastErrorAt} /> : null} {data.lastError}
            </>
          ) : (
            'none'
          )}
        </dd>
      </dl>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/bandwidth/subscriptions" className="text-indigo-700 underline dark:text-indigo-300">
          Subscriptions at Bandwidth and their health
        </Link>
        <Link href="/bandwidth/calls" className="text-indigo-700 underline dark:text-indigo-300">
          API calls
        </Link>
      </p>
      <form onSubmit={save} className="grid gap-3 sm:grid-cols-2" aria-label="Bandwidth API configuration">
        {(['accountId', 'clientId', 'clientSecret', 'apiUrl', 'tokenUrl'] as const).map((name) => {
          const fromEnv = data.sources[name] === 'environment'
          const label = {
            accountId: 'Account id',
            clientId: 'Client id',
            clientSecret: 'Client secret',
            apiUrl: 'API URL',
            tokenUrl: 'Token URL',
          }[name]
          const current =
            name === 'accountId'
              ? data.accountId
              : name === 'clientId'
                ? data.clientId
                : name === 'apiUrl'
                  ? data.apiUrl
                  : name === 'tokenUrl'
                    ? data.tokenUrl
                    : undefined
          return (
            <Field
              key={name}
              label={label}
              hint={fromEnv ? `from ${ENV_NAMES[name]}` : name === 'clientSecret' ? 'stored encrypted; leave empty to keep' : undefined}
            >
              <TextInput
                name={name}
                type={name === 'clientSecret' ? 'password' : 'text'}
                autoComplete="off"
                disabled={fromEnv}
                defaultValue={name === 'clientSecret' || data.sources[name] === 'default' ? '' : (current ?? '')}
                placeholder={data.sources[name] === 'default' ? current : undefined}
              />
            </Field>
          )
        })}
        <div className="flex items-end">
          <Button type="submit">Save connection</Button>
        </div>
      </form>
    </Card>
  )
}
