// Every job Portwatch runs and every scheduled task. Transitions, events and port-out decisions open and clear
// issues; an issue's opening or resolve is routed to alert channels (issue.alert) and sent (alert.send); the scan
// looks for what no single event shows. The same outbox entries (and a note's) are forwarded to destinations
// (forward.send delivers one). The reconciler's and health schedules plug in here too.
import { countJobs } from '../db/jobs'
import { isNotificationStored } from '../db/list-notifications'
import { runRetention } from '../db/retention'
import { getAppSettings } from '../db/settings'
import { checkSubscriptions, configuredCallbackUrl } from '../server/bandwidth-subscriptions'
import { dispatchIssueAlert, sendAlertDelivery, sendDigests } from '../server/dispatch-issue-alert'
import { executeReconcileRun, scheduleSweep } from '../server/reconcile'
import { scanForIssues } from '../server/scan-issues'
import { forwardNote, forwardNotificationEvent, forwardPortoutDecision, forwardTransition } from '../server/forward-from-outbox'
import { purgeOldForwardAttempts, sendForwardDelivery } from '../server/forwarding'
import { FORWARD_ATTEMPT_RETENTION_DAYS } from '../db/forwarding'
import { signalsForSubscriptionCheck } from '../alerts/issue-signals'
import {
  applyEventSignals,
  applyIssueSignals,
  applyPortoutDecisionSignals,
  applyTransitionSignals,
  describeApplied,
} from '../server/issue-signals-from-outbox'
import { defineJob, defineSchedule } from './define-job'
import {
  alertDigest,
  alertSend,
  bandwidthSubscriptionHealth,
  forwardSend,
  issueAlert,
  issuesScan,
  notificationEvent,
  notificationNote,
  notificationTransition,
  outboxHealth,
  portoutDecision,
  reconcileRun,
  reconcileSweep,
  retentionPurge,
} from './job-kinds'
import { config } from '../config'

