// Every job Portwatch runs and every scheduled task. The handlers registered now exercise the machinery end to
// end; what reacts to transitions and decisions (issues, alerts, forwarding) and the reconciler's, health and
// quiet-time schedules come with their own issues and plug in here.
import { countJobs } from '../db/jobs'
import { isNotificationStored } from '../db/list-notifications'
import { runRetention } from '../db/retention'
import { getAppSettings } from '../db/settings'
import { defineJob, defineSchedule } from './define-job'
import { notificationTransition, outboxHealth, portoutDecision, retentionPurge } from './job-kinds'

export const JOBS = [
  defineJob(notificationTransition, async (t, ctx) => {
    // The entry was committed with its notification; one without it was not written by this ingest: do not act on it.
    if (!(await isNotificationStored(ctx.connections, t.notificationId)))
      throw new Error(`notification ${t.notificationId} is not stored: this outbox entry has nothing to act on`)
    return `${t.orderType} ${t.orderId}: ${t.from ?? '(first status)'} → ${t.to} (${t.source}); no subscriber yet`
  }),
  defineJob(
    portoutDecision,
    async (d) =>
      `port-out request ${d.requestId}: ${d.portable ? 'portable' : `denied ${d.errorCodes.join(',')}`}${d.fallback ? ' (fallback)' : ''}; no subscriber yet`,
  ),
  defineJob(retentionPurge, async (p, ctx) => {
    const { retentionDays } = await getAppSettings(ctx.connections)
    const r = await runRetention(ctx.connections, retentionDays, { trigger: p.trigger })
    return `purged ${r.purged.deliveryBodies} delivery bodies, the CPNI of ${r.purged.portoutCpni} port-out requests${r.done ? '' : ' (time budget used up: the next run goes on)'}`
  }),
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
  defineSchedule({
    name: 'retention.purge',
    everyMs: 60 * 60_000,
    kind: retentionPurge,
    payload: (slotAt) => ({ slot: slotAt.toISOString(), trigger: 'schedule' as const }),
  }),
  defineSchedule({ name: 'outbox.health', everyMs: 5 * 60_000, kind: outboxHealth, payload: (slotAt) => ({ slot: slotAt.toISOString() }) }),
]
