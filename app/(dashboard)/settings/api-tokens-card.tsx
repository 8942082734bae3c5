'use client'

import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { ApiTokensResponse, CreatedApiTokenResponse } from '@/app/api/settings/api-tokens/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Field, Select, TextInput } from '@/components/ui/field'
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@/lib/roles'

/** What each scope lets a token do, in the words of the form. */
const SCOPE_HINTS: Record<ApiTokenScope, string> = {
  'subscribers:sync': 'subscribers:sync — create or replace subscriber records (POST /api/subscribers)',
  'metrics:read': 'metrics:read — read Prometheus metrics (GET /api/metrics)',
}

/** API tokens for machines (the subscriber sync, a Prometheus scraper): create (the token is shown here once), list, revoke. */
export function ApiTokensCard() {
  const { data, error, mutate } = useSWR<ApiTokensResponse>('/api/settings/api-tokens', fetchJson)
  // Only in this component's state: gone on reload, never fetched again (the server cannot give it back).
  const [created, setCreated] = useState<CreatedApiTokenResponse | null>(null)
  const [copied, setCopied] = useState(false)
  const [message, setMessage] = useState<PanelMessage>(null)

  const run = (action: () => Promise<void>) => reportErrors(setMessage, action)
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formEl = event.currentTarget
    const form = new FormData(formEl)
    const name = String(form.get('name') ?? '').trim()
    const scope = String(form.get('scope') ?? 'subscribers:sync')
    return run(async () => {
      setCreated(await sendJson<CreatedApiTokenResponse>('POST', '/api/settings/api-tokens', { name, scope }))
      setCopied(false)
      formEl.reset()
      await mutate()
    })
  }
  const revoke = (t: ApiTokensResponse['tokens'][number]) =>
    run(async () => {
      if (!window.confirm(`Revoke "${t.name}" (${t.prefix}…)? Whatever uses it gets 401 from now on. This cannot be undone.`)) return
      await sendJson('POST', `/api/settings/api-tokens/${encodeURIComponent(t.id)}/revoke`)
      if (created?.apiToken.id === t.id) setCreated(null)
      await mutate()
      setMessage({ tone: 'success', text: `Revoked "${t.name}" (${t.prefix}…).` })
    })
  const copy = async () => {
    if (!created) return
    await navigator.clipboard?.writeText(created.token)
    setCopied(true)
  }

  return (
    <Card
      title="API tokens"
      description={
        <>
          For a billing system syncing subscriber records (<code>POST /api/subscribers</code>) or a Prometheus scraper (
          <code>GET /api/metrics</code>), sent as <code>Authorization: Bearer &lt;token&gt;</code>. Each token does one job, its scope.
          Creating and revoking tokens is recorded in the audit log.
        </>
      }
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      {created ? (
        <div
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
          data-testid="new-api-token"
        >
          <p className="font-medium">Copy the token for &ldquo;{created.apiToken.name}&rdquo; now: you will not see it again.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              data-testid="new-api-token-value"
              className="break-all rounded bg-white px-2 py-1 text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100"
            >
              {created.token}
            </code>
            <Button variant="secondary" onClick={copy}>
              {copied ? 'Copied' : 'Copy token'}
            </Button>
            <Button variant="secondary" onClick={() => setCreated(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}

      <form onSubmit={create} className="flex flex-wrap items-end gap-3" aria-label="Create an API token">
        <div className="min-w-72 flex-1">
          <Field label="Token name" hint="Who or what uses it, e.g. “Billing sync (prod)”.">
            <TextInput name="name" required maxLength={80} />
          </Field>
        </div>
        <div className="min-w-72">
          <Field label="Scope">
            <Select name="scope" defaultValue="subscribers:sync">
              {API_TOKEN_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {SCOPE_HINTS[scope]}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button type="submit">Create token</Button>
      </form>

      {error ? <Alert>Could not load the API tokens: {error.message}</Alert> : null}
      {!data && !error ? <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p> : null}
      {data && data.tokens.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No API tokens yet.</p> : null}
      {data && data.tokens.length > 0 ? (
        <div className="relative overflow-x-auto">
          <DataTable
            caption="API tokens, newest first"
            aria-label="API tokens"
            head={
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Token
                </th>
                <th scope="col" className="py-2 pr-4">
                  Created
                </th>
                <th scope="col" className="py-2 pr-4">
                  Last used
                </th>
                <th scope="col" className="py-2 pr-4">
                  Status
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            }
          >
            {data.tokens.map((t) => (
              <tr
                key={t.id}
                className="border-b border-slate-100 dark:border-slate-800/60"
                data-testid="api-token-row"
                data-token-id={t.id}
              >
                <td className="py-2 pr-4 font-medium">{t.name}</td>
                <td className="py-2 pr-4">
                  <code>{t.prefix}…</code> <span className="text-xs text-slate-600 dark:text-slate-400">{t.scope}</span>
                </td>
                <td className="py-2 pr-4">
                  <LocalTime iso={t.createdAt} /> <span className="text-xs text-slate-600 dark:text-slate-400">by {t.createdByEmail}</span>
                </td>
                <td className="py-2 pr-4" data-testid="api-token-last-used">
                  {t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : <span className="text-slate-600 dark:text-slate-400">never</span>}
                </td>
                <td className="py-2 pr-4" data-testid="api-token-status">
                  {t.revokedAt ? (
                    <span className="text-rose-600 dark:text-rose-400">
                      revoked <LocalTime iso={t.revokedAt} />
                    </span>
                  ) : (
                    'active'
                  )}
                </td>
                <td className="py-2 text-right">
                  {t.revokedAt ? null : (
                    <Button variant="danger" onClick={() => revoke(t)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
    </Card>
  )
}
