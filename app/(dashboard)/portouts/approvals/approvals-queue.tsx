'use client'

import { useState } from 'react'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { PendingProposal } from './pending-proposal'
import { PolicyView } from './policy-view'
import { ProposalHistory } from './proposal-history'
import { ProposeChange } from './propose-change'
import { useApprovalQueue } from './use-approvals'

/**
 * The four-eyes queue: the active policy, a draft (with its backtest while it is edited), the pending proposals
 * and the history. `proposeLockRule`: open with a draft that makes locks count (the offer of a lock that changes nothing). */
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
  const { data, error, mutate } = useApprovalQueue()
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
              onDone={async (text) => {
                setMessage({ tone: 'success', text })
                await mutate()
              }}
            />
          ))
        )}
      </section>

      <ProposalHistory proposals={decided} />
    </div>
  )
}
