import { describe, expect, it } from 'vitest'
import { isHeldBackByQuietPeriod, ruleMatches, wantsLifecycleEvent, type AlertRule } from './match-alert-rule'

const rule: AlertRule = {
  kinds: [],
  orderTypes: [],
  subscriberTags: [],
  minSeverity: 'info',
  quietMinutes: 0,
  digest: false,
  enabled: true,
}
const issue = { kind: 'order.exception', severity: 'high' as const, orderType: 'portins', tags: ['vip'] }

describe('ruleMatches', () => {
  it('an empty rule matches every issue; a disabled one none', () => {
    expect(ruleMatches(rule, issue)).toBe(true)
    expect(ruleMatches({ ...rule, enabled: false }, issue)).toBe(false)
  })
  it('filters by kind, order type (any case), subscriber tag and lowest severity', () => {
    expect(ruleMatches({ ...rule, kinds: ['order.exception'] }, issue)).toBe(true)
    expect(ruleMatches({ ...rule, kinds: ['order.failed'] }, issue)).toBe(false)
    expect(ruleMatches({ ...rule, orderTypes: ['PortIns'] }, issue)).toBe(true)
    expect(ruleMatches({ ...rule, orderTypes: ['orders'] }, issue)).toBe(false)
    expect(ruleMatches({ ...rule, orderTypes: ['portins'] }, { ...issue, orderType: null })).toBe(false)
    expect(ruleMatches({ ...rule, subscriberTags: ['vip', 'gold'] }, issue)).toBe(true)
    expect(ruleMatches({ ...rule, subscriberTags: ['gold'] }, issue)).toBe(false)
    expect(ruleMatches({ ...rule, minSeverity: 'high' }, issue)).toBe(true)
    expect(ruleMatches({ ...rule, minSeverity: 'critical' }, issue)).toBe(false)
  })
})

describe('isHeldBackByQuietPeriod', () => {
  const now = new Date('2026-12-01T10:00:00Z')
  it('holds back a repeat within the quiet period, never a resolve', () => {
    expect(isHeldBackByQuietPeriod('reopened', '2026-12-01T09:50:00Z', now, 30)).toBe(true)
    expect(isHeldBackByQuietPeriod('reopened', '2026-12-01T09:20:00Z', now, 30)).toBe(false)
    expect(isHeldBackByQuietPeriod('resolved', '2026-12-01T09:59:00Z', now, 30)).toBe(false)
    expect(isHeldBackByQuietPeriod('opened', null, now, 30)).toBe(false)
    expect(isHeldBackByQuietPeriod('opened', '2026-12-01T09:59:00Z', now, 0)).toBe(false)
  })
})

describe('wantsLifecycleEvent', () => {
  it('a resolve goes to every channel told of the opening; an acknowledge to PagerDuty, and to others when the rule asks', () => {
    expect(wantsLifecycleEvent('resolved', 'email', {})).toBe(true)
    expect(wantsLifecycleEvent('acknowledged', 'pagerduty', {})).toBe(true)
    expect(wantsLifecycleEvent('acknowledged', 'slack', {})).toBe(false)
    expect(wantsLifecycleEvent('acknowledged', 'slack', { lifecycleUpdates: true })).toBe(true)
    expect(wantsLifecycleEvent('acknowledged', 'webhook', { lifecycleUpdates: false })).toBe(false)
    expect(wantsLifecycleEvent('opened', 'pagerduty', { lifecycleUpdates: true })).toBe(false)
  })
  it('an acknowledge is never held back by the quiet period', () => {
    expect(isHeldBackByQuietPeriod('acknowledged', '2026-12-01T09:59:00Z', new Date('2026-12-01T10:00:00Z'), 30)).toBe(false)
  })
})
