'use client'

import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ApiError, sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'
import { LockSummaryNote } from '@/components/lock-effect-note'
import type { LockResponse } from '@/app/api/subscribers/lock/route'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'
import type { Message } from './subscriber-parts'

export type LockTarget = { telephoneNumber: string; accountNumber: string; locked: boolean }

/** Lock or unlock one number or every number of an account. A row's Lock/Unlock button fills it in. */
export function LockForm({
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
