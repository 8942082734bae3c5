import Link from 'next/link'
import { CodedMessage } from './coded-message'
import type { toPortoutRequestDto } from '@/lib/db/list-portout-requests'
import { describeCode } from '@/lib/portout/describe-answer'

// Small pieces every port-out screen shows: the answer (with its codes), what was sent (masked), the numbers (each a
// link to its page), an empty cell.

export function AnswerBadge({ portable }: { portable: boolean }) {
  return portable ? (
    <span className="inline-block whitespace-nowrap rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
      Portable: yes
    </span>
  ) : (
    <span className="inline-block whitespace-nowrap rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
      Portable: no
    </span>
  )
}

export function NumberLinks({ numbers }: { numbers: string[] }) {
  if (numbers.length === 0) return <Dash />
  return (
    <ul className="space-y-0.5">
      {numbers.map((n) => (
        <li key={n}>
          <Link
            href={`/numbers/${encodeURIComponent(n)}`}
            className="whitespace-nowrap font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          >
            {n}
          </Link>
        </li>
      ))}
    </ul>
  )
}

export function Dash() {
  return <span className="text-slate-600 dark:text-slate-400">—</span>
}

/** Allowed, or denied with each code spelled out, as the carrier received it. */
export function Answer({ portable, errorCodes }: { portable: boolean; errorCodes: string[] }) {
  return (
    <div className="space-y-1" data-testid="portout-answer">
      <AnswerBadge portable={portable} />
      {errorCodes.length ? (
        <ul className="space-y-0.5 text-xs">
          {errorCodes.map((code) => (
            <li key={code}>
              <CodedMessage message={`${code}: ${describeCode(code)}`} errorCode={code} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** What the winning carrier sent, masked (CPNI): the PIN only as given / not given. */
export function MaskedFields({ masked }: { masked: ReturnType<typeof toPortoutRequestDto>['masked'] }) {
  const item = (label: string, value: string | null) => (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="font-mono">{value ?? <Dash />}</dd>
    </>
  )
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-2 gap-y-0.5 whitespace-nowrap">
      {item('Account', masked.accountNumber)}
      {item('ZIP', masked.zipCode)}
      {item('Name', masked.subscriberName)}
      <dt className="text-slate-600 dark:text-slate-400">PIN</dt>
      <dd>{masked.pinGiven ? 'given' : 'not given'}</dd>
    </dl>
  )
}
