'use client'

import Link from 'next/link'
import { useId, useState, type FormEvent } from 'react'
import useSWR from 'swr'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { AnswerBadge, Dash, NumberLinks } from '@/components/portout-parts'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field } from '@/components/ui/field'
import type { PolicyProposalDto as Proposal } from '@/lib/db/policy-proposals'
import type { ActivePolicy } from '@/lib/db/portout-requests'
import { CODE_DESCRIPTIONS, type RecognisedCode } from '@/lib/portout/portout-policy'
import { PolicyDiff, PolicyView } from './policy-view'
import { ProposeChange } from './propose-change'

type ProposalsResponse = { active: ActivePolicy; proposals: Proposal[] }
type Answer = { portable: boolean; errorCodes: string[] }
/** GET /api/policy/proposals/{id}/backtest: the proposal replayed on recent requests with today's records. */
type Backtest = {
  window: { from: string; to: string }
  compared: number
  changed: number
  changes: { requestId: string; pon: string | null; receivedAt: string; numbers: string[]; actual: Answer; proposed: Answer }[]
}

const LINK =
  'text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300'

/** `proposeLockRule`: open with a draft that makes locks count (the offer of a lock that changes nothing). */
export function ApprovalsQueue({
  canPropose,
  canApprove,
  userEmail,
  proposeLockRule = false,
}: {
  canPropose: boolean
  canApprove: boolean
  userEmail: string
  proposeLockRule?: boolean
}) {
  const { data, error, mutate } = useSWR<ProposalsResponse>('/api/policy/proposals', fetchJson, { refreshInterval: 15_000 })
  const [isProposing, setIsProposing] = useState(canPropose && proposeLockRule)
  const [withLockRule, setWithLockRule] = useState(proposeLockRule)
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)

  if (error && !data) {
    return <LoadError what="load the policy" error={error} onRetry={() => void mutate()} />
  }
  if (!data)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400" role="status">
        Loading the policy…
      </p>
    )

  const { active, proposals } = data
  const pending = proposals.filter((p) => p.status === 'pending')
  const decided = proposals.filter((p) => p.status !== 'pending')
  const approvedBy = proposals.find((p) => p.resultingVersion === active.version)

  return (
    <div className="space-y-8">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <Card
        title={`Active policy: v${active.version}`}
        description={
          active.version === 0 ? (
            'The built-in default: no rules have been approved yet.'
          ) : approvedBy ? (
            <>
              Approved by {approvedBy.deciderEmail} <LocalTime iso={approvedBy.decidedAt} />: “{approvedBy.summary}”.
            </>
          ) : undefined
        }
        actions={
          canPropose && !isProposing ? (
            <Button
              onClick={() => {
                setMessage(null)
                setIsProposing(true)
              }}
            >
              Propose a change
            </Button>
          ) : null
        }
      >
        <PolicyView policy={active.policy} testId="active-policy" />
      </Card>

      {isProposing ? (
        <ProposeChange
          active={active}
          withLockRule={withLockRule}
          onCancel={() => {
            setIsProposing(false)
            setWithLockRule(false)
          }}
          onProposed={async (proposal) => {
            setIsProposing(false)
            setWithLockRule(false)
            setMessage({ tone: 'success', text: `Proposed “${proposal.summary}”. Another admin must approve it before it takes effect.` })
            await mutate()
          }}
        />
      ) : null}

      <section aria-labelledby="pending-heading" className="space-y-4">
        <h2 id="pending-heading" className="text-lg font-semibold">
          Waiting for approval <span className="text-sm font-normal text-slate-500 dark:text-slate-400">({pending.length})</span>
        </h2>
        {pending.length === 0 ? (
          <EmptyState title="Nothing waiting for approval">
            {canPropose ? (
              <p>Propose a change above; another admin will see it here.</p>
            ) : (
              <p>Proposed rule changes appear here until an admin decides them.</p>
            )}
          </EmptyState>
        ) : (
          pending.map((p) => (
            <PendingProposal
              key={p.id}
              proposal={p}
              active={active}
              canApprove={canApprove}
              isMine={p.proposerEmail === userEmail}
              onDecided={async (text) => {
                setMessage({ tone: 'success', text })
                await mutate()
              }}
            />
          ))
        )}
      </section>

      <History proposals={decided} />
    </div>
  )
}

/* ---------------------------------------------------------------------------------------------- */
/* A pending proposal: its diff, its backtest, and the decision                                    */

