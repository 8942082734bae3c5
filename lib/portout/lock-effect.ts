// Whether locking a number changes anything: a lock is only data until the active policy has an enabled,
// enforced locked_denied rule whose scope covers the number's record (and no unlock exempts it). Saying
// "Locked" without this is a false sense of safety against SIM-swap port-outs. Same helpers as the engine.
import { isInScope, isLocked, unlockExempts, type SubscriberRecord } from './evaluate-portout-request'
import { describeScope } from './describe-policy'
import type { Policy, Rule, RuleOf, RuleScope } from './portout-policy'
import type { RecognisedCode } from './response-codes'
import { formatDateTime } from '../format/format-date-time'

export type LockIneffective = 'not_locked' | 'expired' | 'no_rule' | 'rule_disabled' | 'rule_monitor' | 'out_of_scope' | 'unlocked'

export type LockEffect =
  | {
      effective: true
      /** The locked_denied rule that denies it, and the code it answers. */
      ruleId: string
      code: RecognisedCode
      /** An unlock that lets one PON through, if any. */
      exception: string | null
    }
  | {
      effective: false
      why: LockIneffective
      /** One sentence for the operator. */
      reason: string
      /** Whether proposing an enforced locked_denied rule for all numbers would make the lock count. */
      ruleWouldHelp: boolean
    }

/** Is `record`'s lock effective under `policy` at `now`? See the header. */
export function lockEffect(policy: Policy, record: SubscriberRecord, now: Date): LockEffect {
  if (!record.lock) return notEffective('not_locked', 'the number is not locked', false)
  if (!isLocked(record, now)) return notEffective('expired', `the lock ended at ${instant(record.lock.until!)}`, false)

  const lockRules = policy.rules.filter((r): r is RuleOf<'locked_denied'> => r.kind === 'locked_denied')
  const covering = lockRules.filter((r) => isInScope(r.scope, record))
  const enforcing = covering.find((r) => r.enabled && r.mode === 'enforce')
  if (!enforcing) return withoutEnforcingRule(lockRules, covering)

  const unlocks = policy.rules.filter((r): r is RuleOf<'unlock'> => r.kind === 'unlock')
  // An unlock without a PON lets every request through; one with a PON only that PON's.
  const open = unlocks.find((u) => u.params.pon === undefined && unlockExempts(u, record.e164, record, undefined, now))
  if (open)
    return notEffective('unlocked', `unlock rule “${open.id}” exempts this number until ${instant(new Date(open.params.until))}`, false)
  const forPon = unlocks.find((u) => u.params.pon !== undefined && unlockExempts(u, record.e164, record, u.params.pon, now))
  const exception = forPon
    ? `except for PON ${forPon.params.pon} until ${instant(new Date(forPon.params.until))} (unlock rule “${forPon.id}”)`
    : null
  return { effective: true, ruleId: enforcing.id, code: enforcing.params.code, exception }
}

/** Several numbers locked at once (a whole account): how many the lock protects, and why not the others. */
export function summariseLockEffects(effects: readonly LockEffect[]) {
  const ineffective = effects.filter((e) => !e.effective)
  return {
    numbers: effects.length,
    effective: effects.length - ineffective.length,
    reasons: [...new Set(ineffective.map((e) => e.reason))].slice(0, 5),
    ruleWouldHelp: ineffective.some((e) => e.ruleWouldHelp),
  }
}
export type LockEffectSummary = ReturnType<typeof summariseLockEffects>

function withoutEnforcingRule(lockRules: readonly RuleOf<'locked_denied'>[], covering: readonly Rule[]): LockEffect {
  if (lockRules.length === 0)
    return notEffective('no_rule', 'there is no locked_denied rule, so port-outs are answered as if the number were not locked')
  const monitoring = covering.find((r) => r.enabled && r.mode === 'monitor')
  if (monitoring)
    return notEffective('rule_monitor', `locked_denied rule “${monitoring.id}” is in monitor mode: it records the lock but does not deny`)
  const disabled = covering.find((r) => !r.enabled)
  if (disabled) return notEffective('rule_disabled', `locked_denied rule “${disabled.id}” is disabled`)
  const scopes = lockRules.map((r) => `“${r.id}” covers ${scopeWithoutAccounts(r.scope)}`).join('; ')
  return notEffective('out_of_scope', `no locked_denied rule covers this number (${scopes})`)
}

/** Account numbers are CPNI: a reason shown to every role names how many accounts a rule lists, not which. */
function scopeWithoutAccounts(scope: RuleScope): string {
  if (scope.type !== 'accounts') return describeScope(scope)
  return `${scope.accounts.length} listed ${scope.accounts.length === 1 ? 'account' : 'accounts'}`
}

function notEffective(why: LockIneffective, reason: string, ruleWouldHelp = true): LockEffect {
  return { effective: false, why, reason, ruleWouldHelp }
}

/** In UTC, labelled: the reason is built on the server and read in any zone. */
function instant(at: Date): string {
  return formatDateTime(at)
}
