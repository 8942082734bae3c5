'use client'

import { Dash } from '@/components/portout-parts'
import Link from 'next/link'
import { useState } from 'react'
import { LocalTime } from '@/components/local-time'
import { DataTable } from '@/components/ui/data-table'
import { LockEffectNote } from '@/components/lock-effect-note'
import { LINK } from './subscriber-parts'
import type { Subscriber } from './subscriber-parts'
import { type LockTarget } from './lock-form'

export function RecordsTable({
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

export function Tags({ tags }: { tags: string[] }) {
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

/* ---------------------------------------------------------------------------------------------- */
/* One record                                                                                      */
