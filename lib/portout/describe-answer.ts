// Pure: how screens read a stored port-out answer: each code spelled out, and the fired rules of its decision.
import type { FiredRule } from './evaluate-portout-request'
import { CODE_DESCRIPTIONS, type RecognisedCode } from './portout-policy'

/** "7513" → "PIN Invalid"; a code Portwatch does not answer with says so. */
export function describeCode(code: string): string {
  return code in CODE_DESCRIPTIONS ? CODE_DESCRIPTIONS[code as RecognisedCode] : 'Unrecognised code'
}

/** The stored decision is JSON: keep only entries shaped like a FiredRule (the one place that trusts it). */
export function toFiredRules(items: unknown[]): FiredRule[] {
  return items.filter((f): f is FiredRule => {
    if (typeof f !== 'object' || f === null) return false
    const o = f as Record<string, unknown>
    return (
      typeof o.ruleId === 'string' &&
      typeof o.kind === 'string' &&
      (o.mode === 'enforce' || o.mode === 'monitor') &&
      typeof o.code === 'string' &&
      Array.isArray(o.numbers) &&
      typeof o.reason === 'string'
    )
  })
}
