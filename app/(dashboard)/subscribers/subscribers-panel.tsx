'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import useSWR from 'swr'
import { ApiError, fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'
import { LockEffectNote, LockSummaryNote } from '@/components/lock-effect-note'
import type { LockResponse } from '@/app/api/subscribers/lock/route'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'
import type { searchSubscribers } from '@/lib/db/subscribers'
import { CPNI_FIELDS, maskCpni } from '@/lib/portout/mask-cpni'
import { loadPage } from '@/components/load-page'

type SearchResponse = Awaited<ReturnType<typeof searchSubscribers>>
/** As the list sends it, CPNI masked; or, after an audited reveal, the same record in clear (`cpni: 'revealed'`). */
type Subscriber = SearchResponse['records'][number]
/** POST /api/subscribers/import?commit=: a dry run (preview and per-row errors) or the all-or-nothing import. */
type ImportResponse = {
  rows: number
  /** The first problems only; `errorCount` says how many there are in all. */
  errors: { line: number; column: string; reason: string }[]
  errorCount?: number
  preview: Omit<Subscriber, 'lock' | 'updatedAt'>[]
  committed: boolean
  created?: number
  updated?: number
}
type Message = { tone: 'error' | 'success'; text: string }
type RevealResponse = { record: Subscriber }

const PAGE_SIZE = 50
/** The import endpoint previews this many rows. */
const PREVIEW_SIZE = 20
const CSV_HEADER = 'telephone_number,account_number,pin,zip_code,subscriber_name,status,tags'
const LINK =
  'text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300'
const TEXTAREA =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100'

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
  const [revealed, setRevealed] = useState<Record<string, Subscriber>>({})
  const [query, setQuery] = useState(initialQuery)
  const [draftQuery, setDraftQuery] = useState(initialQuery)
  const [editing, setEditing] = useState<Subscriber | 'new' | null>(null)
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
  const reveal = async (telephoneNumber: string): Promise<Subscriber | null> => {
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
function withRevealed(r: Subscriber, clear: Subscriber | undefined): Subscriber {
  if (!clear || !CPNI_FIELDS.every((f) => maskCpni(clear[f]) === r[f])) return r
  return { ...r, cpni: 'revealed', accountNumber: clear.accountNumber, zipCode: clear.zipCode, subscriberName: clear.subscriberName }
}

function RecordsTable({
  records,
  policyVersion,
  canWrite,
  canReveal,
  canPropose,
  onReveal,
  onHide,
  onEdit,
  onLock,
}: {
  records: Subscriber[]
  policyVersion: number
  canWrite: boolean
  canReveal: boolean
  canPropose: boolean
  onReveal: (r: Subscriber) => Promise<void>
  onHide: (r: Subscriber) => void
  onEdit: (r: Subscriber) => Promise<void>
  onLock: (t: LockTarget) => void
}) {
  const hasActions = canWrite || canReveal
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <DataTable
        caption="Subscriber records, by telephone number"
        tone="shaded"
        head={
          <tr>
            <th scope="col" className="px-3 py-2">
              Number
            </th>
            <th scope="col" className="px-3 py-2">
              Account
            </th>
            <th scope="col" className="px-3 py-2">
              PIN
            </th>
            <th scope="col" className="px-3 py-2">
              ZIP
            </th>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Tags
            </th>
            <th scope="col" className="px-3 py-2">
              Lock
            </th>
            {hasActions ? (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        }
      >
        {records.map((r) => (
          <tr
            key={r.telephoneNumber}
            className="border-b border-slate-100 align-top last:border-0 hover:bg-slate-50 dark:border-slate-800/60 dark:hover:bg-slate-900/60"
            data-testid="subscriber-row"
            data-number={r.telephoneNumber}
            data-cpni={r.cpni}
          >
            <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">
              <Link href={`/numbers/${encodeURIComponent(r.telephoneNumber)}`} className={`font-mono text-xs ${LINK}`}>
                {r.telephoneNumber}
              </Link>
            </th>
            <td className="px-3 py-2 font-mono text-xs">{r.accountNumber}</td>
            <td className="px-3 py-2" data-testid="has-pin">
              {r.hasPin ? 'on file' : <span className="text-slate-500 dark:text-slate-400">none</span>}
            </td>
            <td className="px-3 py-2 font-mono text-xs">{r.zipCode ?? <Dash />}</td>
            <td className="px-3 py-2">{r.subscriberName ?? <Dash />}</td>
            <td className="px-3 py-2">
              {r.status === 'active' ? (
                'active'
              ) : (
                <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                  inactive
                </span>
              )}
            </td>
            <td className="px-3 py-2">
              <Tags tags={r.tags} />
            </td>
            <td className="px-3 py-2 text-xs" data-testid="lock">
              <LockState lock={r.lock} effect={r.lockEffect} policyVersion={policyVersion} canPropose={canPropose} />
            </td>
            {hasActions ? (
              <td className="whitespace-nowrap px-3 py-2 text-right">
                <div className="inline-flex gap-1">
                  {canReveal ? (
                    r.cpni === 'revealed' ? (
                      <RowButton onClick={() => onHide(r)} detail={` ${r.telephoneNumber}`}>
                        Hide
                      </RowButton>
                    ) : (
                      <RowButton onClick={() => void onReveal(r)} detail={` ${r.telephoneNumber}`}>
                        Reveal
                      </RowButton>
                    )
                  ) : null}
                  {canWrite ? (
                    <>
                      <RowButton onClick={() => void onEdit(r)} detail={` ${r.telephoneNumber}`}>
                        Edit
                      </RowButton>
                      <RowButton
                        onClick={() =>
                          onLock({
                            telephoneNumber: r.telephoneNumber,
                            // Only a revealed account number fills the account field: a masked one matches nothing.
                            accountNumber: r.cpni === 'revealed' ? r.accountNumber : '',
                            locked: !r.lock,
                          })
                        }
                        detail={` ${r.telephoneNumber}`}
                      >
                        {r.lock ? 'Unlock' : 'Lock'}
                      </RowButton>
                    </>
                  ) : null}
                </div>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </div>
  )
}

function LockState({
  lock,
  effect,
  policyVersion,
  canPropose,
}: {
  lock: Subscriber['lock']
  effect: Subscriber['lockEffect']
  policyVersion: number
  canPropose: boolean
}) {
  // The time the row was first drawn: a lock that runs out while the page is open shows on the next refresh.
  const [shownAt] = useState(() => Date.now())
  if (!lock) return <Dash />
  const expired = lock.until !== null && Date.parse(lock.until) <= shownAt
  return (
    <div className="space-y-0.5">
      <span
        className={`inline-block rounded px-1.5 py-0.5 font-medium ${expired ? 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300' : 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200'}`}
      >
        {expired ? 'lock expired' : 'locked'}
      </span>
      <span className="block whitespace-nowrap text-slate-600 dark:text-slate-400">
        {lock.until ? (
          <>
            until <LocalTime iso={lock.until} />
          </>
        ) : (
          'until unlocked'
        )}
      </span>
      {lock.reason ? <span className="block text-slate-600 dark:text-slate-400">{lock.reason}</span> : null}
      {effect && !expired ? <LockEffectNote effect={effect} policyVersion={policyVersion} canPropose={canPropose} /> : null}
    </div>
  )
}

function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return <Dash />
  return (
    <ul className="flex flex-wrap gap-1">
      {tags.map((t) => (
        <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">
          {t}
        </li>
      ))}
    </ul>
  )
}

function RowButton({ onClick, detail, children }: { onClick: () => void; detail: string; children: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {children}
      <span className="sr-only">{detail}</span>
    </button>
  )
}

function Dash() {
  return <span className="text-slate-400 dark:text-slate-500">—</span>
}

/* ---------------------------------------------------------------------------------------------- */
/* One record                                                                                      */

/** The whole record is sent again (the API replaces it); the PIN only when one is typed. */
function EditRecord({
  record,
  onCancel,
  onSaved,
}: {
  record: Subscriber | null
  onCancel: () => void
  onSaved: (text: string) => Promise<void>
}) {
  const [problem, setProblem] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [record])

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const value = (name: string) => String(form.get(name) ?? '').trim()
    const telephoneNumber = record ? record.telephoneNumber : value('telephoneNumber')
    const optional = (name: string) => (value(name) ? { [name]: value(name) } : {})
    const tags = value('tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
    setProblem(null)
    setIsSaving(true)
    try {
      await sendJson('POST', '/api/subscribers', {
        records: [
          {
            telephoneNumber,
            accountNumber: value('accountNumber'),
            ...optional('pin'),
            ...optional('zipCode'),
            ...optional('subscriberName'),
            status: value('status'),
            tags,
          },
        ],
      })
      await onSaved(`Saved ${normalizeTelephoneNumber(telephoneNumber) ?? telephoneNumber}.`)
    } catch (e) {
      setProblem(e instanceof Error ? e.message.replace(/^records\.0\./, '') : String(e))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Card
      title={record ? `Edit ${record.telephoneNumber}` : 'Add a record'}
      description={
        record
          ? 'Saving replaces the whole record. The PIN is write-only. Shown in clear for editing: opening it was recorded in the audit log.'
          : 'A number already on file is replaced.'
      }
    >
      <form
        ref={formRef}
        onSubmit={save}
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        aria-label={record ? `Edit ${record.telephoneNumber}` : 'Add a record'}
        key={record?.telephoneNumber ?? 'new'}
      >
        {record ? null : (
          <Field label="Telephone number" hint="Any format, e.g. (919) 555-0301">
            <TextInput name="telephoneNumber" required autoComplete="off" spellCheck={false} />
          </Field>
        )}
        <Field label="Account number">
          <TextInput
            name="accountNumber"
            required
            maxLength={40}
            defaultValue={record?.accountNumber}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field
          label="PIN"
          hint={
            record
              ? record.hasPin
                ? 'A PIN is on file. Leave empty to keep it; type a new one to replace it.'
                : 'No PIN on file. Leave empty to keep it that way.'
              : '4 to 10 digits; leave empty for none.'
          }
        >
          <TextInput
            name="pin"
            type="password"
            inputMode="numeric"
            pattern="\d{4,10}"
            title="4 to 10 digits"
            autoComplete="new-password"
            placeholder={record?.hasPin ? '••••' : ''}
          />
        </Field>
        <Field label="ZIP code">
          <TextInput name="zipCode" maxLength={15} defaultValue={record?.zipCode ?? ''} autoComplete="off" />
        </Field>
        <Field label="Subscriber name">
          <TextInput name="subscriberName" maxLength={100} defaultValue={record?.subscriberName ?? ''} autoComplete="off" />
        </Field>
        <Field label="Status">
          <Select name="status" defaultValue={record?.status ?? 'active'}>
            <option value="active">active</option>
            <option value="inactive">inactive</option>
          </Select>
        </Field>
        <Field label="Tags" hint="Comma-separated, e.g. business, vip">
          <TextInput name="tags" defaultValue={record?.tags.join(', ') ?? ''} autoComplete="off" />
        </Field>
        {problem ? (
          <div className="sm:col-span-2 lg:col-span-3">
            <Alert>{problem}</Alert>
          </div>
        ) : null}
        <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={isSaving}>
            {isSaving ? 'Saving…' : 'Save record'}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  )
}

/* ---------------------------------------------------------------------------------------------- */
/* Locks                                                                                           */

type LockTarget = { telephoneNumber: string; accountNumber: string; locked: boolean }

/** Lock or unlock one number or every number of an account. A row's Lock/Unlock button fills it in. */
function LockForm({
  target,
  canPropose,
  onChanged,
}: {
  target: LockTarget | null
  canPropose: boolean
  onChanged: () => Promise<unknown>
}) {
  const [scope, setScope] = useState<'number' | 'account'>('number')
  const [number, setNumber] = useState('')
  const [account, setAccount] = useState('')
  const [action, setAction] = useState<'lock' | 'unlock'>('lock')
  const [until, setUntil] = useState('')
  const [reason, setReason] = useState('')
  const [isSending, setIsSending] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)
  // Whether the lock just set changes anything under the active policy.
  const [lockEffect, setLockEffect] = useState<LockResponse['lockEffect']>(null)
  const section = useRef<HTMLDivElement>(null)

  // A row's button picked a new target: fill the form in while rendering (React's pattern for state that follows a prop)...
  const [filledFrom, setFilledFrom] = useState<LockTarget | null>(null)
  if (target && target !== filledFrom) {
    setFilledFrom(target)
    setMessage(null)
    setLockEffect(null)
    setScope('number')
    setNumber(target.telephoneNumber)
    setAccount(target.accountNumber)
    setAction(target.locked ? 'lock' : 'unlock')
  }
  // ...and bring it into view once it is on screen.
  useEffect(() => {
    if (!target) return
    section.current?.scrollIntoView({ block: 'nearest' })
    section.current?.querySelector<HTMLInputElement>('input[name="lockNumber"]')?.focus()
  }, [target])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setMessage(null)
    setLockEffect(null)
    const untilDate = until ? new Date(until) : null
    if (action === 'lock' && untilDate && untilDate.getTime() <= Date.now())
      return setMessage({ tone: 'error', text: '“Until” is in the past: the lock would already be over.' })
    const what = scope === 'number' ? { telephoneNumber: number.trim() } : { accountNumber: account.trim() }
    setIsSending(true)
    try {
      const body =
        action === 'lock'
          ? {
              ...what,
              locked: true,
              ...(untilDate ? { until: untilDate.toISOString() } : {}),
              ...(reason.trim() ? { reason: reason.trim() } : {}),
            }
          : { ...what, locked: false }
      const { count, lockEffect } = await sendJson<LockResponse>('POST', '/api/subscribers/lock', body)
      const subject =
        scope === 'number'
          ? (normalizeTelephoneNumber(number) ?? number)
          : `account ${account.trim()} (${count} ${count === 1 ? 'number' : 'numbers'})`
      setReason('')
      setUntil('')
      setMessage({ tone: 'success', text: action === 'lock' ? `Locked ${subject}.` : `Unlocked ${subject}.` })
      setLockEffect(lockEffect)
      await onChanged()
    } catch (e) {
      setMessage({
        tone: 'error',
        text:
          e instanceof ApiError && e.status === 404
            ? 'No subscriber record matches: add the record first.'
            : e instanceof Error
              ? e.message
              : String(e),
      })
    } finally {
      setIsSending(false)
    }
  }

  return (
    <div ref={section}>
      <Card
        title="Lock or unlock"
        description="A lock denies port-outs only while the active policy has an enforced locked_denied rule that covers the number; each lock says whether it does. Locks are recorded in the audit log."
      >
        <form onSubmit={submit} className="space-y-4" aria-label="Lock or unlock">
          <div className="flex flex-wrap gap-x-10 gap-y-3 text-sm">
            <fieldset>
              <legend className="mb-1 font-medium text-slate-800 dark:text-slate-200">Action</legend>
              <div className="flex flex-wrap items-center gap-4">
                {(['lock', 'unlock'] as const).map((a) => (
                  <label key={a} className="inline-flex items-center gap-2">
                    <input
                      type="radio"
                      name="lockAction"
                      value={a}
                      checked={action === a}
                      onChange={() => setAction(a)}
                      className="h-4 w-4 accent-indigo-600"
                    />
                    {a === 'lock' ? 'Lock' : 'Unlock'}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset>
              <legend className="mb-1 font-medium text-slate-800 dark:text-slate-200">Applies to</legend>
              <div className="flex flex-wrap items-center gap-4">
                <label className="inline-flex items-center gap-2">
                  <input
                    type="radio"
                    name="lockScope"
                    value="number"
                    checked={scope === 'number'}
                    onChange={() => setScope('number')}
                    className="h-4 w-4 accent-indigo-600"
                  />
                  One number
                </label>
                <label className="inline-flex items-center gap-2">
                  <input
                    type="radio"
                    name="lockScope"
                    value="account"
                    checked={scope === 'account'}
                    onChange={() => setScope('account')}
                    className="h-4 w-4 accent-indigo-600"
                  />
                  Every number of an account
                </label>
              </div>
            </fieldset>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            {scope === 'number' ? (
              <Field label="Telephone number">
                <TextInput
                  name="lockNumber"
                  value={number}
                  onChange={(e) => setNumber(e.target.value)}
                  required
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
            ) : (
              <Field label="Account number">
                <TextInput
                  name="lockAccount"
                  value={account}
                  onChange={(e) => setAccount(e.target.value)}
                  required
                  maxLength={40}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
            )}
            {action === 'lock' ? (
              <>
                <Field label="Until (optional)" hint="Your local time. Empty: until someone unlocks it.">
                  <TextInput type="datetime-local" name="lockUntil" value={until} onChange={(e) => setUntil(e.target.value)} />
                </Field>
                <Field label="Reason">
                  <TextInput
                    name="lockReason"
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    maxLength={200}
                    placeholder="e.g. Customer reported SIM-swap attempt"
                  />
                </Field>
              </>
            ) : null}
          </div>
          {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
          {lockEffect ? <LockSummaryNote summary={lockEffect} canPropose={canPropose} /> : null}
          <Button type="submit" variant={action === 'lock' ? 'primary' : 'secondary'} disabled={isSending}>
            {action === 'lock'
              ? scope === 'number'
                ? 'Lock number'
                : 'Lock account'
              : scope === 'number'
                ? 'Unlock number'
                : 'Unlock account'}
          </Button>
        </form>
      </Card>
    </div>
  )
}

/* ---------------------------------------------------------------------------------------------- */
/* CSV import                                                                                      */

/** Check first (nothing is stored), read the errors and the preview, then import everything or nothing. */
function ImportCsv({ onImported }: { onImported: () => Promise<unknown> }) {
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [checked, setChecked] = useState<{ text: string; result: ImportResponse } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [imported, setImported] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (!file) return
    setFileName(file.name)
    setText(await file.text())
    setChecked(null)
    setProblem(null)
    setImported(null)
  }
  const check = async () => {
    setProblem(null)
    setImported(null)
    setIsBusy(true)
    try {
      setChecked({ text, result: await sendCsv(text, false) })
    } catch (e) {
      setChecked(null)
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsBusy(false)
    }
  }
  const commit = async () => {
    if (!checked) return
    setProblem(null)
    setIsBusy(true)
    try {
      const result = await sendCsv(checked.text, true)
      if (!result.committed) {
        // The file was fine a moment ago; the server found something now (e.g. a record changed): show it.
        setChecked({ text: checked.text, result })
        return
      }
      setText('')
      setFileName(null)
      setChecked(null)
      if (fileInput.current) fileInput.current.value = ''
      setImported(
        `Imported ${result.rows} ${result.rows === 1 ? 'record' : 'records'}: ${result.created ?? 0} new, ${result.updated ?? 0} updated.`,
      )
      await onImported()
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsBusy(false)
    }
  }

  const result = checked?.result
  const isStale = checked !== null && checked.text !== text
  const canImport = result !== undefined && !isStale && result.errors.length === 0 && result.rows > 0

  return (
    <Card
      title="Import from CSV"
      description={
        <>
          One row per number, with a header row: <code className="break-all font-mono text-xs">{CSV_HEADER}</code>. Only telephone_number
          and account_number are required; separate tags with “|”. A number already on file is replaced; a row without a PIN keeps the PIN
          on file. All rows are imported, or none.
        </>
      }
    >
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-4">
          <Field label="CSV file">
            <input
              ref={fileInput}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={readFile}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
            />
          </Field>
          {fileName ? (
            <p className="pb-1 text-sm text-slate-600 dark:text-slate-400">Read {fileName}: you can still edit it below.</p>
          ) : null}
        </div>
        <Field label="CSV text" hint="Or paste it here.">
          <textarea
            name="csv"
            rows={8}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setImported(null)
            }}
            spellCheck={false}
            placeholder={`${CSV_HEADER}\n9195550301,ACCT-1001,0048,27609,Oak City Dental LLC,active,business|vip`}
            className={TEXTAREA}
          />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant={canImport ? 'secondary' : 'primary'} onClick={check} disabled={isBusy || text.trim() === ''}>
            {isBusy && !canImport ? 'Checking…' : 'Check'}
          </Button>
          {canImport ? (
            <Button type="button" onClick={commit} disabled={isBusy}>
              {isBusy ? 'Importing…' : `Import ${result.rows} ${result.rows === 1 ? 'record' : 'records'}`}
            </Button>
          ) : null}
          {isStale ? (
            <p className="text-sm text-amber-800 dark:text-amber-300">Changed since the check: check again before importing.</p>
          ) : null}
        </div>
        {problem ? <Alert>{problem}</Alert> : null}
        {imported ? <Alert tone="success">{imported}</Alert> : null}
        {result && !isStale ? <ImportPreview result={result} /> : null}
      </div>
    </Card>
  )
}

function ImportPreview({ result }: { result: ImportResponse }) {
  const problemCount = Math.max(result.errorCount ?? 0, result.errors.length)
  return (
    <div className="space-y-4" data-testid="import-preview" aria-live="polite">
      {result.errors.length ? (
        <>
          <Alert>
            {problemCount} {problemCount === 1 ? 'problem' : 'problems'} in {result.rows} {result.rows === 1 ? 'row' : 'rows'}: nothing can
            be imported until {problemCount === 1 ? 'it is' : 'they are'} fixed.
            {problemCount > result.errors.length ? ` The first ${result.errors.length} are listed.` : ''}
          </Alert>
          <div className="relative overflow-x-auto rounded-md border border-rose-200 dark:border-rose-900">
            <DataTable
              caption="Problems found in the CSV, by line"
              tone="danger"
              data-testid="import-errors"
              head={
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Line
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Column
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Problem
                  </th>
                </tr>
              }
            >
              {result.errors.map((e, i) => (
                <tr key={i} className="border-b border-rose-100 last:border-0 dark:border-rose-900/50" data-testid="import-error">
                  <th scope="row" className="px-3 py-2 font-normal tabular-nums">
                    {e.line}
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">{e.column || '—'}</td>
                  <td className="px-3 py-2">{e.reason}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        </>
      ) : (
        <Alert tone="info">
          {result.rows} {result.rows === 1 ? 'row' : 'rows'} read, no problems found. Nothing is stored until you import.
        </Alert>
      )}
      {result.preview.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">
            {problemCount
              ? `Rows without problems${result.preview.length >= PREVIEW_SIZE ? ` (the first ${result.preview.length})` : ''}, as they would be stored`
              : `${result.preview.length < result.rows ? `The first ${result.preview.length} of ${result.rows} rows` : 'Every row'}, as they will be stored`}
          </h3>
          <div className="relative overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
            <DataTable
              caption="Preview of the rows to import"
              tone="shaded"
              data-testid="import-rows"
              head={
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Number
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Account
                  </th>
                  <th scope="col" className="px-3 py-2">
                    PIN
                  </th>
                  <th scope="col" className="px-3 py-2">
                    ZIP
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Tags
                  </th>
                </tr>
              }
            >
              {result.preview.map((r, i) => (
                <tr
                  key={`${r.telephoneNumber}-${i}`}
                  className="border-b border-slate-100 last:border-0 dark:border-slate-800/60"
                  data-testid="import-row"
                >
                  <th scope="row" className="whitespace-nowrap px-3 py-2 font-mono text-xs font-normal">
                    {r.telephoneNumber}
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">{r.accountNumber}</td>
                  <td className="px-3 py-2">{r.hasPin ? 'yes' : 'no'}</td>
                  <td className="px-3 py-2 font-mono text-xs">{r.zipCode ?? <Dash />}</td>
                  <td className="px-3 py-2">{r.subscriberName ?? <Dash />}</td>
                  <td className="px-3 py-2">{r.status}</td>
                  <td className="px-3 py-2">
                    <Tags tags={r.tags ?? []} />
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        </div>
      ) : null}
    </div>
  )
}

/** The import endpoint takes the CSV itself as the body (no JSON wrapping, no size blow-up from escaping). */
async function sendCsv(csv: string, commit: boolean): Promise<ImportResponse> {
  const res = await fetch(`/api/subscribers/import?commit=${commit}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' },
    body: csv,
  })
  if (res.status === 401) loadPage('/login')
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null
    throw new ApiError(res.status, body?.message ?? `${res.status} ${res.statusText}`)
  }
  return (await res.json()) as ImportResponse
}
