// Pure: the one table of issue kinds. An issue is one condition that needs a person, about one subject (an order,
// a number, a port-out request, an account, a subscription, the receiver, a webhook source, an alert channel).
// Everything that lists kinds (the /attention filters, rule editing, the signals that open and clear issues)
// derives from this table.

export const SEVERITIES = ['info', 'warning', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s)
}

export type SubjectType = 'order' | 'number' | 'portout' | 'account' | 'receiver' | 'subscription' | 'source' | 'channel'

export type IssueKindRow = {
  kind: string
  label: string
  severity: Severity
  subject: SubjectType
  /** How the issue clears by itself; null: only a person resolves it (the condition cannot be seen to end). */
  clearsWhen: string | null
}

export const ISSUE_KINDS = [
  { kind: 'order.exception', label: 'Order in EXCEPTION', severity: 'high', subject: 'order', clearsWhen: 'the order leaves EXCEPTION' },
  {
    kind: 'order.requested_supp',
    label: 'Order needs a supplement (REQUESTED_SUPP)',
    severity: 'high',
    subject: 'order',
    clearsWhen: 'the order leaves REQUESTED_SUPP',
  },
  { kind: 'order.failed', label: 'Order FAILED', severity: 'critical', subject: 'order', clearsWhen: 'the order leaves FAILED' },
  { kind: 'order.partial', label: 'Order PARTIAL', severity: 'warning', subject: 'order', clearsWhen: 'the order leaves PARTIAL' },
  {
    kind: 'order.backordered',
    label: 'Order BACKORDERED',
    severity: 'warning',
    subject: 'order',
    clearsWhen: 'the order leaves BACKORDERED',
  },
  {
    kind: 'order.attention',
    label: 'Order in another state that asks for action',
    severity: 'warning',
    subject: 'order',
    clearsWhen: 'the order leaves that state',
  },
  { kind: 'order.stuck', label: 'Order stuck', severity: 'warning', subject: 'order', clearsWhen: 'news arrives or the order finishes' },
  {
    kind: 'foc.tomorrow',
    label: 'FOC date tomorrow, order not complete',
    severity: 'info',
    subject: 'order',
    clearsWhen: 'the order finishes',
  },
  {
    kind: 'foc.today',
    label: 'FOC date today, order not complete',
    severity: 'warning',
    subject: 'order',
    clearsWhen: 'the order finishes',
  },
  {
    kind: 'foc.passed',
    label: 'FOC date passed, order not complete',
    severity: 'high',
    subject: 'order',
    clearsWhen: 'the order finishes',
  },
  { kind: 'portout.denied', label: 'Port-out denied', severity: 'warning', subject: 'portout', clearsWhen: null },
  {
    kind: 'portout.fallback',
    label: 'Port-out answered by the fallback',
    severity: 'high',
    subject: 'portout',
    clearsWhen: null,
  },
  {
    kind: 'portout.burst',
    label: 'Many port-out requests for one account',
    severity: 'high',
    subject: 'account',
    clearsWhen: 'the requests stop for the window',
  },
  {
    kind: 'traffic.quiet',
    label: 'No notification for the quiet time',
    severity: 'high',
    subject: 'receiver',
    clearsWhen: 'a notification arrives',
  },
  {
    kind: 'deliveries.rejected_spike',
    label: 'Spike of rejected deliveries',
    severity: 'warning',
    subject: 'receiver',
    clearsWhen: 'the rejections fall under the threshold',
  },
  {
    kind: 'auth.failure_spike',
    label: 'Spike of webhook requests with wrong credentials',
    severity: 'high',
    subject: 'source',
    clearsWhen: 'the failures fall under the threshold',
  },
  { kind: 'number.messaging_lost', label: 'MESSAGING_LOST on one of our numbers', severity: 'high', subject: 'number', clearsWhen: null },
  // Opened by the reconciler and the subscription health check (built in their own issues) through openIssueSignals.
  {
    kind: 'reconciler.recovered',
    label: 'Missed notification recovered by the reconciler',
    severity: 'warning',
    subject: 'order',
    clearsWhen: null,
  },
  {
    kind: 'subscription.unhealthy',
    label: 'Subscription unhealthy',
    severity: 'high',
    subject: 'subscription',
    clearsWhen: 'the subscription is healthy again',
  },
  {
    kind: 'subscription.expiring',
    label: 'Subscription expiring',
    severity: 'warning',
    subject: 'subscription',
    clearsWhen: 'the subscription is renewed',
  },
  { kind: 'channel.failing', label: 'Alert channel keeps failing', severity: 'high', subject: 'channel', clearsWhen: 'a send succeeds' },
  {
    kind: 'forwarding.disabled',
    label: 'Forwarding destination disabled',
    severity: 'high',
    subject: 'channel',
    clearsWhen: 'an admin enables the destination again',
  },
] as const satisfies readonly IssueKindRow[]

export type IssueKind = (typeof ISSUE_KINDS)[number]['kind']

const BY_KIND = new Map<string, IssueKindRow>(ISSUE_KINDS.map((k) => [k.kind, k]))

export function findIssueKind(kind: string): IssueKindRow | undefined {
  return BY_KIND.get(kind)
}

export function isIssueKind(kind: string): kind is IssueKind {
  return BY_KIND.has(kind)
}

export const ISSUE_STATES = ['open', 'acknowledged', 'snoozed', 'ignored', 'resolved'] as const
export type IssueState = (typeof ISSUE_STATES)[number]
/** The states that count as "needs a person" (the header's count, the overview). */
export const ACTIVE_ISSUE_STATES: readonly IssueState[] = ['open', 'acknowledged']