function PendingProposal({
  proposal: p,
  active,
  canApprove,
  isMine,
  onDecided,
}: {
  proposal: Proposal
  active: ActivePolicy
  canApprove: boolean
  isMine: boolean
  onDecided: (text: string) => Promise<void>
}) {
  const headingId = useId()
  const [comment, setComment] = useState('')
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve')
  const [isSending, setIsSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const decide = async (event: FormEvent) => {
    event.preventDefault()
    setProblem(null)
    setIsSending(true)
    try {
      const { proposal } = await sendJson<{ proposal: Proposal }>('POST', `/api/policy/proposals/${encodeURIComponent(p.id)}`, {
        decision,
        comment,
      })
      await onDecided(
        proposal.status === 'approved'
          ? `Approved “${p.summary}”: v${proposal.resultingVersion} is now the active policy.`
          : `Rejected “${p.summary}”.`,
      )
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsSending(false)
    }
  }

  return (
    <article
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg border border-amber-300 bg-white p-5 shadow-sm dark:border-amber-800/70 dark:bg-slate-900/40"
      data-testid="pending-proposal"
      data-proposal-id={p.id}
    >
      <header className="space-y-1">
        <h3 id={headingId} className="text-base font-semibold">
          {p.summary}
        </h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Proposed by {p.proposerEmail} <LocalTime iso={p.createdAt} /> on v{p.baseVersion}.
        </p>
      </header>
      {p.baseVersion !== active.version ? (
        <Alert tone="info">
          v{active.version} became active after this was proposed on v{p.baseVersion}: the server will refuse to approve it. Propose it
          again on the current version.
        </Alert>
      ) : null}

      <PolicyDiff active={active} proposed={p.policy} testId="proposal-diff" />
      <BacktestView proposalId={p.id} />

      {canApprove ? (
        <form
          onSubmit={decide}
          className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800"
          aria-label={`Decide “${p.summary}”`}
        >
          {isMine ? (
            <p id={`${headingId}-mine`} className="text-sm text-slate-700 dark:text-slate-300" data-testid="own-proposal-reason">
              You proposed this change: another admin has to approve or reject it (four eyes).
            </p>
          ) : null}
          <Field label="Comment" hint="Required: say why, in a few words. Kept with the decision and in the audit log.">
            <textarea
              name="comment"
              required
              maxLength={500}
              rows={2}
              value={comment}
              disabled={isMine}
              onChange={(e) => setComment(e.target.value)}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            />
          </Field>
          {problem ? <Alert>{problem}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button
              type="submit"
              onClick={() => setDecision('approve')}
              disabled={isSending || isMine}
              aria-describedby={isMine ? `${headingId}-mine` : undefined}
            >
              Approve
            </Button>
            <Button
              type="submit"
              variant="danger"
              onClick={() => setDecision('reject')}
              disabled={isSending || isMine}
              aria-describedby={isMine ? `${headingId}-mine` : undefined}
            >
              Reject
            </Button>
          </div>
        </form>
      ) : (
        <p className="border-t border-slate-200 pt-4 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          An admin other than the proposer approves or rejects this change.
        </p>
      )}
    </article>
  )
}

function BacktestView({ proposalId }: { proposalId: string }) {
  const { data, error, isLoading, mutate } = useSWR<Backtest>(
    `/api/policy/proposals/${encodeURIComponent(proposalId)}/backtest`,
    fetchJson,
    { revalidateOnFocus: false },
  )
  return (
    <section className="space-y-2" data-testid="backtest" aria-live="polite">
      <h4 className="text-sm font-semibold">Backtest on recent requests</h4>
      {error ? (
        <LoadError what="run the backtest" error={error} onRetry={() => void mutate()} />
      ) : isLoading || !data ? (
        <p className="text-sm text-slate-500 dark:text-slate-400" role="status">
          Replaying recent requests…
        </p>
      ) : (
        <>
          <p className="text-sm" data-testid="backtest-summary">
            <strong className="font-semibold">
              Would change {data.changed} of {data.compared} {data.compared === 1 ? 'answer' : 'answers'}
            </strong>{' '}
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
                  >
                    <th scope="row" className="whitespace-nowrap px-3 py-2 font-normal">
                      <Link href={`/portouts/${encodeURIComponent(c.requestId)}`} className={LINK}>
                        <LocalTime iso={c.receivedAt} withSeconds />
                      </Link>
                    </th>
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

function ShortAnswer({ answer }: { answer: Answer }) {
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

/* ---------------------------------------------------------------------------------------------- */
/* History                                                                                         */

function History({ proposals }: { proposals: Proposal[] }) {
  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <h2 id="history-heading" className="text-lg font-semibold">
        Decided
      </h2>
      {proposals.length === 0 ? (
        <EmptyState title="No decisions yet" />
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
          <DataTable
            caption="Approved and rejected proposals, newest first"
            tone="shaded"
            head={
              <tr>
                <th scope="col" className="px-3 py-2">
                  Proposal
                </th>
                <th scope="col" className="px-3 py-2">
                  Decision
                </th>
                <th scope="col" className="px-3 py-2">
                  Decided by
                </th>
                <th scope="col" className="px-3 py-2">
                  Comment
                </th>
              </tr>
            }
          >
            {proposals.map((p) => (
              <tr
                key={p.id}
                className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
                data-testid="decided-proposal"
                data-status={p.status}
              >
                <th scope="row" className="px-3 py-2 font-normal">
                  <span className="font-medium">{p.summary}</span>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {p.proposerEmail}, <LocalTime iso={p.createdAt} />, on v{p.baseVersion}, {p.policy.rules.length}{' '}
                    {p.policy.rules.length === 1 ? 'rule' : 'rules'}
                  </span>
                </th>
                <td className="whitespace-nowrap px-3 py-2">
                  {p.status === 'approved' ? (
                    <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
                      approved → v{p.resultingVersion}
                    </span>
                  ) : (
                    <span className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
                      rejected
                    </span>
                  )}
                </td>
                <td className="px-3 py-2">
                  {p.deciderEmail ?? <Dash />}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    <LocalTime iso={p.decidedAt} />
                  </span>
                </td>
                <td className="px-3 py-2">{p.decisionComment ?? <Dash />}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  )
}
