'use client'

import { DataTable } from '@/components/ui/data-table'
import type { ActivePolicy } from '@/lib/db/portout-requests'
import {
  describeFallback,
  describeParams,
  describeReveal,
  describeRuleSentence,
  describeScope,
  ruleCodes,
} from '@/lib/portout/describe-policy'
import { diffPolicies, type DiffLine } from '@/lib/portout/diff-policies'
import { CODE_DESCRIPTIONS, type Policy, type RuleMode } from '@/lib/portout/portout-policy'
import { describeKind } from '@/lib/portout/rule-kinds'

/** A policy as a table of its rules, in the order they run, plus its fallback and what a denial reveals. */
export function PolicyView({ policy, testId }: { policy: Policy; testId?: string }) {
  return (
    <div className="space-y-4" data-testid={testId}>
      {policy.rules.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-rules">
          No rules: every readable port-out request is allowed.
        </p>
      ) : (
        <div className="relative overflow-x-auto">
          <DataTable
            caption="Rules, in the order they run"
            tone="tracked"
            head={
              <tr>
                <th scope="col" className="py-2 pr-3">
                  #
                </th>
                <th scope="col" className="py-2 pr-3">
                  Rule
                </th>
                <th scope="col" className="py-2 pr-3">
                  Code
                </th>
                <th scope="col" className="py-2 pr-3">
                  Scope
                </th>
                <th scope="col" className="py-2 pr-3">
                  Mode
                </th>
                <th scope="col" className="py-2">
                  Enabled
                </th>
              </tr>
            }
          >
            {policy.rules.map((rule, i) => {
              const codes = ruleCodes(rule)
              const params = describeParams(rule)
              return (
                <tr
                  key={rule.id}
                  className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
                  data-testid="policy-rule"
                  data-kind={rule.kind}
                >
                  <td className="py-2 pr-3 tabular-nums text-slate-600 dark:text-slate-400">{i + 1}</td>
                  <th scope="row" className="py-2 pr-3 font-normal">
                    <span className="font-mono">{rule.kind}</span>
                    {params ? <span className="ml-1 text-slate-600 dark:text-slate-400">({params})</span> : null}
                    <span className="block text-xs text-slate-500 dark:text-slate-400" data-testid="rule-sentence">
                      {describeKind(rule.kind).label}: {describeRuleSentence(rule)} · id <span className="font-mono">{rule.id}</span>
                    </span>
                  </th>
                  <td
                    className="py-2 pr-3 font-mono text-xs"
                    title={codes.length ? codes.map((c) => `${c} ${CODE_DESCRIPTIONS[c]}`).join('; ') : 'Never denies'}
                  >
                    {codes.length ? codes.join(', ') : '—'}
                  </td>
                  <td className="py-2 pr-3">{describeScope(rule.scope)}</td>
                  <td className="py-2 pr-3">
                    <ModeBadge mode={rule.mode} />
                  </td>
                  <td className="py-2">
                    {rule.enabled ? 'yes' : <span className="text-slate-600 dark:text-slate-400">no (skipped)</span>}
                  </td>
                </tr>
              )
            })}
          </DataTable>
        </div>
      )}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[14rem_1fr]">
        <dt className="text-slate-500 dark:text-slate-400">Unreadable request (fallback)</dt>
        <dd data-testid="policy-fallback">{describeFallback(policy.fallback)}</dd>
        <dt className="text-slate-500 dark:text-slate-400">AcceptableValues on a denial</dt>
        <dd data-testid="policy-reveal">{describeReveal(policy.reveal)}</dd>
      </dl>
    </div>
  )
}

function ModeBadge({ mode }: { mode: RuleMode }) {
  return mode === 'enforce' ? (
    <span className="whitespace-nowrap rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200">
      enforce
    </span>
  ) : (
    <span
      className="whitespace-nowrap rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200"
      title="Records what it would deny; does not change the answer"
    >
      monitor
    </span>
  )
}

const DIFF_TONE: Record<DiffLine['change'], string> = {
  added: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
  removed: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
  changed: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
  moved: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
  setting: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200',
}

/** What `proposed` changes in the active policy, line by line. */
export function PolicyDiff({ active, proposed, testId }: { active: ActivePolicy; proposed: Policy; testId?: string }) {
  const lines = diffPolicies(active.policy, proposed)
  return (
    <div className="space-y-2" data-testid={testId}>
      <h4 className="text-sm font-semibold">Changes from the active policy (v{active.version})</h4>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None: this is the same as the active policy.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {lines.map((l, i) => (
            <li key={i} className="flex items-start gap-2" data-change={l.change}>
              <span className={`mt-0.5 w-16 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${DIFF_TONE[l.change]}`}>
                {l.change}
              </span>
              <span className="break-words">{l.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
