'use client'

import Link from 'next/link'
import { useState } from 'react'
import type { NumberResponse } from '@/app/api/numbers/[tn]/route'
import type { LockResponse } from '@/app/api/subscribers/lock/route'
import { sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { LockEffectNote } from '@/components/lock-effect-note'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'

type PortoutLock = NumberResponse['portoutLock']
const LINK = 'text-indigo-700 underline dark:text-indigo-300'

/**
 * The number's subscriber record (CPNI masked, for every role: an audited reveal is on /subscribers), its
 * port-out lock and whether the active policy makes it count, and Lock/Unlock for those who may (operators, admins).
 */
export function SubscriberRecordCard({
  e164,
  portoutLock,
  canLock,
  canPropose,
  onChanged,
}: {
  e164: string
  portoutLock: PortoutLock
  canLock: boolean
  canPropose: boolean
  onChanged: () => void
}) {
  const { record, lock, lockEffect, policyVersion } = portoutLock
  const recordsHref = `/subscribers?${new URLSearchParams({ q: e164 })}`
  if (!record) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="number-record">
        No{' '}
        <Link href={recordsHref} className={LINK}>
          subscriber record
        </Link>
        : port-out answers for it are decided without one (rules that need a record treat it as unknown), and it cannot be locked.
      </p>
    )
  }
  return (
    <Card
      title="Subscriber record"
      description={
        <>
          What port-out answers for {e164} are decided against. Account, ZIP and name are CPNI, masked;{' '}
          <Link href={recordsHref} className={LINK}>
            the subscriber records
          </Link>{' '}
          edit it.
        </>
      }
    >
      <div className="space-y-4" data-testid="number-record">
        <dl className="grid gap-x-6 gap-y-1.5 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600 dark:text-slate-400">Status</dt>
          <dd>{record.status}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Account number</dt>
          <dd className="font-mono" data-testid="record-account">
            {record.accountNumber}
          </dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">ZIP code</dt>
          <dd className="font-mono">{record.zipCode ?? '—'}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">Subscriber name</dt>
          <dd className="font-mono">{record.subscriberName ?? '—'}</dd>
          <dt className="font-medium text-slate-600 dark:text-slate-400">PIN</dt>
          <dd>{record.hasPin ? 'on file (stored only as a keyed hash)' : 'none on file'}</dd>
          {record.tags.length ? (
            <>
              <dt className="font-medium text-slate-600 dark:text-slate-400">Tags</dt>
              <dd className="font-mono text-xs">{record.tags.join(', ')}</dd>
            </>
          ) : null}
          <dt className="font-medium text-slate-600 dark:text-slate-400">Updated</dt>
          <dd>
            <LocalTime iso={record.updatedAt} />
          </dd>
        </dl>
        <div
          className="space-y-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800"
          data-testid="number-lock"
          data-locked={lock ? 'true' : 'false'}
        >
          <h3 className="font-semibold">Port-out lock</h3>
          {lock ? (
            <p>
              Locked since <LocalTime iso={lock.since} />
              {lock.until ? (
                <>
                  {' '}
                  until <LocalTime iso={lock.until} />
                </>
              ) : (
                ', until someone unlocks it'
              )}
              {lock.reason ? <>: {lock.reason}</> : null}
            </p>
          ) : (
            <p>Not locked: port-out requests for it are decided by the rules alone.</p>
          )}
          {lock && lockEffect ? <LockEffectNote effect={lockEffect} policyVersion={policyVersion} canPropose={canPropose} /> : null}
          {canLock ? <LockControls e164={e164} locked={Boolean(lock)} onChanged={onChanged} /> : null}
        </div>
      </div>
    </Card>
  )
}

function LockControls({ e164, locked, onChanged }: { e164: string; locked: boolean; onChanged: () => void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<PanelMessage>(null)
  const send = (lockIt: boolean) =>
    reportErrors(setMessage, async () => {
      setBusy(true)
      try {
        await sendJson<LockResponse>('POST', '/api/subscribers/lock', {
          telephoneNumber: e164,
          locked: lockIt,
          ...(lockIt && reason.trim() ? { reason: reason.trim() } : {}),
        })
        setReason('')
        setMessage({ tone: 'success', text: lockIt ? `${e164} is locked against port-out.` : `${e164} is unlocked.` })
        onChanged()
      } finally {
        setBusy(false)
      }
    })
  return (
    <div className="space-y-2">
      {locked ? (
        <Button type="button" variant="secondary" disabled={busy} onClick={() => void send(false)}>
          Unlock
        </Button>
      ) : (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            void send(true)
          }}
        >
          <Field label="Reason (optional)">
            <TextInput value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="SIM-swap attempt reported" />
          </Field>
          <Button type="submit" disabled={busy}>
            Lock against port-out
          </Button>
        </form>
      )}
      {message ? (
        <div role="status">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      ) : null}
    </div>
  )
}
