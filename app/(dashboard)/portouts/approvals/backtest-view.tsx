'use client'

import Link from 'next/link'
import type { BacktestResponse } from '@/app/api/policy/proposals/[proposalId]/backtest/route'
import { LocalTime } from '@/components/local-time'
import { AnswerBadge, Dash, NumberLinks } from '@/components/portout-parts'
import { LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import type { AnswerChange, BacktestAnswer } from '@/lib/portout/classify-answer-change'
import { CODE_DESCRIPTIONS, type Policy, type RecognisedCode } from '@/lib/portout/portout-policy'
import { useDraftBacktest, useProposalBacktest } from './use-approvals'

const LINK =
  'text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300'

/** The three kinds of change, worst first: a port that would now be refused is what an approver must see first. */
const CHANGE_KINDS = [
  {
    kind: 'newly-denied',
    count: 'newlyDenied',
    label: 'newly denied',
    tone: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
  },
  {
    kind: 'newly-allowed',
    count: 'newlyAllowed',
    label: 'newly allowed',
    tone: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  },
  {
    kind: 'codes-changed',
    count: 'codesChanged',
    label: 'codes changed',
    tone: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-100',
  },
] as const satisfies readonly { kind: AnswerChange; count: keyof BacktestResponse; label: string; tone: string }[]

/** A proposal's backtest, read when its card is shown. */
export function ProposalBacktest({ proposalId }: { proposalId: string }) {
  const { data, error, isLoading, mutate } = useProposalBacktest(proposalId)
  return <BacktestView data={data} error={error} isLoading={isLoading} onRetry={() => void mutate()} testId="backtest" />
}

/** A draft's backtest, replayed once the draft has been unchanged for a moment; nothing while it is not valid. */
export function DraftBacktest({ policy }: { policy: Policy | null }) {
  const { data, error, isLoading, isSettling, mutate } = useDraftBacktest(policy)
  if (!policy) return null
  return (
    <BacktestView
      data={isSettling ? undefined : data}
      error={error}
      isLoading={isLoading || isSettling}
      onRetry={() => void mutate()}
      testId="draft-backtest"
      title="Backtest of this draft, before you submit it"
    />
  )
}

/**
 * What a policy would have answered to recent requests: the headline split into newly denied, newly allowed and
 * other codes, then the requests that would change. Shown on a pending proposal and while a draft is edited.
 */
export function BacktestView({
  data,
  error,
  isLoading,
  onRetry,
  testId,
  title = 'Backtest on recent requests',
}: {
  data: BacktestResponse | undefined
  error: Error | undefined
  isLoading: boolean
  onRetry: () => void
  testId: string
  title?: string
}) {
  return (
    <section className="space-y-2" data-testid={testId} aria-live="polite">
      <h4 className="text-sm font-semibold">{title}</h4>
      {error ? (
        <LoadError what="run the backtest" error={error} onRetry={onRetry} />
      ) : isLoading || !data ? (
        <p className="text-sm text-slate-500 dark:text-slate-400" role="status">
          Replaying recent requests…
        </p>
      ) : (
        <>
          <p className="text-sm" data-testid="backtest-summary">
            <strong className="font-semibold">
              Would change {data.changed} of {data.compared} {data.compared === 1 ? 'answer' : 'answers'}
            </strong>
            {data.changed ? <ChangeCounts data={data} /> : null}{' '}
            <span className="text-slate-600 dark:text-slate-400">
              (requests from <LocalTime iso={data.window.from} /> to <LocalTime iso={data.window.to} />, checked against today’s subscriber
              records)
            </span>
          </p>
          {data.changes.length ? (
            <div className="relative overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
              <DataTable
                caption="Requests this proposal would have answered differently"
                tone="shaded"
                head={
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      Received
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Change
                    </th>
                    <th scope="col" className="px-3 py-2">
                      PON
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Numbers
                    </th>
                    <th scope="col" className="px-3 py-2">
                      We answered
                    </th>
                    <th scope="col" className="px-3 py-2">
                      Would answer
                    </th>
                  </tr>
                }
              >
                {data.changes.map((c) => (
                  <tr
                    key={c.requestId}
                    className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
                    data-testid="backtest-change"
                    data-pon={c.pon ?? ''}
                    data-kind={c.kind}
                  >
                    <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">
                      <Link href={`/portouts/${encodeURIComponent(c.requestId)}`} className={LINK}>
                        <LocalTime iso={c.receivedAt} withSeconds />
                      </Link>
                    </th>
                    <td className="whitespace-nowrap px-3 py-2">
                      <ChangeBadge kind={c.kind} />
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{c.pon ?? <Dash />}</td>
                    <td className="px-3 py-2">
                      <NumberLinks numbers={c.numbers} />
                    </td>
                    <td className="px-3 py-2">
                      <ShortAnswer answer={c.actual} />
                    </td>
                    <td className="px-3 py-2" data-testid="backtest-proposed">
                      <ShortAnswer answer={c.proposed} />
                    </td>
                  </tr>
                ))}
              </DataTable>
            </div>
          ) : null}
          {data.changes.length < data.changed ? (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Showing the first {data.changes.length} of {data.changed} changed answers.
            </p>
          ) : null}
        </>
      )}
    </section>
  )
}

function ShortAnswer({ answer }: { answer: BacktestAnswer }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <AnswerBadge portable={answer.portable} />
      {answer.errorCodes.map((code) => (
        <code
          key={code}
          className="rounded bg-rose-100 px-1 py-0.5 text-xs font-semibold text-rose-800 dark:bg-rose-950 dark:text-rose-200"
          title={code in CODE_DESCRIPTIONS ? CODE_DESCRIPTIONS[code as RecognisedCode] : undefined}
        >
          {code}
        </code>
      ))}
    </span>
  )
}

function ChangeCounts({ data }: { data: BacktestResponse }) {
  return (
    <span className="ml-1 inline-flex flex-wrap gap-1 align-middle" data-testid="backtest-split">
      {CHANGE_KINDS.map((k) => (
        <span key={k.kind} className={`rounded px-1.5 py-0.5 text-xs font-medium ${k.tone}`} data-testid={`backtest-${k.kind}`}>
          {data[k.count]} {k.label}
        </span>
      ))}
    </span>
  )
}

function ChangeBadge({ kind }: { kind: AnswerChange }) {
  const k = CHANGE_KINDS.find((c) => c.kind === kind)!
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${k.tone}`}>{k.label}</span>
}
