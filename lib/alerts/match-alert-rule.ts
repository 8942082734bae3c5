// Pure: which rules route an issue to their channels. A rule names issue kinds (none: every kind) and optional
// filters (order types, subscriber tags, a lowest severity); a per-rule quiet period holds back a repeat alert
// about the same issue kind and subject; a digest rule sends nothing at once and is summed up daily instead.
import { severityRank, type Severity } from './issue-kinds'

export type AlertRule = {
  kinds: string[]
  orderTypes: string[]
  subscriberTags: string[]
  minSeverity: Severity
  quietMinutes: number
  digest: boolean
  enabled: boolean
  /** Also tell the rule's channels when a person acknowledges an issue (PagerDuty channels always hear of it). */
  lifecycleUpdates?: boolean
}

export type AlertSubject = { kind: string; severity: Severity; orderType: string | null; tags: string[] }

export function ruleMatches(rule: AlertRule, issue: AlertSubject): boolean {
  if (!rule.enabled) return false
  if (rule.kinds.length > 0 && !rule.kinds.includes(issue.kind)) return false
  if (severityRank(issue.severity) < severityRank(rule.minSeverity)) return false
  if (rule.orderTypes.length > 0) {
    const t = issue.orderType?.toLowerCase()
    if (!t || !rule.orderTypes.some((o) => o.toLowerCase() === t)) return false
  }
  if (rule.subscriberTags.length > 0 && !rule.subscriberTags.some((tag) => issue.tags.includes(tag))) return false
  return true
}

/**
 * Whether an alert for this event is held back: an opening alert within `quietMinutes` of the last one sent by the
 * same rule about the same issue. An acknowledge or a resolve is never held back (PagerDuty must hear of it).
 */
export function isHeldBackByQuietPeriod(event: string, lastSentAt: Date | string | null, now: Date, quietMinutes: number): boolean {
  if ((event !== 'opened' && event !== 'reopened') || lastSentAt === null || quietMinutes <= 0) return false
  return now.getTime() - new Date(lastSentAt).getTime() < quietMinutes * 60_000
}

/**
 * Whether a channel hears of a lifecycle event after the opening (only channels told of the opening are asked):
 * a resolve goes to each; an acknowledge to PagerDuty (it stops the escalation) and to others when the rule asks.
 */
export function wantsLifecycleEvent(event: string, channelType: string, rule: Pick<AlertRule, 'lifecycleUpdates'>): boolean {
  if (event === 'resolved') return true
  if (event !== 'acknowledged') return false
  return channelType === 'pagerduty' || rule.lifecycleUpdates === true
}
