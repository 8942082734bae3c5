'use client'

import { useId, useState, type FormEvent } from 'react'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import type { PolicyProposalDto as Proposal } from '@/lib/db/policy-proposals'
import type { ActivePolicy } from '@/lib/db/portout-requests'
import { ProposalBacktest } from './backtest-view'
import { PolicyDiff } from './policy-view'
import { decideProposal, withdrawProposal } from './use-approvals'

/** A pending proposal: its diff, its backtest, the decision (never by the proposer), and the proposer's withdrawal. */
export function PendingProposal({
  proposal: p,
  active,
  canApprove,
  isMine,
  onDone,
}: {
  proposal: Proposal
  active: ActivePolicy
  canApprove: boolean
  isMine: boolean
  onDone: (text: string) => Promise<void>
}) {
  const headingId = useId()
  const [comment, setComment] = useState('')
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve')
  const [isSending, setIsSending] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  const send = async (action: () => Promise<string>) => {
    setProblem(null)
    setIsSending(true)
    try {
      await onDone(await action())
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsSending(false)
    }
  }
  const decide = (event: FormEvent) => {
    event.preventDefault()
    return send(async () => {
      const { proposal } = await decideProposal(p.id, { decision, comment })
      return proposal.status === 'approved'
        ? `Approved “${p.summary}”: v${proposal.resultingVersion} is now the active policy.`
        : `Rejected “${p.summary}”.`
    })
  }
  const withdraw = () =>
    send(async () => {
      await withdrawProposal(p.id)
      return `Withdrew “${p.summary}”. Nothing changed; it stays in the history.`
    })

  return (
    <article
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg border border-amber-300 bg-white p-5 shadow-sm dark:border-amber-800/70 dark:bg-slate-900/40"
      data-testid="pending-proposal"
      data-proposal-id={p.id}
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h3 id={headingId} className="text-base font-semibold">
            {p.summary}
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Proposed by {isMine ? 'you' : p.proposerEmail} <LocalTime iso={p.createdAt} /> on v{p.baseVersion}.
          </p>
        </div>
        {isMine ? (
          <Button variant="secondary" onClick={() => void withdraw()} disabled={isSending}>
            Withdraw
          </Button>
        ) : null}
      </header>
      {p.baseVersion !== active.version ? (
        <Alert tone="info">
          v{active.version} became active after this was proposed on v{p.baseVersion}: the server will refuse to approve it. Propose it
          again on the current version.
        </Alert>
      ) : null}

      <PolicyDiff active={active} proposed={p.policy} testId="proposal-diff" />
      <ProposalBacktest proposalId={p.id} />

      {canApprove ? (
        <form
          onSubmit={decide}
          className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800"
          aria-label={`Decide “${p.summary}”`}
        >
          {isMine ? (
            <p id={`${headingId}-mine`} className="text-sm text-slate-700 dark:text-slate-300" data-testid="own-proposal-reason">
              You proposed this change: another admin has to approve or reject it (four eyes). You can withdraw it.
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
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 disabled:cursor-not-allowed disabled:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:disabled:bg-slate-800"
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
        <div className="space-y-2 border-t border-slate-200 pt-4 dark:border-slate-800">
          {problem ? <Alert>{problem}</Alert> : null}
          <p className="text-sm text-slate-600 dark:text-slate-400">An admin other than the proposer approves or rejects this change.</p>
        </div>
      )}
    </article>
  )
}
