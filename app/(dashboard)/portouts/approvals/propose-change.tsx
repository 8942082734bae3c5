'use client'

import { useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, Select, TextInput } from '@/components/ui/field'
import type { PolicyProposalDto } from '@/lib/db/policy-proposals'
import type { ActivePolicy } from '@/lib/db/portout-requests'
import { REVEAL_FIELDS } from '@/lib/portout/describe-policy'
import {
  addDraftRule,
  describeIssue,
  fromDraft,
  moveDraftRule,
  removeDraftRule,
  toDraft,
  updateDraftRule,
  withLockedDeniedRule,
  type Draft,
} from '@/lib/portout/policy-draft'
import { CODE_DESCRIPTIONS, policySchema, RECOGNISED_CODES, type RecognisedCode } from '@/lib/portout/portout-policy'
import { describeKind, RULE_KINDS, type RuleKind } from '@/lib/portout/rule-kinds'
import { DraftBacktest } from './backtest-view'
import { PolicyDiff } from './policy-view'
import { CHECKBOX, RuleEditor } from './rule-editor'
import { submitProposal } from './use-approvals'

/**
 * Edit a copy of the active policy and submit it for approval. `withLockRule`: the copy starts with an
 * enforced locked_denied rule (the offer shown where a lock would otherwise change nothing).
 */
export function ProposeChange({
  active,
  withLockRule = false,
  onCancel,
  onProposed,
}: {
  active: ActivePolicy
  withLockRule?: boolean
  onCancel: () => void
  onProposed: (proposal: PolicyProposalDto) => Promise<void>
}) {
  const [draft, setDraft] = useState<Draft>(() =>
    withLockRule ? withLockedDeniedRule(toDraft(active.policy), new Date()) : toDraft(active.policy),
  )
  // A proposal is a whole policy: one drafted on an older version would silently undo what was approved since.
  const [draftBase, setDraftBase] = useState(active.version)
  const isOutdated = draftBase !== active.version
  const [newKind, setNewKind] = useState<RuleKind>('pin_match')
  const [problem, setProblem] = useState<string | null>(null)
  const [isSending, setIsSending] = useState(false)

  const parsed = policySchema.safeParse(fromDraft(draft))
  const issue = parsed.success ? null : describeIssue(draft, parsed.error.issues[0])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setProblem(null)
    if (!parsed.success) return setProblem(issue)
    if (isOutdated) return
    setIsSending(true)
    try {
      const { proposal } = await submitProposal({ summary: draft.summary.trim(), policy: parsed.data, baseVersion: draftBase })
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
                  onChange={(c) => setDraft((d) => updateDraftRule(d, rule.key, c))}
                  onMove={(by) => setDraft((d) => moveDraftRule(d, i, by))}
                  onRemove={() => setDraft((d) => removeDraftRule(d, rule.key))}
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
                      {k} — {describeKind(k).help}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Button type="button" variant="secondary" onClick={() => setDraft((d) => addDraftRule(d, newKind, new Date()))}>
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
            {REVEAL_FIELDS.map(({ key, label }) => (
              <label key={key} className="inline-flex items-center gap-2">
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  checked={draft.reveal[key]}
                  onChange={(e) => setDraft((d) => ({ ...d, reveal: { ...d.reveal, [key]: e.target.checked } }))}
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
        <DraftBacktest policy={parsed.success ? parsed.data : null} />

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
