// Every job Portwatch runs and every scheduled task. Transitions, events and port-out decisions open and clear
// issues; an issue's opening or resolve is routed to alert channels (issue.alert) and sent (alert.send); the scan
// looks for what no single event shows. Forwarding and the reconciler's and health schedules plug in here too.
import { countJobs } from '../db/jobs'
import { isNotificationStored } from '../db/list-notifications'
import { dispatchIssueAlert, sendAlertDelivery, sendDigests } from '../server/dispatch-issue-alert'
import { scanForIssues } from '../server/scan-issues'
import {
  applyEventSignals,
  applyPortoutDecisionSignals,
  applyTransitionSignals,
  describeApplied,
} from '../server/issue-signals-from-outbox'
import { defineJob, defineSchedule } from './define-job'
import {
  alertDigest,
  alertSend,
  issueAlert,
  issuesScan,
  notificationEvent,
  notificationTransition,
  outboxHealth,
  portoutDecision,
} from './job-kinds'

export const JOBS = [
  defineJob(notificationTransition, async (t, ctx) => {
    // The entry was committed with its notification; one without it was not written by this ingest: do not act on it.
    if (!(await isNotificationStored(ctx.connections, t.notificationId)))
      throw new Error(`notification ${t.notificationId} is not stored: this outbox entry has nothing to act on`)
    const applied = await applyTransitionSignals(ctx.connections, t)
    return `${t.orderType} ${t.orderId}: ${t.from ?? '(first status)'} → ${t.to} (${t.source}); ${describeApplied(applied)}`
  }),
  defineJob(notificationEvent, async (e, ctx) => {
    if (!(await isNotificationStored(ctx.connections, e.notificationId)))
      throw new Error(`notification ${e.notificationId} is not stored: this outbox entry has nothing to act on`)
    return `${e.eventType} (${e.numbers.length} numbers): ${describeApplied(await applyEventSignals(ctx.connections, e))}`
  }),
  defineJob(portoutDecision, async (d, ctx) => {
    const applied = await applyPortoutDecisionSignals(ctx.connections, d)
    return `port-out request ${d.requestId}: ${d.portable ? 'portable' : `denied ${d.errorCodes.join(',')}`}${d.fallback ? ' (fallback)' : ''}; ${describeApplied(applied)}`
  }),
  defineJob(issuesScan, (_payload, ctx) => scanForIssues(ctx.connections)),
  defineJob(issueAlert, (a, ctx) => dispatchIssueAlert(ctx.connections, a)),
  defineJob(alertSend, (d, ctx) => sendAlertDelivery(ctx.connections, d.deliveryId, ctx)),
  defineJob(alertDigest, (d, ctx) => sendDigests(ctx.connections, new Date(d.slot))),
  defineJob(outboxHealth, async (_payload, ctx) => {
    const { counts, oldestDueSeconds } = await countJobs(ctx.connections)
    const line = `pending ${counts.pending}, running ${counts.running}, retrying ${counts.retrying}, dead ${counts.dead}; oldest due job waiting ${oldestDueSeconds} s`
    // Loud when work is stuck: a dead job needs an admin (/jobs), a backlog means no runner is draining.
    if (counts.dead > 0 || oldestDueSeconds > BACKLOG_WARNING_S) console.warn(`[jobs] outbox health: ${line}`)
    return line
  }),
]

const BACKLOG_WARNING_S = 5 * 60

export const SCHEDULES = [
  defineSchedule({ name: 'outbox.health', everyMs: 5 * 60_000, kind: outboxHealth, payload: (slotAt) => ({ slot: slotAt.toISOString() }) }),
  defineSchedule({ name: 'issues.scan', everyMs: 5 * 60_000, kind: issuesScan, payload: (slotAt) => ({ slot: slotAt.toISOString() }) }),
  defineSchedule({
    name: 'alert.digest',
    everyMs: 24 * 3_600_000,
    kind: alertDigest,
    payload: (slotAt) => ({ slot: slotAt.toISOString() }),
  }),
]
