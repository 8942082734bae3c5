// The jobs Portwatch knows, as the code that enqueues them sees them: a name, the payload's type and the
// retry policy. No handlers here: the ingest transaction (lib/db, the SQLite writer thread) imports this
// file to write its outbox entries, and must not pull in what the handlers talk to. Handlers are bound to
// these kinds in job-registry.ts.

/** Attempts in all, the first included; after the last failure the job is dead until an admin retries it. */
export type RetryPolicy = { maxAttempts: number }

export type JobKind<P> = { readonly name: string; readonly maxAttempts: number; readonly payload?: P }

export function jobKind<P>(name: string, retry: RetryPolicy): JobKind<P> {
  return { name, maxAttempts: retry.maxAttempts }
}

/**
 * Exponential backoff after the n-th failed attempt: e^min(n, 10) seconds (2.7 s, 7.4 s, 20 s … at most ~6 h).
 * This is Graphile Worker's own schedule (its fail_job SQL), which PostgreSQL uses; the SQLite runner uses
 * this function, so a job backs off the same way on both providers.
 */
export function retryDelayMs(attempts: number): number {
  return Math.round(Math.exp(Math.min(attempts, 10)) * 1000)
}

/** Where a stored notification came from: the HTTP receiver, the reconciler (recovered from Bandwidth's API), the seed or a test. */
export type NotificationSource = 'webhook' | 'reconciled' | 'seed' | 'test'

/** An order's status changed (from → to): written by the ingest transaction that changed it. */
export type TransitionPayload = {
  notificationId: string
  orderId: string
  orderType: string
  /** null: the order's first status. */
  from: string | null
  to: string
  /** The notification's time (LastModifiedDate, else arrival), ISO. */
  at: string
  source: NotificationSource
}
export const notificationTransition = jobKind<TransitionPayload>('notification.transition', { maxAttempts: 12 })

/** The port-out responder answered a new request (not a retry): written in the transaction that stored the answer. */
export type PortoutDecisionPayload = { requestId: string; portable: boolean; errorCodes: string[]; fallback: boolean }
export const portoutDecision = jobKind<PortoutDecisionPayload>('portout.decision', { maxAttempts: 12 })

/** Purge what the retention settings no longer keep (hourly, or now from Settings). */
export type RetentionPurgePayload = { slot: string; trigger: 'schedule' | 'manual' }
export const retentionPurge = jobKind<RetentionPurgePayload>('retention.purge', { maxAttempts: 3 })

/** The scheduled look at the queue itself (see job-registry.ts). */
export type OutboxHealthPayload = { slot: string }
export const outboxHealth = jobKind<OutboxHealthPayload>('outbox.health', { maxAttempts: 3 })

/** The scheduled look at Bandwidth's subscriptions (lib/server/bandwidth-subscriptions.ts): unhealthy ones reach the overview. */
export type SubscriptionHealthPayload = { slot: string }
export const bandwidthSubscriptionHealth = jobKind<SubscriptionHealthPayload>('bandwidth.subscription-health', { maxAttempts: 3 })

/** An event notification (MESSAGING_LOST): written by the ingest transaction that stored it. */
export type NotificationEventPayload = {
  notificationId: string
  eventType: string
  numbers: string[]
  at: string
  source: NotificationSource
}
export const notificationEvent = jobKind<NotificationEventPayload>('notification.event', { maxAttempts: 12 })

/** An issue opened, reopened or resolved: route it to the channels of the rules that match (lib/server/dispatch-issue-alert.ts). */
export type IssueAlertPayload = { issueId: string; eventId: string; event: 'opened' | 'reopened' | 'acknowledged' | 'resolved' }
export const issueAlert = jobKind<IssueAlertPayload>('issue.alert', { maxAttempts: 12 })

/** The scheduled look for conditions no single event reveals: stuck orders, FOC dates, silence, spikes, bursts. */
export type IssuesScanPayload = { slot: string }
export const issuesScan = jobKind<IssuesScanPayload>('issues.scan', { maxAttempts: 3 })

/** One alert to one channel (an AlertDelivery row): retried with backoff; a channel that keeps failing opens an issue. */
export type AlertSendPayload = { deliveryId: string }
export const alertSend = jobKind<AlertSendPayload>('alert.send', { maxAttempts: 5 })

/** The daily digest of the digest rules. */
export type AlertDigestPayload = { slot: string }
export const alertDigest = jobKind<AlertDigestPayload>('alert.digest', { maxAttempts: 3 })

/** A note on an order (a notification with a Note): written by the ingest transaction that stored it; forwarding reads it. */
export type NotificationNotePayload = {
  notificationId: string
  orderId: string
  orderType: string
  note: string
  status: string | null
  at: string
  source: NotificationSource
}
export const notificationNote = jobKind<NotificationNotePayload>('notification.note', { maxAttempts: 12 })

/**
 * One attempt at one forwarded delivery (lib/server/forwarding.ts). The retry schedule is the delivery's own
 * (a new job at the next time); the job's own attempts only cover a crash mid-attempt. `token`: the delivery's
 * current job, so a retry job made stale by a replay does nothing.
 */
export type ForwardSendPayload = { deliveryId: string; token: string; trigger?: 'schedule' | 'replay' }
export const forwardSend = jobKind<ForwardSendPayload>('forward.send', { maxAttempts: 3 })

/** One reconciler run (a sweep or a backfill, lib/server/reconcile.ts): its row holds the progress, so a retry goes on. */
export type ReconcileRunPayload = { runId: string }
export const reconcileRun = jobKind<ReconcileRunPayload>('reconcile.run', { maxAttempts: 8 })

/** The scheduled sweep: every PORTWATCH_RECONCILE_INTERVAL_MINUTES, when a Bandwidth account is configured. */
export type ReconcileSweepPayload = { slot: string }
export const reconcileSweep = jobKind<ReconcileSweepPayload>('reconcile.sweep', { maxAttempts: 3 })
