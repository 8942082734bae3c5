// Pure: the words of one alert, the same for every channel (email, Slack, PagerDuty, webhook), already masked.
import { findIssueKind, type Severity } from './issue-kinds'
import { maskAlertPayload } from './mask-alert-payload'

export type AlertIssue = {
  id: string
  kind: string
  severity: Severity
  subjectKey: string
  subjectLabel: string
  state: string
  count: number
  firstSeenAt: string
  lastSeenAt: string
  lastDetail: string | null
  orderType: string | null
  /** Who has it (an operator's email), once acknowledged. */
  acknowledgedBy?: string | null
}

export type AlertEvent = 'opened' | 'reopened' | 'acknowledged' | 'resolved' | 'test'

export type AlertMessage = {
  /** Unique per issue: PagerDuty's dedup_key, the webhook's subject. */
  dedupKey: string
  event: AlertEvent
  title: string
  text: string
  severity: Severity
  url: string | null
  issue: AlertIssue
}

export function buildAlertMessage(issue: AlertIssue, event: AlertEvent, baseUrl: string | null): AlertMessage {
  const label = findIssueKind(issue.kind)?.label ?? issue.kind
  const verb = { opened: 'Opened', reopened: 'Reopened', acknowledged: 'Acknowledged', resolved: 'Resolved', test: 'Test alert' }[event]
  const title = `[${issue.severity}] ${verb}: ${label} — ${issue.subjectLabel}`
  const lines = [
    `${label}: ${issue.subjectLabel}`,
    issue.lastDetail ? `Latest: ${issue.lastDetail}` : null,
    `Seen ${issue.count} time${issue.count === 1 ? '' : 's'}, first ${issue.firstSeenAt}, last ${issue.lastSeenAt}.`,
    event === 'acknowledged' ? `Acknowledged by ${issue.acknowledgedBy ?? 'an operator'}: they have it.` : null,
    event === 'test' ? 'This is a test alert sent from Portwatch; no issue is open.' : null,
  ].filter((l): l is string => l !== null)
  const url = baseUrl ? `${baseUrl.replace(/\/+$/, '')}/attention?issue=${encodeURIComponent(issue.id)}` : null
  if (url) lines.push(url)
  return maskAlertPayload({
    dedupKey: `portwatch-issue-${issue.id}`,
    event,
    title,
    text: lines.join('\n'),
    severity: issue.severity,
    url,
    issue,
  })
}
