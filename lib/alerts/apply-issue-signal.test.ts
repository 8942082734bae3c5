import { describe, expect, it } from 'vitest'
import { applyIssueAction, applyIssueSignal, effectiveIssueState } from './apply-issue-signal'

const open = (at: string) => ({ action: 'open' as const, at })
const clear = (at: string) => ({ action: 'clear' as const, at })

describe('applyIssueSignal', () => {
  it('opens, counts repeats without a new alert, resolves, reopens', () => {
    const a = applyIssueSignal(null, open('2026-12-01T10:00:00Z'))!
    expect(a).toMatchObject({ state: 'open', count: 1, event: 'opened' })
    const b = applyIssueSignal({ ...a, snoozedUntil: null }, open('2026-12-01T11:00:00Z'))!
    expect(b).toMatchObject({ state: 'open', count: 2, event: 'seen' })
    const c = applyIssueSignal({ ...b, snoozedUntil: null }, clear('2026-12-01T12:00:00Z'))!
    expect(c).toMatchObject({ state: 'resolved', event: 'resolved' })
    const d = applyIssueSignal({ ...c, snoozedUntil: null }, open('2026-12-01T13:00:00Z'))!
    expect(d).toMatchObject({ state: 'open', count: 3, event: 'reopened' })
  })

  it('an older signal than the newest applied changes nothing', () => {
    const existing = { state: 'resolved' as const, conditionAt: '2026-12-01T12:00:00Z', count: 1, snoozedUntil: null }
    expect(applyIssueSignal(existing, open('2026-12-01T11:00:00Z'))).toBeNull()
  })

  it('a clear with nothing open does nothing; an acknowledged issue resolves; an ignored one resolves quietly', () => {
    expect(applyIssueSignal(null, clear('2026-12-01T10:00:00Z'))).toBeNull()
    const ack = { state: 'acknowledged' as const, conditionAt: null, count: 1, snoozedUntil: null }
    expect(applyIssueSignal(ack, clear('2026-12-01T10:00:00Z'))).toMatchObject({ state: 'resolved', event: 'resolved' })
    expect(applyIssueSignal({ ...ack, state: 'ignored' }, clear('2026-12-01T10:00:00Z'))).toMatchObject({ state: 'resolved', event: null })
    expect(applyIssueSignal({ ...ack, state: 'ignored' }, open('2026-12-01T10:00:00Z'))).toMatchObject({ state: 'ignored', event: 'seen' })
  })
})

describe('issue actions', () => {
  const now = new Date('2026-12-01T10:00:00Z')
  it('acknowledge, snooze (in the future only), ignore, resolve, reopen', () => {
    expect(applyIssueAction('open', { action: 'acknowledge' }, now)).toEqual({ state: 'acknowledged' })
    expect(applyIssueAction('open', { action: 'snooze', until: new Date('2026-12-01T11:00:00Z') }, now)).toEqual({ state: 'snoozed' })
    expect(applyIssueAction('open', { action: 'snooze', until: new Date('2026-12-01T09:00:00Z') }, now)).toHaveProperty('refused')
    expect(applyIssueAction('acknowledged', { action: 'resolve' }, now)).toEqual({ state: 'resolved' })
    expect(applyIssueAction('resolved', { action: 'acknowledge' }, now)).toHaveProperty('refused')
    expect(applyIssueAction('resolved', { action: 'reopen' }, now)).toEqual({ state: 'open' })
    expect(applyIssueAction('open', { action: 'reopen' }, now)).toHaveProperty('refused')
  })

  it('a snooze that ran out reads as open', () => {
    expect(effectiveIssueState({ state: 'snoozed', snoozedUntil: '2026-12-01T09:00:00Z' }, now)).toBe('open')
    expect(effectiveIssueState({ state: 'snoozed', snoozedUntil: '2026-12-01T11:00:00Z' }, now)).toBe('snoozed')
  })
})
