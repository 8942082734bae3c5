// A policy in words, for the approval queue and anything else that shows one: every rule's codes,
// options and scope, the fallback and what a denial reveals. Rule wording comes from the kind's descriptor.
import type { Policy, Rule, RuleScope } from './portout-policy'
import type { RecognisedCode } from './response-codes'
import { capitalise, describeKind, REQUEST_FIELDS, type DescribeOptions } from './rule-kinds'
import { formatDateTime } from '../format/format-date-time'

export type { DescribeOptions }

/** Instants in the zone where this runs (the browser: the reader's own), labelled with it, in the one format. */
export const LOCAL_TIME: DescribeOptions = {
  formatInstant: (iso) => formatDateTime(iso, { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
}

/** What `reveal` may put into AcceptableValues, in the order the screens list it (never the PIN). */
export const REVEAL_FIELDS = (
  ['telephoneNumbers', 'accountNumber', 'zipCode', 'subscriberName'] as const satisfies (keyof Policy['reveal'])[]
).map((key) => ({ key, noun: REQUEST_FIELDS[key].noun, label: capitalise(REQUEST_FIELDS[key].noun) }))

/** Every code the rule can answer, the main one first; empty for an exemption (it never denies). */
export function ruleCodes(rule: Rule): RecognisedCode[] {
  return describeKind(rule.kind).codesOf(rule.params)
}

/** The options in a few words ("max 10"), or '' for a kind that has none. */
export function describeParams(rule: Rule, o: DescribeOptions = LOCAL_TIME): string {
  return describeKind(rule.kind).describeParams(rule.params, o)
}

/** The rule in a sentence an operator reads before approving it. */
export function describeRuleSentence(rule: Rule, o: DescribeOptions = LOCAL_TIME): string {
  return describeKind(rule.kind).sentence(rule.params, o)
}

export function describeScope(scope: RuleScope): string {
  if (scope.type === 'all') return 'all numbers'
  if (scope.type === 'tag') return `tag “${scope.tag}”`
  return `accounts ${scope.accounts.join(', ')}`
}

export function describeFallback(fallback: Policy['fallback']): string {
  return fallback.portable ? 'Allow the port-out' : `Deny with ${fallback.code} “${fallback.description}”`
}

export function describeReveal(reveal: Policy['reveal']): string {
  const shown = REVEAL_FIELDS.filter((f) => reveal[f.key]).map((f) => f.noun)
  return shown.length ? `${shown.join(', ')} (never the PIN)` : 'nothing'
}

/** One line: kind (options) · main code · scope · mode, and "disabled" when it is. */
export function describeRule(rule: Rule, o: DescribeOptions = LOCAL_TIME): string {
  const params = describeParams(rule, o)
  const code = ruleCodes(rule)[0] ?? 'no code'
  return `${rule.kind}${params ? ` (${params})` : ''} · ${code} · ${describeScope(rule.scope)} · ${rule.mode}${rule.enabled ? '' : ' · disabled'}`
}
