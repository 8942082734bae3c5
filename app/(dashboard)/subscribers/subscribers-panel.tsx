'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert, LoadError } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, TextInput } from '@/components/ui/field'
import { revealedIfCurrent } from '@/lib/portout/mask-cpni'
import { PAGE_SIZE } from './subscriber-parts'
import type { ClearRecord, Message, RevealResponse, SearchResponse, Subscriber } from './subscriber-parts'
import { RecordsTable } from './records-table'
import { EditRecord } from './edit-record'
import { type LockTarget, LockForm } from './lock-form'
import { ImportCsv } from './import-csv'

/** `canPropose`: may propose rule changes, and so gets the offer when a lock changes nothing. */
export function SubscribersPanel({
  initialQuery,
  canWrite,
  canReveal,
  canPropose,
}: {
  initialQuery: string
  canWrite: boolean
  canReveal: boolean
  canPropose: boolean
}) {
  const router = useRouter()
  // Records revealed on this page, by number: only these are in the browser in clear.
  const [revealed, setRevealed] = useState<Record<string, ClearRecord>>({})
  const [query, setQuery] = useState(initialQuery)
  const [draftQuery, setDraftQuery] = useState(initialQuery)
  const [editing, setEditing] = useState<ClearRecord | 'new' | null>(null)
  const [lockTarget, setLockTarget] = useState<LockTarget | null>(null)
  const [message, setMessage] = useState<Message | null>(null)

  // A change of ?q= from outside (back button, a shared link) is followed (state adjusted while rendering, as React recommends).
  const [followedQuery, setFollowedQuery] = useState(initialQuery)
  if (followedQuery !== initialQuery) {
    setFollowedQuery(initialQuery)
    setQuery(initialQuery)
    setDraftQuery(initialQuery)
  }

  const key = `/api/subscribers?${new URLSearchParams({ ...(query ? { q: query } : {}), limit: String(PAGE_SIZE) })}`
  const { data, error, isLoading, mutate } = useSWR<SearchResponse>(key, fetchJson)
  const records = data?.records ?? []

  const search = (event: FormEvent) => {
    event.preventDefault()
    const q = draftQuery.trim()
    setQuery(q)
    router.replace(q ? `/subscribers?${new URLSearchParams({ q })}` : '/subscribers', { scroll: false })
  }
  const done = async (text: string) => {
    setMessage({ tone: 'success', text })
    await mutate()
  }
  /** The record in clear (audited on the server); null when that failed, with the reason shown. */
  const reveal = async (telephoneNumber: string): Promise<ClearRecord | null> => {
    try {
      const { record } = await sendJson<RevealResponse>('POST', '/api/subscribers/reveal', { telephoneNumber })
      setRevealed((all) => ({ ...all, [telephoneNumber]: record }))
      return record
    } catch (e) {
      setMessage({ tone: 'error', text: `Could not reveal ${telephoneNumber}: ${e instanceof Error ? e.message : String(e)}` })
      return null
    }
  }
  const hide = (telephoneNumber: string) =>
    setRevealed((all) => Object.fromEntries(Object.entries(all).filter(([n]) => n !== telephoneNumber)))

  return (
    <div className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <section aria-labelledby="records-heading" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="records-heading" className="text-lg font-semibold">
            Records
          </h2>
          {canWrite ? (
            <Button
              variant="secondary"
              onClick={() => {
                setMessage(null)
                setEditing('new')
              }}
            >
              Add a record
            </Button>
          ) : null}
        </div>
        <form
          role="search"
          aria-label="Search subscriber records"
          onSubmit={search}
          className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
        >
          <div className="min-w-72 flex-1">
            <Field
              label="Search"
              hint={
                canReveal
                  ? 'A telephone number in any format, a whole account number, or the start of a name'
                  : 'A telephone number in any format'
              }
            >
              <TextInput
                type="search"
                name="q"
                value={draftQuery}
                onChange={(e) => setDraftQuery(e.target.value)}
                placeholder={canReveal ? 'e.g. (919) 555-0301, ACCT-1001 or Oak City' : 'e.g. (919) 555-0301'}
                autoComplete="off"
                spellCheck={false}
                maxLength={100}
              />
            </Field>
          </div>
          <Button type="submit">Search</Button>
          {query ? (
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setDraftQuery('')
                setQuery('')
                router.replace('/subscribers', { scroll: false })
              }}
            >
              Show all
            </Button>
          ) : null}
        </form>

        {editing ? (
          <EditRecord
            record={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={async (text) => {
              // The row shows the stored record again, masked: a new reveal would be a new audited look.
              if (editing !== 'new') hide(editing.telephoneNumber)
              setEditing(null)
              await done(text)
            }}
          />
        ) : null}

        {error ? <LoadError what="search" error={error} onRetry={() => void mutate()} /> : null}
        <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400" data-testid="subscribers-summary">
          {isLoading
            ? 'Searching…'
            : data
              ? `${records.length} ${records.length === 1 ? 'record' : 'records'}${query ? ` matching “${query}”` : ''}${records.length >= PAGE_SIZE ? ` (the first ${PAGE_SIZE}: search to narrow down)` : ''}`
              : ''}
        </p>
        {data && records.length === 0 ? (
          query ? (
            <EmptyState title={`No record matches “${query}”`}>
              <p>
                {canReveal
                  ? 'Search matches a whole number or account number, or the beginning of a name (case matters).'
                  : 'Search matches a whole telephone number.'}
              </p>
            </EmptyState>
          ) : (
            <EmptyState title="No subscriber records yet">
              <p>{canWrite ? 'Import them from a CSV file below, or add one at a time.' : 'An operator imports them from a CSV file.'}</p>
            </EmptyState>
          )
        ) : records.length > 0 ? (
          <RecordsTable
            records={records.map((r) => withRevealed(r, revealed[r.telephoneNumber]))}
            policyVersion={data?.policyVersion ?? 0}
            canWrite={canWrite}
            canReveal={canReveal}
            canPropose={canPropose}
            onReveal={async (r) => {
              setMessage(null)
              await reveal(r.telephoneNumber)
            }}
            onHide={(r) => hide(r.telephoneNumber)}
            onEdit={async (r) => {
              setMessage(null)
              // Editing replaces the whole record, so the form needs it in clear: opening it is a reveal.
              const clear = r.cpni === 'revealed' ? r : await reveal(r.telephoneNumber)
              if (clear) setEditing(clear)
            }}
            onLock={(target) => {
              setMessage(null)
              setLockTarget(target)
            }}
          />
        ) : null}
      </section>

      {/* Each form reports beside itself (it can be far below the list); the list refreshes. */}
      {canWrite ? <LockForm target={lockTarget} canPropose={canPropose} onChanged={() => mutate()} /> : null}
      {canWrite ? <ImportCsv onImported={() => mutate()} /> : null}
    </div>
  )
}

/**
 * The row as just loaded (lock, status, tags fresh), with the CPNI revealed earlier, as long as the stored
 * values are still the ones revealed (their masks agree); otherwise it shows masked again.
 */
function withRevealed(r: Subscriber, clear: ClearRecord | undefined): Subscriber {
  const current = revealedIfCurrent(r, clear)
  return current ? { ...r, cpni: 'revealed', ...current } : r
}
