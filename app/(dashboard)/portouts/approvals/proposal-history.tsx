'use client'

import { LocalTime } from '@/components/local-time'
import { Dash } from '@/components/portout-parts'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import type { PolicyProposalDto as Proposal } from '@/lib/db/policy-proposals'

/** Approved, rejected and withdrawn proposals, newest first. */
export function ProposalHistory({ proposals }: { proposals: Proposal[] }) {
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
            caption="Approved, rejected and withdrawn proposals, newest first"
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
                  ) : p.status === 'withdrawn' ? (
                    <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-100">
                      withdrawn by the proposer
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
