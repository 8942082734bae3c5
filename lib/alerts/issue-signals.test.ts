import { describe, expect, it } from 'vitest'
import { ISSUE_KINDS } from './issue-kinds'
import {
  focStage,
  kindForOrderStatus,
  signalsForEvent,
  signalsForPortoutDecision,
  signalsForSubscriptionCheck,
  signalsForTransition,
} from './issue-signals'

const t = (from: string | null, to: string, orderType = 'portins') => ({
  notificationId: 'n1',
  orderId: 'o1',
  orderType,
  from,
  to,
  at: '2026-12-01T10:00:00.000Z',
})
const summary = (signals: ReturnType<typeof signalsForTransition>) => signals.map((s) => `${s.action} ${s.kind}`)

describe('signalsForTransition', () => {
  it('entering EXCEPTION opens order.exception and clears stuck', () => {
    expect(summary(signalsForTransition(t('SUBMITTED', 'EXCEPTION')))).toEqual(['open order.exception', 'clear order.stuck'])
  })

  it('leaving EXCEPTION clears it; reaching a final state clears the FOC kinds', () => {
    expect(summary(signalsForTransition(t('EXCEPTION', 'FOC')))).toEqual(['clear order.exception', 'clear order.stuck'])
    expect(summary(signalsForTransition(t('FOC', 'COMPLETE')))).toEqual([
      'clear order.stuck',
      'clear foc.tomorrow',
      'clear foc.today',
      'clear foc.passed',
    ])
  })

  it('maps each attention status of its type, and only those', () => {
    expect(kindForOrderStatus('portins', 'REQUESTED_SUPP')).toBe('order.requested_supp')
    expect(kindForOrderStatus('orders', 'BACKORDERED')).toBe('order.backordered')
    expect(kindForOrderStatus('orders', 'failed')).toBe('order.failed')
    expect(kindForOrderStatus('dldas', 'PARTIAL')).toBe('order.partial')
    expect(kindForOrderStatus('csrs', 'ACTION_REQUIRED')).toBe('order.attention')
    // A port-in has no FAILED in its attention list; an order type nobody documented uses the five named kinds.
    expect(kindForOrderStatus('portins', 'FOC')).toBeNull()
    expect(kindForOrderStatus('somethingnew', 'EXCEPTION')).toBe('order.exception')
    expect(kindForOrderStatus('portins', null)).toBeNull()
  })

  it('keys every signal on the notification, so a job run twice counts once', () => {
    const keys = signalsForTransition(t('SUBMITTED', 'EXCEPTION')).map((s) => s.sourceKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys.every((k) => k.startsWith('transition:n1:'))).toBe(true)
  })

  it('every kind it names is in the table', () => {
    const kinds = new Set<string>(ISSUE_KINDS.map((k) => k.kind))
    for (const s of [...signalsForTransition(t('EXCEPTION', 'COMPLETE')), ...signalsForTransition(t(null, 'REQUESTED_SUPP'))])
      expect(kinds.has(s.kind)).toBe(true)
  })
})

describe('focStage', () => {
  const now = new Date('2026-12-01T15:00:00Z')
  const o = (focDate: string | null, status = 'FOC') => ({ orderType: 'portins', status, focDate })
  it('tomorrow, today, passed, or nothing', () => {
    expect(focStage(o('2026-12-02T00:00:00Z'), now)).toBe('foc.tomorrow')
    expect(focStage(o('2026-12-01T23:59:00Z'), now)).toBe('foc.today')
    expect(focStage(o('2026-11-30T12:00:00Z'), now)).toBe('foc.passed')
    expect(focStage(o('2026-12-05T00:00:00Z'), now)).toBeNull()
    expect(focStage(o(null), now)).toBeNull()
    expect(focStage(o('2026-11-30T12:00:00Z', 'COMPLETE'), now)).toBeNull()
  })
})

describe('signalsForPortoutDecision', () => {
  it('a denial and a fallback each open one issue', () => {
    const d = { requestId: 'r1', portable: false, errorCodes: ['7518'], fallback: true, at: '2026-12-01T10:00:00Z' }
    expect(signalsForPortoutDecision(d).map((s) => s.kind)).toEqual(['portout.fallback', 'portout.denied'])
    expect(signalsForPortoutDecision({ ...d, portable: true, fallback: false })).toEqual([])
  })
})

describe('signalsForEvent', () => {
  it('MESSAGING_LOST opens one issue per number', () => {
    const s = signalsForEvent({ notificationId: 'n', eventType: 'MESSAGING_LOST', numbers: ['+19195550100', '+19195550101'], at: 'x' })
    expect(s.map((x) => x.subjectKey)).toEqual(['number:+19195550100', 'number:+19195550101'])
    expect(signalsForEvent({ notificationId: 'n', eventType: 'OTHER', numbers: ['+1'], at: 'x' })).toEqual([])
  })
})

describe('signalsForSubscriptionCheck', () => {
  it('opens unhealthy for any problem but expiring, expiring on its own, and clears both for a healthy item', () => {
    const signals = signalsForSubscriptionCheck(
      [
        { orderType: 'portins', subscriptionId: 'sub-1', healthy: false, problems: ['url_mismatch', 'expiring'], expiresInDays: 3 },
        { eventType: 'MESSAGING_LOST', healthy: false, problems: ['missing'] },
        { orderType: 'orders', subscriptionId: 'sub-3', healthy: true, problems: [] },
      ],
      '2026-12-01T14:00:00.000Z',
    )
    expect(signals.map((s) => [s.kind, s.subjectKey, s.action, s.detail])).toEqual([
      ['subscription.unhealthy', 'subscription:portins', 'open', 'problems: url_mismatch'],
      ['subscription.expiring', 'subscription:portins', 'open', 'expires in 3 days'],
      ['subscription.unhealthy', 'subscription:MESSAGING_LOST', 'open', 'problems: missing'],
      ['subscription.expiring', 'subscription:MESSAGING_LOST', 'clear', 'not expiring'],
      ['subscription.unhealthy', 'subscription:orders', 'clear', 'healthy'],
      ['subscription.expiring', 'subscription:orders', 'clear', 'not expiring'],
    ])
    expect(signals[0].subjectLabel).toBe('portins order subscription sub-1')
    // One run's keys are its own: the same slot again is a repeat, another slot is news.
    expect(new Set(signals.map((s) => s.sourceKey)).size).toBe(signals.length)
    expect(signals[0].sourceKey).toContain('2026-12-01T14:00:00.000Z')
  })
})