export const JOBS = [
  defineJob(notificationTransition, async (t, ctx) => {
    // The entry was committed with its notification; one without it was not written by this ingest: do not act on it.
    if (!(await isNotificationStored(ctx.connections, t.notificationId)))
      throw new Error(`notification ${t.notificationId} is not stored: this outbox entry has nothing to act on`)
    const applied = await applyTransitionSignals(ctx.connections, t)
    const forwarded = await forwardTransition(ctx.connections, t)
    return `${t.orderType} ${t.orderId}: ${t.from ?? '(first status)'} → ${t.to} (${t.source}); ${describeApplied(applied)}; ${forwarded}`
  }),
  defineJob(notificationEvent, async (e, ctx) => {
    if (!(await isNotificationStored(ctx.connections, e.notificationId)))
      throw new Error(`notification ${e.notificationId} is not stored: this outbox entry has nothing to act on`)
    const applied = await applyEventSignals(ctx.connections, e)
    return `${e.eventType} (${e.numbers.length} numbers): ${describeApplied(applied)}; ${await forwardNotificationEvent(ctx.connections, e)}`
  }),
  defineJob(notificationNote, async (n, ctx) => {
    if (!(await isNotificationStored(ctx.connections, n.notificationId)))
      throw new Error(`notification ${n.notificationId} is not stored: this outbox entry has nothing to act on`)
    return `note on ${n.orderType} ${n.orderId}: ${await forwardNote(ctx.connections, n)}`
  }),
  defineJob(forwardSend, (p, ctx) => sendForwardDelivery(ctx.connections, p)),
  defineJob(portoutDecision, async (d, ctx) => {
    const applied = await applyPortoutDecisionSignals(ctx.connections, d)
    const forwarded = await forwardPortoutDecision(ctx.connections, d)
    return `port-out request ${d.requestId}: ${d.portable ? 'portable' : `denied ${d.errorCodes.join(',')}`}${d.fallback ? ' (fallback)' : ''}; ${describeApplied(applied)}; ${forwarded}`
  }),
  defineJob(issuesScan, (_payload, ctx) => scanForIssues(ctx.connections)),
  defineJob(issueAlert, (a, ctx) => dispatchIssueAlert(ctx.connections, a)),
  defineJob(alertSend, (d, ctx) => sendAlertDelivery(ctx.connections, d.deliveryId, ctx)),
  defineJob(alertDigest, (d, ctx) => sendDigests(ctx.connections, new Date(d.slot))),
  defineJob(retentionPurge, async (p, ctx) => {
    const { retentionDays } = await getAppSettings(ctx.connections)
    const r = await runRetention(ctx.connections, retentionDays, { trigger: p.trigger })
    const attempts = await purgeOldForwardAttempts(ctx.connections)
    return `purged ${r.purged.deliveryBodies} delivery bodies, the CPNI of ${r.purged.portoutCpni} port-out requests, ${r.purged.timelines} timeline entries, ${r.purged.bandwidthCalls} Bandwidth API calls, ${attempts} forwarding attempts older than ${FORWARD_ATTEMPT_RETENTION_DAYS} days${r.done ? '' : ' (time budget used up: the next run goes on)'}`
  }),
  defineJob(outboxHealth, async (_payload, ctx) => {
    const { counts, oldestDueSeconds } = await countJobs(ctx.connections)
    const line = `pending ${counts.pending}, running ${counts.running}, retrying ${counts.retrying}, dead ${counts.dead}; oldest due job waiting ${oldestDueSeconds} s`
    // Loud when work is stuck: a dead job needs an admin (/jobs), a backlog means no runner is draining.
    if (counts.dead > 0 || oldestDueSeconds > BACKLOG_WARNING_S) console.warn(`[jobs] outbox health: ${line}`)
    return line
  }),
  defineJob(bandwidthSubscriptionHealth, async (payload, ctx) => {
    const view = await checkSubscriptions(
      ctx.connections,
      'job:bandwidth.subscription-health',
      await configuredCallbackUrl(ctx.connections),
    )
    // Not configured or Bandwidth unreachable: the line says why; trying again soon would not help, the next slot will.
    if (view.reason) return `not checked: ${view.reason}`
    const bad = view.items.filter((i) => !i.healthy)
    if (bad.length)
      console.warn(
        `[bandwidth] ${bad.length} subscription item(s) unhealthy: ${bad.map((i) => `${i.orderType ?? i.eventType}: ${i.problems.join(',')}`).join('; ')}`.slice(
          0,
          500,
        ),
      )
    // Each unhealthy or expiring item is an issue (and so an alert); a healthy one resolves its issues.
    const applied = await applyIssueSignals(ctx.connections, signalsForSubscriptionCheck(view.items, payload.slot))
    return `${view.items.length} item(s), ${bad.length} unhealthy${view.callbackUrl ? '' : ' (URL not checked: set PORTWATCH_PUBLIC_URL or the public URL on Settings)'}; ${describeApplied(applied)}`
  }),
  defineJob(reconcileSweep, (_payload, ctx) => scheduleSweep(ctx.connections)),
  // A run saves its progress as it goes: a retry (a lost lease, a crash) goes on from its cursor.
  defineJob(reconcileRun, (r, ctx) => executeReconcileRun(ctx.connections, r.runId, { lastAttempt: ctx.attempt >= ctx.maxAttempts })),
]

const BACKLOG_WARNING_S = 5 * 60

export const SCHEDULES = [
  defineSchedule({
    name: 'retention.purge',
    everyMs: 60 * 60_000,
    kind: retentionPurge,
    payload: (slotAt) => ({ slot: slotAt.toISOString(), trigger: 'schedule' as const }),
  }),
  defineSchedule({ name: 'outbox.health', everyMs: 5 * 60_000, kind: outboxHealth, payload: (slotAt) => ({ slot: slotAt.toISOString() }) }),
  defineSchedule({
    name: 'bandwidth.subscription-health',
    everyMs: 60 * 60_000,
    kind: bandwidthSubscriptionHealth,
    payload: (slotAt) => ({ slot: slotAt.toISOString() }),
  }),
  defineSchedule({ name: 'issues.scan', everyMs: 5 * 60_000, kind: issuesScan, payload: (slotAt) => ({ slot: slotAt.toISOString() }) }),
  defineSchedule({
    name: 'reconcile.sweep',
    // Read when the runner ticks (config is checked once); 0 keeps the slot but the job says "off".
    get everyMs() {
      return Math.max(config().PORTWATCH_RECONCILE_INTERVAL_MINUTES, 1) * 60_000
    },
    kind: reconcileSweep,
    payload: (slotAt) => ({ slot: slotAt.toISOString() }),
  }),
  defineSchedule({
    name: 'alert.digest',
    everyMs: 24 * 3_600_000,
    kind: alertDigest,
    payload: (slotAt) => ({ slot: slotAt.toISOString() }),
  }),
]
