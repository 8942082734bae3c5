'use client'

import { useState } from 'react'
import useSWRInfinite from 'swr/infinite'
import type { AuditResponse } from '@/app/api/audit/route'
import { fetchJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Field, TextInput } from '@/components/ui/field'
import { LocalTime } from '@/components/local-time'
import { ExportLinks } from '@/components/export-links'

export function AuditTable() {
  const [action, setAction] = useState('')
  const [actor, setActor] = useState('')
  const key = (index: number, previous: AuditResponse | null) => {
    if (previous && !previous.nextCursor) return null
    const q = new URLSearchParams({ limit: '50' })
    if (action.trim()) q.set('action', action.trim())
    if (actor.trim()) q.set('actor', actor.trim())
    if (previous?.nextCursor) q.set('cursor', previous.nextCursor)
    return `/api/audit?${q}`
  }
  const { data, error, size, setSize, isLoading } = useSWRInfinite<AuditResponse>(key, fetchJson)
  const entries = data?.flatMap((p) => p.entries) ?? []
  const more = data?.at(-1)?.nextCursor

  return (
    <div className="space-y-4">
      <div className="grid max-w-2xl gap-4 sm:grid-cols-2">
        <Field label="Action starts with" hint="e.g. credentials, user.create, settings">
          <TextInput value={action} onChange={(e) => setAction(e.target.value)} placeholder="credentials" />
        </Field>
        <Field label="Who (email)">
          <TextInput value={actor} onChange={(e) => setActor(e.target.value)} type="email" placeholder="admin@example.com" />
        </Field>
      </div>
      <ExportLinks list="audit" filter={{ action: action.trim(), actor: actor.trim() }} label="these entries" />
      {error ? <Alert>Could not load the audit log: {error.message}</Alert> : null}
      <div className="relative overflow-x-auto">
        <DataTable
          caption="Audit log entries, newest first"
          head={
            <tr>
              <th scope="col" className="py-2 pr-4">
                When
              </th>
              <th scope="col" className="py-2 pr-4">
                Who
              </th>
              <th scope="col" className="py-2 pr-4">
                Action
              </th>
              <th scope="col" className="py-2 pr-4">
                Target
              </th>
              <th scope="col" className="py-2">
                Before → after
              </th>
            </tr>
          }
        >
          {entries.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 align-top dark:border-slate-800/60" data-testid="audit-entry">
              <td className="whitespace-nowrap py-2 pr-4">
                <LocalTime iso={e.at} />
              </td>
              <td className="py-2 pr-4">{e.actorEmail ?? 'system'}</td>
              <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
              <td className="py-2 pr-4">{e.target ?? '—'}</td>
              <td className="py-2">
                <Diff before={e.before} after={e.after} />
              </td>
            </tr>
          ))}
        </DataTable>
        {!isLoading && entries.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">No changes match these filters yet.</p>
        ) : null}
        {isLoading ? <p className="py-6 text-center text-sm text-slate-600 dark:text-slate-400">Loading…</p> : null}
      </div>
      {more ? (
        <Button variant="secondary" onClick={() => setSize(size + 1)}>
          Load older entries
        </Button>
      ) : null}
    </div>
  )
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  if (before === null && after === null) return <span className="text-slate-600 dark:text-slate-400">—</span>
  return (
    <details>
      <summary className="cursor-pointer text-xs text-indigo-700 dark:text-indigo-300">show values</summary>
      <div className="mt-2 grid gap-2 md:grid-cols-2">
        <pre className="relative overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">
          {before === null ? '(none)' : JSON.stringify(before, null, 2)}
        </pre>
        <pre className="relative overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">
          {after === null ? '(none)' : JSON.stringify(after, null, 2)}
        </pre>
      </div>
    </details>
  )
}
