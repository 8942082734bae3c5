'use client'

import Link from 'next/link'
import { useId, useState, type FormEvent, type ReactNode } from 'react'
import useSWR from 'swr'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { LocalTime } from '@/components/local-time'
import { Button } from '@/components/ui/button'
import { Alert, Card, LoadError } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { EmptyState } from '@/components/ui/empty-state'
import { Field, Select, TextInput } from '@/components/ui/field'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'
import type { listPolicyProposals } from '@/lib/db/policy-proposals'
import type { ActivePolicy } from '@/lib/db/portout-requests'
import {
  CODE_DESCRIPTIONS,
  policySchema,
  RECOGNISED_CODES,
  RULE_KIND_CODES,
  RULE_KINDS,
  type Policy,
  type RecognisedCode,
  type Rule,
  type RuleKind,
  type RuleMode,
} from '@/lib/portout/portout-policy'
import { AnswerBadge, Dash, NumberLinks } from '../portouts-log'

type Proposal = Awaited<ReturnType<typeof listPolicyProposals>>[number]
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
const CHECKBOX =
  'h-4 w-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700'

/** What each kind checks, in words an operator reads before adding it. */
const KIND_HELP: Record<RuleKind, string> = {
  pin_required: 'The request must carry a PIN',
  pin_match: 'The PIN must match the one on file',
  account_required: 'The request must carry an account number',
  account_match: 'The account number must match the record',
  zip_required: 'The request must carry a ZIP code',
  zip_match: 'The ZIP code must match the record',
  name_match: 'The subscriber name must match the record',
  number_known: 'Every number must have a subscriber record',
  number_active: 'Every number must be active',
  max_numbers: 'At most this many numbers per request',
  locked_denied: 'Numbers locked by an operator are denied',
  unlock: 'Exempts numbers from every rule until a time (never denies)',
}

