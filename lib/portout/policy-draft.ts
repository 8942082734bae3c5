// The approval queue's form model: a copy of a policy as the editor holds it (every field text or a
// flag), the edits an operator makes, and the way back to a policy for policySchema to check. Each kind's
// options are read and written by its descriptor, so a new option needs no change here.
import { CODE_DESCRIPTIONS, type RecognisedCode } from './response-codes'
import type { Policy, Rule, RuleMode, RuleScope } from './portout-policy'
import { describeKind, splitList, type FormValues, type RuleKind } from './rule-kinds'

export type ScopeType = RuleScope['type']

/** A rule as the form holds it. `key` tells React which editor is which while ids are being typed. */
export type DraftRule = {
  key: number
  id: string
  kind: RuleKind
  mode: RuleMode
  enabled: boolean
  scopeType: ScopeType
  tag: string
  accounts: string
  /** The kind's options as its descriptor's form fields hold them. */
  params: FormValues
}

export type Draft = {
  rules: DraftRule[]
  fallbackPortable: boolean
  fallbackCode: RecognisedCode
  fallbackDescription: string
  reveal: Policy['reveal']
  summary: string
}

export function toDraft(policy: Policy): Draft {
  return {
    rules: policy.rules.map((rule, i) => toDraftRule(rule, i + 1)),
    fallbackPortable: policy.fallback.portable,
    fallbackCode: policy.fallback.portable ? '7598' : policy.fallback.code,
    fallbackDescription: policy.fallback.portable ? CODE_DESCRIPTIONS['7598'] : policy.fallback.description,
    reveal: { ...policy.reveal },
    summary: '',
  }
}

function toDraftRule(rule: Rule, key: number): DraftRule {
  return {
    key,
    id: rule.id,
    kind: rule.kind,
    mode: rule.mode,
    enabled: rule.enabled,
    scopeType: rule.scope.type,
    tag: rule.scope.type === 'tag' ? rule.scope.tag : '',
    accounts: rule.scope.type === 'accounts' ? rule.scope.accounts.join(', ') : '',
    params: describeKind(rule.kind).form.toForm(rule.params),
  }
}

/**
 * Appends a rule of `kind` with the kind's default options and an id not yet taken ("zip-match", "zip-match-2"…).
 * New rules start in monitor mode: they record what they would deny without changing any answer.
 */
export function addDraftRule(draft: Draft, kind: RuleKind, now: Date, mode: RuleMode = 'monitor'): Draft {
  const taken = new Set(draft.rules.map((r) => r.id))
  const base = kind.replace(/_/g, '-')
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  const d = describeKind(kind)
  const rule: DraftRule = {
    key: Math.max(0, ...draft.rules.map((r) => r.key)) + 1,
    id,
    kind,
    mode,
    enabled: true,
    scopeType: 'all',
    tag: '',
    accounts: '',
    params: d.form.toForm(d.defaultParams(now)),
  }
  return { ...draft, rules: [...draft.rules, rule] }
}

export function updateDraftRule(draft: Draft, key: number, change: Partial<Omit<DraftRule, 'key' | 'kind'>>): Draft {
  return { ...draft, rules: draft.rules.map((r) => (r.key === key ? { ...r, ...change } : r)) }
}

export function moveDraftRule(draft: Draft, index: number, by: -1 | 1): Draft {
  const to = index + by
  if (index < 0 || index >= draft.rules.length || to < 0 || to >= draft.rules.length) return draft
  const rules = [...draft.rules]
  const [rule] = rules.splice(index, 1)
  rules.splice(to, 0, rule)
  return { ...draft, rules }
}

export function removeDraftRule(draft: Draft, key: number): Draft {
  return { ...draft, rules: draft.rules.filter((r) => r.key !== key) }
}

/**
 * What makes every lock count: an enabled, enforced locked_denied rule for all numbers. An existing one for
 * all numbers that is disabled or only monitoring is switched on; otherwise one is added.
 */
export function withLockedDeniedRule(draft: Draft, now: Date): Draft {
  const summary = draft.summary || 'Deny port-outs of locked numbers'
  const existing = draft.rules.find((r) => r.kind === 'locked_denied' && r.scopeType === 'all')
  if (existing) return { ...updateDraftRule(draft, existing.key, { enabled: true, mode: 'enforce' }), summary }
  return { ...addDraftRule(draft, 'locked_denied', now, 'enforce'), summary }
}

/** The draft as the API's policy; the caller validates it with policySchema, as the server does. */
export function fromDraft(d: Draft): unknown {
  return {
    rules: d.rules.map((r) => {
      const scope =
        r.scopeType === 'all'
          ? { type: 'all' }
          : r.scopeType === 'tag'
            ? { type: 'tag', tag: r.tag.trim() }
            : { type: 'accounts', accounts: splitList(r.accounts) }
      const params = describeKind(r.kind).form.fromForm(r.params)
      return { id: r.id.trim(), kind: r.kind, params, scope, mode: r.mode, enabled: r.enabled }
    }),
    fallback: d.fallbackPortable
      ? { portable: true }
      : { portable: false, code: d.fallbackCode, description: d.fallbackDescription.trim() },
    reveal: d.reveal,
  }
}

/** "rules.0.params.max: Too small" → "Rule 1 (max-numbers), Maximum numbers per request: …": what the operator sees. */
export function describeIssue(draft: Draft, issue: { path: readonly PropertyKey[]; message: string }): string {
  const [first, index, ...rest] = issue.path
  if (first === 'rules' && typeof index === 'number') {
    const rule = draft.rules[index]
    const names = rest.filter((p): p is string => p !== 'params' && typeof p === 'string')
    const label = rule && rest[0] === 'params' ? describeKind(rule.kind).form.fields.find((f) => f.name === names[0])?.label : undefined
    const field = label ?? names.join('.')
    return `Rule ${index + 1}${rule?.id ? ` (${rule.id})` : ''}${field ? `, ${field}` : ''}: ${issue.message}`
  }
  return `${issue.path.map(String).join('.') || 'policy'}: ${issue.message}`
}
