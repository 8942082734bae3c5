import Link from 'next/link'
import type { LockEffect, LockEffectSummary } from '@/lib/portout/lock-effect'

// Whether a port-out lock changes anything under the active policy, wherever a lock is shown: a lock that
// no rule enforces must not read as protection. Where a rule would help, operators get the draft that adds it.

/** The approvals queue opens with a draft that adds (or switches on) an enforced locked_denied rule. */
export const PROPOSE_LOCK_RULE_HREF = '/portouts/approvals?propose=locked_denied'

const LINK =
  'font-medium text-indigo-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300'

/** One number's lock. `canPropose`: the viewer may propose rule changes ('rules:propose'). */
export function LockEffectNote({ effect, policyVersion, canPropose }: { effect: LockEffect; policyVersion: number; canPropose: boolean }) {
  return (
    <div className="space-y-0.5" data-testid="lock-effect" data-effective={String(effect.effective)}>
      <EffectBadge effective={effect.effective} />
      {effect.effective ? (
        <span className="block text-slate-600 dark:text-slate-400">
          Port-outs are denied with {effect.code} (rule “{effect.ruleId}”, policy v{policyVersion})
          {effect.exception ? `, ${effect.exception}` : ''}.
        </span>
      ) : (
        <>
          <span className="block text-slate-600 dark:text-slate-400">
            Under policy v{policyVersion}, {effect.reason}.
          </span>
          {effect.ruleWouldHelp ? <ProposeRule canPropose={canPropose} /> : null}
        </>
      )}
    </div>
  )
}

/** A lock just set on one number or a whole account. */
export function LockSummaryNote({ summary, canPropose }: { summary: LockEffectSummary & { policyVersion: number }; canPropose: boolean }) {
  const all = summary.effective === summary.numbers
  const counted = summary.numbers === 1 ? '' : ` for ${summary.effective} of ${summary.numbers} numbers`
  return (
    <div
      className={`space-y-1 rounded-md border px-3 py-2 text-sm ${all ? 'border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40' : 'border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950/40'}`}
      data-testid="lock-result-effect"
      data-effective={String(all)}
    >
      <p>
        <EffectBadge effective={all} />{' '}
        {all
          ? `Port-outs of ${summary.numbers === 1 ? 'this number' : `these ${summary.numbers} numbers`} are denied under policy v${summary.policyVersion}.`
          : `The lock is recorded, but under policy v${summary.policyVersion} it changes nothing${counted}: port-outs are answered as before.`}
      </p>
      {summary.reasons.length ? (
        <ul className="list-inside list-disc text-slate-700 dark:text-slate-300">
          {summary.reasons.map((r) => (
            <li key={r}>{r.charAt(0).toUpperCase() + r.slice(1)}.</li>
          ))}
        </ul>
      ) : null}
      {summary.ruleWouldHelp ? <ProposeRule canPropose={canPropose} /> : null}
    </div>
  )
}

function EffectBadge({ effective }: { effective: boolean }) {
  return effective ? (
    <span className="inline-block rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
      effective
    </span>
  ) : (
    <span className="inline-block rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
      not effective
    </span>
  )
}

function ProposeRule({ canPropose }: { canPropose: boolean }) {
  if (!canPropose)
    return (
      <span className="block text-slate-600 dark:text-slate-400">An operator can propose a locked_denied rule to make locks count.</span>
    )
  return (
    <Link href={PROPOSE_LOCK_RULE_HREF} className={`block ${LINK}`}>
      Propose a locked_denied rule
    </Link>
  )
}
