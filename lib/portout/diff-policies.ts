// What a proposal changes in the active policy, line by line, for the approver to read before deciding.
import {
  describeFallback,
  describeParams,
  describeReveal,
  describeRule,
  describeScope,
  LOCAL_TIME,
  type DescribeOptions,
} from './describe-policy'
import type { Policy, Rule } from './portout-policy'

export type DiffLine = { change: 'added' | 'removed' | 'changed' | 'moved' | 'setting'; text: string }

/** Rule by rule (matched by id), then the order of the rules both keep, then fallback and reveal. */
export function diffPolicies(active: Policy, proposed: Policy, o: DescribeOptions = LOCAL_TIME): DiffLine[] {
  const lines: DiffLine[] = []
  const before = new Map(active.rules.map((r) => [r.id, r]))
  const after = new Map(proposed.rules.map((r) => [r.id, r]))
  for (const r of active.rules) if (!after.has(r.id)) lines.push({ change: 'removed', text: `${r.id}: ${describeRule(r, o)}` })
  proposed.rules.forEach((r, i) => {
    const old = before.get(r.id)
    if (!old) lines.push({ change: 'added', text: `#${i + 1} ${r.id}: ${describeRule(r, o)}` })
    else if (!sameJson(old, r)) lines.push({ change: 'changed', text: `${r.id}: ${describeRuleChanges(old, r, o).join('; ')}` })
  })
  const keptBefore = active.rules.filter((r) => after.has(r.id)).map((r) => r.id)
  const keptAfter = proposed.rules.filter((r) => before.has(r.id)).map((r) => r.id)
  if (keptBefore.join('\n') !== keptAfter.join('\n'))
    lines.push({ change: 'moved', text: `order: ${keptBefore.join(' → ')} becomes ${keptAfter.join(' → ')}` })
  if (!sameJson(active.fallback, proposed.fallback))
    lines.push({ change: 'setting', text: `fallback: ${describeFallback(active.fallback)} → ${describeFallback(proposed.fallback)}` })
  if (!sameJson(active.reveal, proposed.reveal))
    lines.push({ change: 'setting', text: `AcceptableValues: ${describeReveal(active.reveal)} → ${describeReveal(proposed.reveal)}` })
  return lines
}

function describeRuleChanges(old: Rule, next: Rule, o: DescribeOptions): string[] {
  const changes: string[] = []
  if (old.kind !== next.kind) changes.push(`kind ${old.kind} → ${next.kind}`)
  if (old.kind !== next.kind || !sameJson(old.params, next.params))
    changes.push(`${describeParams(old, o) || 'no options'} → ${describeParams(next, o) || 'no options'}`)
  if (!sameJson(old.scope, next.scope)) changes.push(`scope ${describeScope(old.scope)} → ${describeScope(next.scope)}`)
  if (old.mode !== next.mode) changes.push(`mode ${old.mode} → ${next.mode}`)
  if (old.enabled !== next.enabled) changes.push(next.enabled ? 'enabled' : 'disabled')
  return changes
}

/** Equal as JSON, whatever order the keys were written in (a stored policy and a fresh draft may differ there). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sorted(v)]),
  )
}
