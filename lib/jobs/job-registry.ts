// Every job Portwatch runs and every scheduled task. The handlers registered now exercise the machinery end to
// end; what reacts to transitions and decisions (issues, alerts, forwarding) and the reconciler's, health and
// quiet-time schedules come with their own issues and plug in here.
import { countJobs } from '../db/jobs'
import { isNotificationStored } from '../db/list-notifications'
import { runRetention } from '../db/retention'
import { getAppSettings } from '../db/settings'
import { defineJob, defineSchedule } from './define-job'
import { checkSubscriptions, configuredCallbackUrl } from '../server/bandwidth-subscriptions'
import { bandwidthSubscriptionHealth, notificationTransition, outboxHealth, portoutDecision, retentionPurge } from './job-kinds'

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
  defineJob(bandwidthSubscriptionHealth, async (_payload, ctx) => {
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
    return `${view.items.length} item(s), ${bad.length} unhealthy${view.callbackUrl ? '' : ' (URL not checked: set PORTWATCH_PUBLIC_URL or the public URL on Settings)'}`
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
  defineSchedule({
    name: 'bandwidth.subscription-health',
    everyMs: 60 * 60_000,
    kind: bandwidthSubscriptionHealth,
    payload: (slotAt) => ({ slot: slotAt.toISOString() }),
  }),
]
