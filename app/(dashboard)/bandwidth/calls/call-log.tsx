'use client'

import { useState } from 'react'
import useSWR from 'swr'
import type { BandwidthCallsResponse } from '@/app/api/bandwidth/calls/route'
import { fetchJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'

export function CallLog() {
  const [outcome, setOutcome] = useState('')
  const [method, setMethod] = useState('')
  const [trigger, setTrigger] = useState('')
  const [path, setPath] = useState('')
  const params = new URLSearchParams({ limit: '200' })
  if (outcome) params.set('outcome', outcome)
  if (method) params.set('method', method)
  if (trigger.trim()) params.set('trigger', trigger.trim())
  if (path.trim()) params.set('path', path.trim())
  const { data, error, mutate } = useSWR<BandwidthCallsResponse>(`/api/bandwidth/calls?${params}`, fetchJson, { refreshInterval: 5_000 })

  return (
    <Card title="Outbound calls">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <Field label="Outcome">
          <Select value={outcome} onChange={(e) => setOutcome(e.target.value)} aria-label="Outcome">
            <option value="">any</option>
            <option value="ok">succeeded</option>
            <option value="failed">failed</option>
          </Select>
        </Field>
        <Field label="Method">
          <Select value={method} onChange={(e) => setMethod(e.target.value)} aria-label="Method">
            <option value="">any</option>
            {['GET', 'POST', 'PUT', 'DELETE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </Field>
        <Field label="Trigger">
          <TextInput value={trigger} onChange={(e) => setTrigger(e.target.value)} placeholder="e.g. subscriptions" aria-label="Trigger" />
        </Field>
        <Field label="Path contains">
          <TextInput value={path} onChange={(e) => setPath(e.target.value)} placeholder="/subscriptions" aria-label="Path contains" />
        </Field>
      </div>
      {error ? <LoadError what="load the API calls" error={error} onRetry={() => mutate()} /> : null}
      {data && data.items.length === 0 ? <EmptyState title="No calls yet">Test the connection on Settings to make one.</EmptyState> : null}
      {data && data.items.length > 0 ? (
        <div className="overflow-x-auto">
          <DataTable
            caption="Calls to Bandwidth's API"
            head={
              <tr>
                <th className="py-2 pr-3">Time</th>
                <th className="py-2 pr-3">Call</th>
                <th className="py-2 pr-3">Status</th>
                <th className="py-2 pr-3">Latency</th>
                <th className="py-2 pr-3">Trigger</th>
                <th className="py-2">Reason</th>
              </tr>
            }
          >
            {data.items.map((c) => (
              <tr key={c.id} className="border-b border-slate-100 align-top dark:border-slate-800" data-testid="bandwidth-call">
                <td className="py-2 pr-3 whitespace-nowrap">
                  <LocalTime iso={c.at} withSeconds />
                </td>
                <td className="py-2 pr-3 font-mono text-xs break-all">
                  {c.method} {c.path}
                </td>
                <td
                  className={`py-2 pr-3 tabular-nums ${c.ok ? 'text-emerald-700 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}`}
                >
                  {c.status ?? 'no answer'}
                </td>
                <td className="py-2 pr-3 tabular-nums">{c.latencyMs} ms</td>
                <td className="py-2 pr-3">{c.trigger}</td>
                <td className="py-2">{c.reason ?? ''}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
    </Card>
  )
}
