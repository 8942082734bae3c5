// Pure: the issue lifecycle. open → acknowledged (by whom) → resolved, or snoozed until a time, or ignored.
// A signal that the condition holds opens the issue (or reopens a resolved one); a signal that it ended resolves
// it. A signal older than the newest one already applied to this issue changes nothing (a late job, a late update).
import type { IssueState } from './issue-kinds'
import type { IssueSignal } from './issue-signals'

export type IssueRecord = { state: IssueState; conditionAt: string | Date | null; count: number; snoozedUntil: string | Date | null }

/** What a change means to the people who get alerts: opened, reopened and resolved are sent; seen is only counted. */
export type IssueEvent = 'opened' | 'reopened' | 'resolved' | 'seen'

export type IssueChange = { state: IssueState; count: number; conditionAt: string; event: IssueEvent | null; seen: boolean }

export function applyIssueSignal(existing: IssueRecord | null, s: Pick<IssueSignal, 'action' | 'at'>): IssueChange | null {
  if (existing && existing.conditionAt !== null && new Date(s.at).getTime() < new Date(existing.conditionAt).getTime()) return null
  if (s.action === 'open') {
    if (!existing) return { state: 'open', count: 1, conditionAt: s.at, event: 'opened', seen: true }
    if (existing.state === 'resolved') return { state: 'open', count: existing.count + 1, conditionAt: s.at, event: 'reopened', seen: true }
    // Still open (acknowledged, snoozed or ignored as a person left it): one more occurrence, no new alert.
    return { state: existing.state, count: existing.count + 1, conditionAt: s.at, event: 'seen', seen: true }
  }
  if (!existing || existing.state === 'resolved') return null
  // An ignored issue resolves quietly: nobody wanted to hear about it.
  return {
    state: 'resolved',
    count: existing.count,
    conditionAt: s.at,
    event: existing.state === 'ignored' ? null : 'resolved',
    seen: false,
  }
}

/** The state a person sees: a snooze that ran out is open again. */
export function effectiveIssueState(i: { state: IssueState; snoozedUntil: string | Date | null }, now: Date): IssueState {
  if (i.state === 'snoozed' && (i.snoozedUntil === null || new Date(i.snoozedUntil).getTime() <= now.getTime())) return 'open'
  return i.state
}

export type IssueAction =
  { action: 'acknowledge' } | { action: 'snooze'; until: Date } | { action: 'ignore' } | { action: 'resolve' } | { action: 'reopen' }

/** What a person may do in each state; null: not allowed (the route answers 409 with the reason). */
export function applyIssueAction(state: IssueState, a: IssueAction, now: Date): { state: IssueState } | { refused: string } {
  if (a.action === 'snooze' && a.until.getTime() <= now.getTime()) return { refused: 'a snooze must end in the future' }
  if (a.action === 'reopen')
    return state === 'resolved' || state === 'ignored' ? { state: 'open' } : { refused: `the issue is ${state}, not closed` }
  if (state === 'resolved') return { refused: 'the issue is resolved; reopen it first' }
  const next: Record<Exclude<IssueAction['action'], 'reopen'>, IssueState> = {
    acknowledge: 'acknowledged',
    snooze: 'snoozed',
    ignore: 'ignored',
    resolve: 'resolved',
  }
  return { state: next[a.action] }
}
