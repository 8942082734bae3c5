'use client'

import Link from 'next/link'
import { useState } from 'react'
import useSWR from 'swr'
import type { SubscriptionsResponse } from '@/app/api/bandwidth/subscriptions/route'
import { fetchJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import type { SubscriptionHealthItem } from '@/lib/bandwidth/check-subscription-health'

type Action =
  | { action: 'create-missing' }
  | { action: 'create'; orderType?: string; eventType?: string }
  | { action: 'repair'; subscriptionId: string }
  | { action: 'delete'; subscriptionId: string }
  | { action: 'move-to-current-credentials' }

const PROBLEM_TEXT: Record<string, string> = {
  missing: 'missing',
  url_mismatch: 'points elsewhere',
  credentials_missing: 'no credentials',
  credentials_mismatch: 'a pair we do not accept',
  expiring: 'expiring',
  delivery_failing: 'last delivery failed',
  duplicate: 'duplicate',
}

const PAIR_TEXT: Record<string, string> = { current: 'current pair', previous: 'previous pair', other: 'unknown pair', none: 'none' }

function targetOf(i: SubscriptionHealthItem): string {
  return `${i.orderType ?? i.eventType ?? '(email)'}${i.orderId ? ` (order ${i.orderId})` : ''}`
}

function describe(a: Action, items: SubscriptionHealthItem[]): string {
  switch (a.action) {
    case 'create-missing':
      return `Create ${items.filter((i) => i.problems.includes('missing')).length} missing subscription(s) at Bandwidth, pointing at our URL with the current pair?`
    case 'create':
      return `Create the ${a.orderType ?? a.eventType} subscription at Bandwidth, pointing at our URL with the current pair?`
    case 'repair':
      return `Repair ${a.subscriptionId}: replace it at Bandwidth (a full PUT) with our URL and the current pair?`
    case 'delete':
      return `Delete ${a.subscriptionId} at Bandwidth? Bandwidth stops sending what it covered.`
    case 'move-to-current-credentials':
      return 'Move every subscription of ours that is not on the current pair to it (a full PUT each)?'
  }
}

export function SubscriptionsPanel({ canManage }: { canManage: boolean }) {
  const { data, error, mutate, isValidating } = useSWR<SubscriptionsResponse>('/api/bandwidth/subscriptions', fetchJson, {
    revalidateOnFocus: false,
  })
  const [pending, setPending] = useState<Action | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)

  async function run(a: Action) {
    setBusy(true)
    setMessage(null)
    try {
      const res = await fetch('/api/bandwidth/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(a),
      })
      const body = (await res.json().catch(() => null)) as
        (SubscriptionsResponse & { ok?: boolean; message?: string; results?: unknown[] }) | null
      if (body?.items) await mutate(body, { revalidate: false })
      if (res.ok) setMessage({ tone: 'success', text: `Done: ${body?.results?.length ?? 0} change(s) accepted by Bandwidth.` })
      else setMessage({ tone: 'error', text: body?.message ?? `${res.status} ${res.statusText}` })
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) })
    } finally {
      setBusy(false)
      setPending(null)
    }
  }

  if (error) return <LoadError what="load the subscriptions" error={error} onRetry={() => mutate()} />
  if (!data) return <p className="text-sm text-slate-600 dark:text-slate-400">Reading Bandwidth&apos;s subscriptions…</p>
  const missing = data.items.filter((i) => i.problems.includes('missing')).length
  const notCurrent = data.items.filter(
    (i) => i.subscriptionId && i.url && i.pair !== 'current' && (i.pair === 'previous' || !i.problems.includes('url_mismatch')),
  ).length
  const unhealthy = data.items.filter((i) => !i.healthy).length

  return (
    <div className="space-y-4">
      {data.reason ? (
        <Alert>
          Could not read Bandwidth&apos;s subscriptions: {data.reason}{' '}
          {canManage ? (
            <Link href="/bandwidth/calls" className="underline">
              See the API calls
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {pending ? (
        <div
          role="alertdialog"
          aria-label="Confirm"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950/40"
        >
          <p className="flex-1">{describe(pending, data.items)} This is recorded in the audit log.</p>
          <Button type="button" onClick={() => run(pending)} disabled={busy}>
            {busy ? 'Working…' : 'Confirm'}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setPending(null)} disabled={busy}>
            Cancel
          </Button>
        </div>
      ) : null}
      <Card
        title="At Bandwidth"
        description={
          <>
            {unhealthy === 0 ? 'Every subscription is healthy.' : `${unhealthy} item(s) need a look.`} Checked{' '}
            <LocalTime iso={data.checkedAt} withSeconds />
            {data.callbackUrl ? (
              <>
                {' '}
                against <code className="break-all">{data.callbackUrl}</code>
              </>
            ) : null}
            {data.currentUsername ? `; current pair ${data.currentUsername}` : ''}
            {data.previousUsername ? `, previous pair ${data.previousUsername} (rotation overlap)` : ''}.
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" onClick={() => mutate()} disabled={isValidating}>
              {isValidating ? 'Checking…' : 'Check again'}
            </Button>
            {canManage && missing > 0 ? (
              <Button type="button" onClick={() => setPending({ action: 'create-missing' })}>
                Create all missing ({missing})
              </Button>
            ) : null}
            {canManage && notCurrent > 0 ? (
              <Button type="button" onClick={() => setPending({ action: 'move-to-current-credentials' })}>
                Move to current credentials ({notCurrent})
              </Button>
            ) : null}
          </div>
        }
      >
        <div className="overflow-x-auto">
          <DataTable
            caption="Bandwidth subscriptions and their health"
            head={
              <tr>
                <th className="py-2 pr-3">Target</th>
                <th className="py-2 pr-3">Health</th>
                <th className="py-2 pr-3">Subscription</th>
                <th className="py-2 pr-3">Expires in</th>
                <th className="py-2 pr-3">Last delivery</th>
                <th className="py-2 pr-3">Pair</th>
                {canManage ? <th className="py-2">Fix</th> : null}
              </tr>
            }
          >
            {data.items.map((i) => (
              <tr
                key={i.subscriptionId ?? `missing-${i.orderType ?? i.eventType}`}
                className="border-b border-slate-100 align-top dark:border-slate-800"
                data-testid="subscription-item"
                data-target={i.orderType ?? i.eventType ?? ''}
                data-subscription-id={i.subscriptionId ?? ''}
              >
                <td className="py-2 pr-3 font-mono text-xs">
                  {targetOf(i)}
                  {i.stray ? <span className="ml-1 rounded bg-slate-100 px-1 text-slate-600 dark:bg-slate-800">stray</span> : null}
                </td>
                <td className="py-2 pr-3" data-testid="subscription-health">
                  {i.healthy ? (
                    <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                      healthy
                    </span>
                  ) : (
                    <span className="flex flex-wrap gap-1">
                      {i.problems.map((p) => (
                        <span
                          key={p}
                          data-problem={p}
                          className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200"
                        >
                          {PROBLEM_TEXT[p] ?? p}
                        </span>
                      ))}
                    </span>
                  )}
                  {i.problems.includes('url_mismatch') && i.url ? (
                    <span className="mt-1 block text-xs break-all text-slate-600 dark:text-slate-400">{i.url}</span>
                  ) : null}
                </td>
                <td className="py-2 pr-3 font-mono text-xs break-all">{i.subscriptionId ?? '—'}</td>
                <td className="py-2 pr-3 tabular-nums">{i.expiresInDays !== undefined ? `${i.expiresInDays} d` : '—'}</td>
                <td className="py-2 pr-3">{i.lastStatus ?? '—'}</td>
                <td className="py-2 pr-3">{i.pair ? `${PAIR_TEXT[i.pair]}${i.username ? ` (${i.username})` : ''}` : '—'}</td>
                {canManage ? (
                  <td className="py-2">
                    <div className="flex flex-wrap gap-1">
                      {i.problems.includes('missing') ? (
                        <Button
                          type="button"
                          variant="secondary"
                          onClick={() =>
                            setPending({ action: 'create', ...(i.orderType ? { orderType: i.orderType } : { eventType: i.eventType }) })
                          }
                        >
                          Create
                        </Button>
                      ) : null}
                      {i.subscriptionId && i.url && !i.healthy && !(i.problems.length === 1 && i.problems[0] === 'duplicate') ? (
                        <Button
                          type="button"
                          variant="secondary"
                          onClick={() => setPending({ action: 'repair', subscriptionId: i.subscriptionId! })}
                        >
                          Repair
                        </Button>
                      ) : null}
                      {i.subscriptionId && (i.stray || i.problems.includes('duplicate')) ? (
                        <Button
                          type="button"
                          variant="danger"
                          onClick={() => setPending({ action: 'delete', subscriptionId: i.subscriptionId! })}
                        >
                          Delete
                        </Button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        </div>
      </Card>
    </div>
  )
}