export function ApprovalsQueue({ canPropose, canApprove, userEmail }: { canPropose: boolean; canApprove: boolean; userEmail: string }) {
  const { data, error, mutate } = useSWR<ProposalsResponse>('/api/policy/proposals', fetchJson, { refreshInterval: 15_000 })
  const [isProposing, setIsProposing] = useState(false)
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
          onCancel={() => setIsProposing(false)}
          onProposed={async (proposal) => {
            setIsProposing(false)
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
/* Reading a policy                                                                                */

function PolicyView({ policy, testId }: { policy: Policy; testId?: string }) {
  return (
    <div className="space-y-4" data-testid={testId}>
      {policy.rules.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-rules">
          No rules: every readable port-out request is allowed.
        </p>
      ) : (
        <div className="overflow-x-auto">
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
              const code = ruleCode(rule)
              return (
                <tr
                  key={rule.id}
                  className="border-b border-slate-100 align-top last:border-0 dark:border-slate-800/60"
                  data-testid="policy-rule"
                  data-kind={rule.kind}
                >
                  <td className="py-2 pr-3 tabular-nums text-slate-500">{i + 1}</td>
                  <th scope="row" className="py-2 pr-3 font-normal">
                    <span className="font-mono">{rule.kind}</span>
                    {describeParams(rule) ? (
                      <span className="ml-1 text-slate-600 dark:text-slate-400">({describeParams(rule)})</span>
                    ) : null}
                    <span className="block text-xs text-slate-500 dark:text-slate-400">
                      {KIND_HELP[rule.kind]} · id <span className="font-mono">{rule.id}</span>
                    </span>
                  </th>
                  <td className="py-2 pr-3 font-mono text-xs" title={code ? CODE_DESCRIPTIONS[code] : 'Never denies'}>
                    {code ?? '—'}
                  </td>
                  <td className="py-2 pr-3">{describeScope(rule.scope)}</td>
                  <td className="py-2 pr-3">
                    <ModeBadge mode={rule.mode} />
                  </td>
                  <td className="py-2">{rule.enabled ? 'yes' : <span className="text-slate-500">no (skipped)</span>}</td>
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

function ruleCode(rule: Rule): RecognisedCode | null {
  if (rule.kind === 'locked_denied') return rule.params.code
  if (rule.kind === 'unlock') return null
  return RULE_KIND_CODES[rule.kind]
}

function describeParams(rule: Rule): string {
  if (rule.kind === 'max_numbers') return `max ${rule.params.max}`
  if (rule.kind === 'locked_denied') return `answers ${rule.params.code}`
  if (rule.kind === 'unlock') {
    const until = new Date(rule.params.until).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    return `${rule.params.numbers.join(', ')}${rule.params.pon ? `, PON ${rule.params.pon}` : ''}, until ${until}`
  }
  return ''
}

function describeScope(scope: Rule['scope']): string {
  if (scope.type === 'all') return 'all numbers'
  if (scope.type === 'tag') return `tag “${scope.tag}”`
  return `accounts ${scope.accounts.join(', ')}`
}

function describeFallback(fallback: Policy['fallback']): string {
  return fallback.portable ? 'Allow the port-out' : `Deny with ${fallback.code} “${fallback.description}”`
}

function describeReveal(reveal: Policy['reveal']): string {
  const shown = [
    reveal.telephoneNumbers && 'telephone numbers',
    reveal.accountNumber && 'account number',
    reveal.zipCode && 'ZIP code',
    reveal.subscriberName && 'subscriber name',
  ].filter(Boolean)
  return shown.length ? `${shown.join(', ')} (never the PIN)` : 'nothing'
}

function describeRule(rule: Rule): string {
  const params = describeParams(rule)
  return `${rule.kind}${params ? ` (${params})` : ''} · ${ruleCode(rule) ?? 'no code'} · ${describeScope(rule.scope)} · ${rule.mode}${rule.enabled ? '' : ' · disabled'}`
}

/* ---------------------------------------------------------------------------------------------- */
/* Differences between the active policy and a proposal                                           */

type DiffLine = { change: 'added' | 'removed' | 'changed' | 'moved' | 'setting'; text: string }

/** Rule by rule (matched by id), then the order of the rules both keep, then fallback and reveal. */
function diffPolicies(active: Policy, proposed: Policy): DiffLine[] {
  const lines: DiffLine[] = []
  const before = new Map(active.rules.map((r) => [r.id, r]))
  const after = new Map(proposed.rules.map((r) => [r.id, r]))
  for (const r of active.rules) if (!after.has(r.id)) lines.push({ change: 'removed', text: `${r.id}: ${describeRule(r)}` })
  proposed.rules.forEach((r, i) => {
    const old = before.get(r.id)
    if (!old) lines.push({ change: 'added', text: `#${i + 1} ${r.id}: ${describeRule(r)}` })
    else if (JSON.stringify(old) !== JSON.stringify(r))
      lines.push({ change: 'changed', text: `${r.id}: ${describeRuleChanges(old, r).join('; ')}` })
  })
  const keptBefore = active.rules.filter((r) => after.has(r.id)).map((r) => r.id)
  const keptAfter = proposed.rules.filter((r) => before.has(r.id)).map((r) => r.id)
  if (keptBefore.join('\n') !== keptAfter.join('\n'))
    lines.push({ change: 'moved', text: `order: ${keptBefore.join(' → ')} becomes ${keptAfter.join(' → ')}` })
  if (JSON.stringify(active.fallback) !== JSON.stringify(proposed.fallback))
    lines.push({ change: 'setting', text: `fallback: ${describeFallback(active.fallback)} → ${describeFallback(proposed.fallback)}` })
  if (JSON.stringify(active.reveal) !== JSON.stringify(proposed.reveal))
    lines.push({ change: 'setting', text: `AcceptableValues: ${describeReveal(active.reveal)} → ${describeReveal(proposed.reveal)}` })
  return lines
}

function describeRuleChanges(old: Rule, next: Rule): string[] {
  const changes: string[] = []
  if (old.kind !== next.kind) changes.push(`kind ${old.kind} → ${next.kind}`)
  if (JSON.stringify(old.params) !== JSON.stringify(next.params))
    changes.push(`${describeParams(old) || 'no parameters'} → ${describeParams(next) || 'no parameters'}`)
  if (JSON.stringify(old.scope) !== JSON.stringify(next.scope))
    changes.push(`scope ${describeScope(old.scope)} → ${describeScope(next.scope)}`)
  if (old.mode !== next.mode) changes.push(`mode ${old.mode} → ${next.mode}`)
  if (old.enabled !== next.enabled) changes.push(next.enabled ? 'enabled' : 'disabled')
  return changes
}

function PolicyDiff({ active, proposed, testId }: { active: ActivePolicy; proposed: Policy; testId?: string }) {
  const lines = diffPolicies(active.policy, proposed)
  const tone: Record<DiffLine['change'], string> = {
    added: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200',
    removed: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200',
    changed: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200',
    moved: 'bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200',
    setting: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200',
  }
  return (
    <div className="space-y-2" data-testid={testId}>
      <h4 className="text-sm font-semibold">Changes from the active policy (v{active.version})</h4>
      {lines.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">None: this is the same as the active policy.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {lines.map((l, i) => (
            <li key={i} className="flex items-start gap-2" data-change={l.change}>
              <span className={`mt-0.5 w-16 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${tone[l.change]}`}>
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
            <p className="text-sm text-slate-600 dark:text-slate-400">You proposed this change: another admin has to decide it.</p>
          ) : null}
          <Field label="Comment" hint="Required: say why, in a few words. Kept with the decision and in the audit log.">
            <textarea
              name="comment"
              required
              maxLength={500}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
            />
          </Field>
          {problem ? <Alert>{problem}</Alert> : null}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" onClick={() => setDecision('approve')} disabled={isSending}>
              Approve
            </Button>
            <Button type="submit" variant="danger" onClick={() => setDecision('reject')} disabled={isSending}>
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
            <div className="overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
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

/* ---------------------------------------------------------------------------------------------- */
/* Proposing: edit a copy of the active policy                                                     */

type ScopeType = Rule['scope']['type']
/** A rule as the form holds it: every field a string or boolean, whatever its kind. */
type DraftRule = {
  key: number
  id: string
  kind: RuleKind
  mode: RuleMode
  enabled: boolean
  scopeType: ScopeType
  tag: string
  accounts: string
  max: string
  lockCode: RecognisedCode
  unlockNumbers: string
  unlockPon: string
  /** ISO instant; the input shows it in local time. */
  unlockUntil: string
}
type Draft = {
  rules: DraftRule[]
  fallbackPortable: boolean
  fallbackCode: RecognisedCode
  fallbackDescription: string
  reveal: Policy['reveal']
  summary: string
}

let nextKey = 1

function toDraftRule(rule: Rule): DraftRule {
  return {
    key: nextKey++,
    id: rule.id,
    kind: rule.kind,
    mode: rule.mode,
    enabled: rule.enabled,
    scopeType: rule.scope.type,
    tag: rule.scope.type === 'tag' ? rule.scope.tag : '',
    accounts: rule.scope.type === 'accounts' ? rule.scope.accounts.join(', ') : '',
    max: rule.kind === 'max_numbers' ? String(rule.params.max) : '10',
    lockCode: rule.kind === 'locked_denied' ? rule.params.code : '7518',
    unlockNumbers: rule.kind === 'unlock' ? rule.params.numbers.join(', ') : '',
    unlockPon: rule.kind === 'unlock' ? (rule.params.pon ?? '') : '',
    unlockUntil: rule.kind === 'unlock' ? rule.params.until : new Date(Date.now() + 24 * 3_600_000).toISOString(),
  }
}

function toDraft(policy: Policy): Draft {
  return {
    rules: policy.rules.map(toDraftRule),
    fallbackPortable: policy.fallback.portable,
    fallbackCode: policy.fallback.portable ? '7598' : policy.fallback.code,
    fallbackDescription: policy.fallback.portable ? CODE_DESCRIPTIONS['7598'] : policy.fallback.description,
    reveal: { ...policy.reveal },
    summary: '',
  }
}

function newDraftRule(kind: RuleKind, taken: string[]): DraftRule {
  const base = kind.replace(/_/g, '-')
  let id = base
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`
  const defaults = toDraftRule({ id, kind: 'pin_match', params: {}, scope: { type: 'all' }, mode: 'monitor', enabled: true })
  return { ...defaults, kind }
}

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** The draft as the API's policy; validated with the same schema the server uses. */
function fromDraft(d: Draft): unknown {
  return {
    rules: d.rules.map((r) => {
      const scope =
        r.scopeType === 'all'
          ? { type: 'all' }
          : r.scopeType === 'tag'
            ? { type: 'tag', tag: r.tag.trim() }
            : { type: 'accounts', accounts: splitList(r.accounts) }
      const params =
        r.kind === 'max_numbers'
          ? { max: Number(r.max) }
          : r.kind === 'locked_denied'
            ? { code: r.lockCode }
            : r.kind === 'unlock'
              ? {
                  numbers: splitList(r.unlockNumbers).map((n) => normalizeTelephoneNumber(n) ?? n),
                  until: r.unlockUntil,
                  ...(r.unlockPon.trim() ? { pon: r.unlockPon.trim() } : {}),
                }
              : {}
      return { id: r.id.trim(), kind: r.kind, params, scope, mode: r.mode, enabled: r.enabled }
    }),
    fallback: d.fallbackPortable
      ? { portable: true }
      : { portable: false, code: d.fallbackCode, description: d.fallbackDescription.trim() },
    reveal: d.reveal,
  }
}

/** "rules.0.params.max: Too small" → "Rule 1 (max-numbers), max: …": the field an operator can find. */
function describeIssue(draft: Draft, issue: { path: PropertyKey[]; message: string }): string {
  const [first, index, ...rest] = issue.path
  if (first === 'rules' && typeof index === 'number') {
    const rule = draft.rules[index]
    const field = rest.filter((p) => p !== 'params' && typeof p !== 'number').join('.')
    return `Rule ${index + 1}${rule?.id ? ` (${rule.id})` : ''}${field ? `, ${field}` : ''}: ${issue.message}`
  }
  return `${issue.path.join('.') || 'policy'}: ${issue.message}`
}

function ProposeChange({
  active,
  onCancel,
  onProposed,
}: {
  active: ActivePolicy
  onCancel: () => void
  onProposed: (proposal: Proposal) => Promise<void>
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(active.policy))
  // A proposal is a whole policy: one drafted on an older version would silently undo what was approved since.
  const [draftBase, setDraftBase] = useState(active.version)
  const isOutdated = draftBase !== active.version
  const [newKind, setNewKind] = useState<RuleKind>('pin_match')
  const [problem, setProblem] = useState<string | null>(null)
  const [isSending, setIsSending] = useState(false)

  const parsed = policySchema.safeParse(fromDraft(draft))
  const issue = parsed.success ? null : describeIssue(draft, parsed.error.issues[0])

  const setRule = (key: number, change: Partial<DraftRule>) =>
    setDraft((d) => ({ ...d, rules: d.rules.map((r) => (r.key === key ? { ...r, ...change } : r)) }))
  const move = (index: number, by: -1 | 1) =>
    setDraft((d) => {
      const rules = [...d.rules]
      const [rule] = rules.splice(index, 1)
      rules.splice(index + by, 0, rule)
      return { ...d, rules }
    })
  const remove = (key: number) => setDraft((d) => ({ ...d, rules: d.rules.filter((r) => r.key !== key) }))
  const add = () =>
    setDraft((d) => ({
      ...d,
      rules: [
        ...d.rules,
        newDraftRule(
          newKind,
          d.rules.map((r) => r.id),
        ),
      ],
    }))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setProblem(null)
    if (!parsed.success) return setProblem(issue)
    if (isOutdated) return
    setIsSending(true)
    try {
      const { proposal } = await sendJson<{ proposal: Proposal }>('POST', '/api/policy/proposals', {
        summary: draft.summary.trim(),
        policy: parsed.data,
        baseVersion: draftBase,
      })
      await onProposed(proposal)
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsSending(false)
    }
  }

  return (
    <Card title="Propose a change" description={`A copy of v${draftBase}. Nothing changes until another admin approves it.`}>
      <form onSubmit={submit} className="space-y-6" aria-label="Propose a policy change">
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">Rules, in the order they run</legend>
          {draft.rules.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No rules: every readable request would be allowed.</p>
          ) : null}
          <ol className="space-y-3">
            {draft.rules.map((rule, i) => (
              <li key={rule.key}>
                <RuleEditor
                  rule={rule}
                  position={i + 1}
                  count={draft.rules.length}
                  onChange={(c) => setRule(rule.key, c)}
                  onMove={(by) => move(i, by)}
                  onRemove={() => remove(rule.key)}
                />
              </li>
            ))}
          </ol>
          <div className="flex flex-wrap items-end gap-3 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-700">
            <div className="min-w-72">
              <Field label="New rule">
                <Select value={newKind} onChange={(e) => setNewKind(e.target.value as RuleKind)}>
                  {RULE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k} — {KIND_HELP[k]}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="button" variant="secondary" onClick={add}>
              Add rule
            </Button>
            <p className="w-full text-xs text-slate-500 dark:text-slate-400">
              New rules start in monitor mode: they record what they would deny without changing any answer. Switch them to enforce once the
              backtest looks right.
            </p>
          </div>
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-3">
          <legend className="mb-2 text-sm font-semibold sm:col-span-3">When a request cannot be evaluated (unreadable, no numbers)</legend>
          <Field label="Fallback answer">
            <Select
              value={draft.fallbackPortable ? 'allow' : 'deny'}
              onChange={(e) => setDraft((d) => ({ ...d, fallbackPortable: e.target.value === 'allow' }))}
            >
              <option value="deny">Deny with a code</option>
              <option value="allow">Allow the port-out</option>
            </Select>
          </Field>
          {draft.fallbackPortable ? null : (
            <>
              <Field label="Fallback code">
                <Select
                  value={draft.fallbackCode}
                  onChange={(e) => setDraft((d) => ({ ...d, fallbackCode: e.target.value as RecognisedCode }))}
                >
                  {RECOGNISED_CODES.map((c) => (
                    <option key={c} value={c}>
                      {c} — {CODE_DESCRIPTIONS[c]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Fallback description" hint="Reaches the winning carrier: one line, no subscriber data.">
                <TextInput
                  value={draft.fallbackDescription}
                  maxLength={120}
                  onChange={(e) => setDraft((d) => ({ ...d, fallbackDescription: e.target.value }))}
                />
              </Field>
            </>
          )}
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-semibold">AcceptableValues on a denial</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            What Bandwidth keeps for dispute review (not sent to the carrier). The PIN is never included.
          </p>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {(
              [
                ['telephoneNumbers', 'Telephone numbers'],
                ['accountNumber', 'Account number'],
                ['zipCode', 'ZIP code'],
                ['subscriberName', 'Subscriber name'],
              ] as const
            ).map(([field, label]) => (
              <label key={field} className="inline-flex items-center gap-2">
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  checked={draft.reveal[field]}
                  onChange={(e) => setDraft((d) => ({ ...d, reveal: { ...d.reveal, [field]: e.target.checked } }))}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>

        <div className="max-w-2xl">
          <Field label="Summary" hint="What this change does and why: the approver reads it first.">
            <TextInput
              value={draft.summary}
              required
              minLength={3}
              maxLength={300}
              onChange={(e) => setDraft((d) => ({ ...d, summary: e.target.value }))}
              placeholder="e.g. Require a matching PIN on every number"
            />
          </Field>
        </div>

        <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
          {parsed.success ? (
            <PolicyDiff active={active} proposed={parsed.data} testId="draft-diff" />
          ) : (
            <p className="text-sm text-amber-800 dark:text-amber-300">{issue}</p>
          )}
        </div>

        {isOutdated ? (
          <div
            className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
            role="alert"
          >
            <span>
              v{active.version} was approved while you edited this copy of v{draftBase}. Submitting it would undo that change, so start
              again from v{active.version}.
            </span>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                setDraft((d) => ({ ...toDraft(active.policy), summary: d.summary }))
                setDraftBase(active.version)
              }}
            >
              Start again from v{active.version}
            </Button>
          </div>
        ) : null}
        {problem ? <Alert>{problem}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={isSending || !parsed.success || isOutdated}>
            {isSending ? 'Submitting…' : 'Submit for approval'}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Discard
          </Button>
        </div>
      </form>
    </Card>
  )
}

function RuleEditor({
  rule,
  position,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  rule: DraftRule
  position: number
  count: number
  onChange: (c: Partial<DraftRule>) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const name = `Rule ${position}: ${rule.kind}`
  const code = rule.kind === 'locked_denied' ? rule.lockCode : rule.kind === 'unlock' ? null : RULE_KIND_CODES[rule.kind]
  return (
    <fieldset
      className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800"
      data-testid="draft-rule"
      data-kind={rule.kind}
    >
      <legend className="px-1 text-sm font-medium">
        {name} <span className="font-normal text-slate-500 dark:text-slate-400">{code ? `(${code})` : '(exemption)'}</span>
      </legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{KIND_HELP[rule.kind]}.</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Rule id">
          <TextInput value={rule.id} maxLength={64} onChange={(e) => onChange({ id: e.target.value })} spellCheck={false} />
        </Field>
        <Field label="Mode">
          <Select value={rule.mode} onChange={(e) => onChange({ mode: e.target.value as RuleMode })}>
            <option value="enforce">enforce: denies</option>
            <option value="monitor">monitor: only records</option>
          </Select>
        </Field>
        <Field label="Scope">
          <Select value={rule.scopeType} onChange={(e) => onChange({ scopeType: e.target.value as ScopeType })}>
            <option value="all">All numbers</option>
            <option value="tag">Numbers with a tag</option>
            <option value="accounts">Some accounts</option>
          </Select>
        </Field>
        {rule.scopeType === 'tag' ? (
          <Field label="Tag">
            <TextInput value={rule.tag} maxLength={100} onChange={(e) => onChange({ tag: e.target.value })} />
          </Field>
        ) : rule.scopeType === 'accounts' ? (
          <Field label="Accounts" hint="Comma-separated account numbers">
            <TextInput value={rule.accounts} onChange={(e) => onChange({ accounts: e.target.value })} spellCheck={false} />
          </Field>
        ) : null}
        {rule.kind === 'max_numbers' ? (
          <Field label="Maximum numbers per request">
            <TextInput type="number" min={1} max={1000} value={rule.max} onChange={(e) => onChange({ max: e.target.value })} />
          </Field>
        ) : null}
        {rule.kind === 'locked_denied' ? (
          <Field label="Answer locked numbers with">
            <Select value={rule.lockCode} onChange={(e) => onChange({ lockCode: e.target.value as RecognisedCode })}>
              {RECOGNISED_CODES.map((c) => (
                <option key={c} value={c}>
                  {c} — {CODE_DESCRIPTIONS[c]}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      {rule.kind === 'unlock' ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Numbers to exempt" hint="Any format, separated by commas or spaces">
            <TextInput value={rule.unlockNumbers} onChange={(e) => onChange({ unlockNumbers: e.target.value })} spellCheck={false} />
          </Field>
          <Field label="Only for PON (optional)">
            <TextInput
              value={rule.unlockPon}
              maxLength={100}
              onChange={(e) => onChange({ unlockPon: e.target.value })}
              spellCheck={false}
            />
          </Field>
          <Field label="Until" hint="Your local time; the exemption ends at this instant">
            <TextInput
              type="datetime-local"
              value={toLocalInput(rule.unlockUntil)}
              onChange={(e) => {
                const at = new Date(e.target.value)
                if (!Number.isNaN(at.getTime())) onChange({ unlockUntil: at.toISOString() })
              }}
            />
          </Field>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <label className="mr-2 inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className={CHECKBOX} checked={rule.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
          Enabled
        </label>
        <SmallButton onClick={() => onMove(-1)} disabled={position === 1} detail={`: move rule ${position} up`}>
          <span aria-hidden>↑</span> Up
        </SmallButton>
        <SmallButton onClick={() => onMove(1)} disabled={position === count} detail={`: move rule ${position} down`}>
          <span aria-hidden>↓</span> Down
        </SmallButton>
        <SmallButton onClick={onRemove} detail={` rule ${position}`} danger>
          Delete
        </SmallButton>
      </div>
    </fieldset>
  )
}

/** `detail` completes the visible text for screen readers ("Delete" → "Delete rule 2"). */
function SmallButton({
  onClick,
  disabled,
  detail,
  danger,
  children,
}: {
  onClick: () => void
  disabled?: boolean
  detail: string
  danger?: boolean
  children: ReactNode
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`rounded-md border px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 ${danger ? 'border-rose-300 text-rose-700 hover:bg-rose-50 dark:border-rose-800 dark:text-rose-300 dark:hover:bg-rose-950' : 'border-slate-300 text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800'}`}
    >
      {children}
      <span className="sr-only">{detail}</span>
    </button>
  )
}

/** ISO instant → the value of a datetime-local input, in the operator's time zone. */
function toLocalInput(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
