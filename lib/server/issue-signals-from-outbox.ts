// The outbox entries that open and clear issues: an order's transition, an event notification and a port-out
// decision, each turned into signals (lib/alerts/issue-signals.ts) and applied (lib/db/issues.ts). The job runs at
// least once; the signals' source keys make a second run change nothing.
import {
  signalsForEvent,
  signalsForPortoutDecision,
  signalsForTransition,
  thresholdSignal,
  type IssueSignal,
} from '../alerts/issue-signals'
import type { Connections } from '../db/client'
import { applyIssueSignals as applySignals, type AppliedSignal } from '../db/issues'
import { signalJobsEnqueued } from '../jobs/job-signal'
import { getAppSettings } from '../db/settings'
import type { IssueSignal as Signal } from '../alerts/issue-signals'
import type { NotificationEventPayload, PortoutDecisionPayload, TransitionPayload } from '../jobs/job-kinds'
import { accountSubject, countAccountRequests } from './scan-issues'

export function applyTransitionSignals(c: Connections, t: TransitionPayload): Promise<AppliedSignal[]> {
  return applyIssueSignals(c, signalsForTransition(t))
}

export function applyEventSignals(c: Connections, e: NotificationEventPayload): Promise<AppliedSignal[]> {
  return applyIssueSignals(c, signalsForEvent(e))
}

export async function applyPortoutDecisionSignals(c: Connections, d: PortoutDecisionPayload): Promise<AppliedSignal[]> {
  const row = await c.prisma.portoutRequest.findUnique({
    where: { id: d.requestId },
    select: { firstReceivedAt: true, pon: true, request: true, accountKey: true },
  })
  if (!row) throw new Error(`port-out request ${d.requestId} is not stored: this outbox entry has nothing to act on`)
  const at = row.firstReceivedAt
  const signals: IssueSignal[] = signalsForPortoutDecision({ ...d, at: at.toISOString(), pon: row.pon })
  // A burst opens as soon as the request that makes it arrives; the scan resolves it when the hour has passed.
  if (row.accountKey) {
    const { portoutBurstPerHour } = await getAppSettings(c)
    const n = await countAccountRequests(c, row.accountKey, at)
    if (n >= portoutBurstPerHour) {
      const account = (JSON.parse(row.request) as { accountNumber?: string }).accountNumber ?? ''
      signals.push({
        ...thresholdSignal({
          kind: 'portout.burst',
          ...accountSubject(row.accountKey, account),
          detail: `${n} port-out requests in the last hour`,
          holds: true,
          slot: at.toISOString(),
        }),
        sourceKey: `portout:${d.requestId}:burst`,
      })
    }
  }
  return applyIssueSignals(c, signals)
}

export function describeApplied(applied: AppliedSignal[]): string {
  const changes = applied.filter((a) => a.event !== 'seen').map((a) => `${a.kind} ${a.event}`)
  return changes.length === 0 ? 'no issue changed' : changes.join(', ')
}

/** The kinds other parts report as findings: the reconciler (a missed notification recovered), the subscription health check, forwarding. */
export type FindingKind = 'reconciler.recovered' | 'subscription.unhealthy' | 'subscription.expiring' | 'forwarding.disabled'

/**
 * The entry point for the reconciler and the subscription health check: a finding that holds opens (or counts) its
 * issue, one that no longer holds resolves it. Call it from a job (so a crash runs it again); `sourceKey` must be
 * unique per finding (e.g. the reconciled entry's key, or the check's slot and subscription), which makes a second
 * run change nothing.
 */
export function reportFinding(
  c: Connections,
  f: {
    kind: FindingKind
    subjectKey: string
    subjectLabel: string
    holds: boolean
    at: Date
    sourceKey: string
    detail: string
    orderType?: string | null
  },
): Promise<AppliedSignal[]> {
  return applyIssueSignals(c, [
    {
      kind: f.kind,
      subjectKey: f.subjectKey,
      subjectLabel: f.subjectLabel,
      action: f.holds ? 'open' : 'clear',
      at: f.at.toISOString(),
      sourceKey: f.sourceKey,
      detail: f.detail,
      orderType: f.orderType ?? null,
    },
  ])
}

/** Applies signals and wakes this process's job runner when an alert job was written. */
export async function applyIssueSignals(c: Connections, signals: Signal[], now = new Date()): Promise<AppliedSignal[]> {
  const applied = await applySignals(c, signals, now)
  if (applied.some((a) => a.event !== 'seen')) signalJobsEnqueued()
  return applied
}
