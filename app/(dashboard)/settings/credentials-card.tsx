'use client'

import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { SettingsResponse } from '@/app/api/settings/route'
import { CopyButton } from '@/components/copy-button'
import { sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { formatDateTime } from '@/lib/format/format-date-time'
import { reportErrors, type PanelMessage } from '@/components/report-errors'
import { Button } from '@/components/ui/button'
import { Card } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'

type Pair = { username: string; password: string }
type Revealed = { source: string; current: Pair | null; previous: Pair | null; rotatedAt: string | null }
type PairView = SettingsResponse['credentials']

export type CredentialLabels = {
  title: string
  description: string
  environment: string
  reveal: string
  rotate: string
  endOverlap: string
  /** data-testid prefix: '' for the notifications pair (as the tests know it), 'portout-' for the other. */
  testId: string
  /** What the copy buttons name: "notifications" or "port-out". */
  what: string
}

export const NOTIFICATION_LABELS: CredentialLabels = {
  title: 'Webhook credentials',
  description: 'HTTP Basic credentials Bandwidth sends with every notification. Revealing them is recorded in the audit log.',
  environment: 'Set by BANDWIDTH_WEBHOOK_USERNAME and BANDWIDTH_WEBHOOK_PASSWORD: change them there.',
  reveal: 'Reveal password',
  rotate: 'Rotate',
  endOverlap: 'End overlap',
  testId: '',
  what: 'notifications',
}

export const PORTOUT_LABELS: CredentialLabels = {
  title: 'Port-out validation credentials',
  description:
    'A separate pair for the port-out responder, agreed with Bandwidth support in the setup ticket. Revealing it is recorded in the audit log.',
  environment: 'Set by BANDWIDTH_PORTOUT_USERNAME and BANDWIDTH_PORTOUT_PASSWORD: change them there.',
  reveal: 'Show the port-out password',
  rotate: 'New port-out password',
  endOverlap: 'Stop accepting the old port-out password',
  testId: 'portout-',
  what: 'port-out',
}

/** One Basic-auth pair: reveal (audited), rotate with an overlap, see which pair Bandwidth still uses, end the overlap. */
export function CredentialsCard({
  endpoint,
  creds,
  labels,
  onChanged,
  onMessage,
  onRevealed,
  children,
}: {
  endpoint: 'notifications' | 'portout'
  creds: PairView
  labels: CredentialLabels
  onChanged: () => Promise<unknown>
  onMessage: (m: PanelMessage) => void
  onRevealed?: (pair: Pair | null) => void
  children?: ReactNode
}) {
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const url = (action: string) => `/api/settings/credentials/${action}?endpoint=${endpoint}`
  const show = (r: Revealed | null) => {
    setRevealed(r)
    onRevealed?.(r?.current ?? null)
  }
  const run = (action: () => Promise<void>) => reportErrors(onMessage, action)
  const reveal = () => run(async () => show(await sendJson<Revealed>('POST', url('reveal'))))
  const rotate = () =>
    run(async () => {
      if (!window.confirm('Create a new password? The current one keeps working until you end the overlap.')) return
      show(await sendJson<Revealed>('POST', url('rotate')))
      await onChanged()
      onMessage({ tone: 'success', text: 'New credentials created. Update every Bandwidth subscription, then end the overlap.' })
    })
  const endOverlap = (at?: Date) =>
    run(async () => {
      await sendJson('POST', at ? `${url('end-overlap')}&at=${encodeURIComponent(at.toISOString())}` : url('end-overlap'))
      if (!at) setRevealed((r) => (r ? { ...r, previous: null } : r))
      await onChanged()
      onMessage({
        tone: 'success',
        text: at
          ? `The previous credentials stop working at ${formatDateTime(at, { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })}.`
          : 'The previous credentials are no longer accepted.',
      })
    })
  const password = revealed?.current?.password
  return (
    <Card
      title={labels.title}
      description={creds.source === 'environment' ? labels.environment : labels.description}
      actions={
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={reveal}>
            {labels.reveal}
          </Button>
          {creds.source === 'database' ? <Button onClick={rotate}>{labels.rotate}</Button> : null}
        </div>
      }
    >
      {children}
      <dl className="grid gap-x-3 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600 dark:text-slate-400">Username</dt>
        <dd className="break-all">
          <code data-testid={`${labels.testId}webhook-username`}>{creds.username}</code>{' '}
          {creds.username ? <CopyButton value={creds.username} what={`the ${labels.what} username`} /> : null}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Password</dt>
        <dd className="break-all">
          <code data-testid={`${labels.testId}webhook-password`}>{password ?? '••••••••••••'}</code>{' '}
          {password ? <CopyButton value={password} what={`the ${labels.what} password`} /> : null}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Last used</dt>
        <dd data-testid={`${labels.testId}current-last-used`}>
          <LastUse iso={creds.lastUsedAt} />
        </dd>
      </dl>
      {creds.previousUsername ? <Overlap creds={creds} labels={labels} revealed={revealed} onEnd={endOverlap} /> : null}
    </Card>
  )
}

/** The rotation overlap: the previous pair, when Bandwidth last used it, and ending it now (confirmed) or at a time. */
function Overlap({
  creds,
  labels,
  revealed,
  onEnd,
}: {
  creds: PairView
  labels: CredentialLabels
  revealed: Revealed | null
  onEnd: (at?: Date) => Promise<void>
}) {
  const confirmId = useId()
  const [isConfirming, setIsConfirming] = useState(false)
  const [expiry, setExpiry] = useState('')
  const isExpired = !creds.isPreviousAccepted
  const setExpiryAt = (event: FormEvent) => {
    event.preventDefault()
    const at = new Date(expiry)
    if (!Number.isNaN(at.getTime())) void onEnd(at)
  }
  return (
    <div
      className="space-y-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-50"
      data-testid={`${labels.testId}overlap`}
    >
      <p>
        {isExpired ? (
          <>
            The previous pair (<code className="break-all">{creds.previousUsername}</code>) expired{' '}
            <LocalTime iso={creds.previousExpiresAt} /> and is refused.
          </>
        ) : (
          <>
            Rotation in progress: the previous pair (<code className="break-all">{creds.previousUsername}</code>) is still accepted
            {creds.rotatedAt ? (
              <>
                {' '}
                since <LocalTime iso={creds.rotatedAt} />
              </>
            ) : null}
            {creds.previousExpiresAt ? (
              <>
                , until <LocalTime iso={creds.previousExpiresAt} />
              </>
            ) : null}
            .
          </>
        )}{' '}
        <span data-testid={`${labels.testId}previous-last-used`}>
          Last used: <LastUse iso={creds.previousLastUsedAt} />.
        </span>
        {revealed?.previous ? (
          <>
            {' '}
            Previous password: <code data-testid={`${labels.testId}previous-password`}>{revealed.previous.password}</code>{' '}
            <CopyButton value={revealed.previous.password} what={`the previous ${labels.what} password`} />
          </>
        ) : null}
      </p>
      {isConfirming ? (
        <div role="alertdialog" aria-labelledby={confirmId} className="space-y-2" data-testid={`${labels.testId}end-overlap-confirm`}>
          <p id={confirmId} className="font-medium">
            {creds.previousLastUsedAt ? (
              <>
                Bandwidth last used the old pair <LocalTime iso={creds.previousLastUsedAt} withSeconds />. A subscription still on it gets
                401 from now on.
              </>
            ) : (
              <>No kept delivery was authenticated with the old pair. A subscription still on it gets 401 from now on.</>
            )}{' '}
            Stop accepting it?
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              onClick={() => {
                setIsConfirming(false)
                void onEnd()
              }}
            >
              Stop accepting the old pair
            </Button>
            <Button variant="secondary" onClick={() => setIsConfirming(false)}>
              Keep it for now
            </Button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <Button variant="danger" onClick={() => setIsConfirming(true)}>
            {isExpired ? 'Forget the old pair' : labels.endOverlap}
          </Button>
          {isExpired ? null : (
            <form
              onSubmit={setExpiryAt}
              className="flex flex-wrap items-end gap-2"
              aria-label={`Expiry of the previous ${labels.what} pair`}
            >
              <Field label="Or stop accepting it at">
                <TextInput type="datetime-local" required value={expiry} onChange={(e) => setExpiry(e.target.value)} />
              </Field>
              <Button type="submit" variant="secondary">
                Set expiry
              </Button>
            </form>
          )}
        </div>
      )}
    </div>
  )
}

function LastUse({ iso }: { iso: string | null }) {
  return iso ? <LocalTime iso={iso} withSeconds /> : <span>never (no delivery kept with this pair)</span>
}
