// From an issue's event to alerts: issue.alert finds the rules that match (lib/alerts/match-alert-rule.ts) and plans
// one delivery per channel (held back within a rule's quiet period; a resolve only to channels told of the opening);
// alert.send sends one delivery, records the answer, and after CHANNEL_FAILING_AFTER failures in a row opens a
// channel.failing issue (shown in the app: that channel cannot carry it); a success resolves it. The daily digest
// sums up what the digest rules matched. A test alert is one delivery of a made-up issue.
import { randomUUID } from 'node:crypto'
import { buildAlertMessage, type AlertEvent, type AlertIssue } from '../alerts/build-alert-message'
import { findIssueKind, type Severity } from '../alerts/issue-kinds'
import { isHeldBackByQuietPeriod, ruleMatches, wantsLifecycleEvent, type AlertRule } from '../alerts/match-alert-rule'
import { maskAlertPayload } from '../alerts/mask-alert-payload'
import { config } from '../config'
import {
  channelsToldOfIssue,
  getChannelRow,
  getDelivery,
  lastOpeningSent,
  listChannelRows,
  listRules,
  planDeliveries,
  recordDeliveryAttempt,
  type PlannedDelivery,
  type RuleDto,
} from '../db/alerts'
import type { Connections } from '../db/client'
import { toIssueDto } from '../db/issues'
import { applyIssueSignals } from './issue-signals-from-outbox'
import { getAppSettings } from '../db/settings'
import { sendAlert } from '../integrations/alerts/send-alert'
import type { IssueAlertPayload } from '../jobs/job-kinds'
import type { JobContext } from '../jobs/define-job'
import { signalJobsEnqueued } from '../jobs/job-signal'
import { CHANNEL_FAILING_AFTER, channelToSend } from './alert-channels'
import { metrics } from './metrics'

const asRule = (r: RuleDto): AlertRule => ({ ...r, minSeverity: r.minSeverity as Severity })

export async function dispatchIssueAlert(c: Connections, a: IssueAlertPayload): Promise<string> {
  const issue = await c.prisma.issue.findUnique({ where: { id: a.issueId } })
  if (!issue) throw new Error(`issue ${a.issueId} is not stored: this outbox entry has nothing to act on`)
  const [rules, channels] = await Promise.all([listRules(c), listChannelRows(c)])
  const enabled = new Set(channels.filter((ch) => ch.enabled).map((ch) => ch.id))
  const subject = {
    kind: issue.kind,
    severity: issue.severity as Severity,
    orderType: issue.orderType,
    tags: (await subscriberTagsOf(c, [issue.subjectKey])).get(issue.subjectKey) ?? [],
  }
  const opening = a.event === 'opened' || a.event === 'reopened'
  const told = opening ? null : await channelsToldOfIssue(c, issue.id)
  const typeOf = new Map(channels.map((ch) => [ch.id, ch.type]))
  const now = new Date()
  const planned = new Map<string, PlannedDelivery>()
  for (const rule of rules) {
    if (rule.digest || !ruleMatches(asRule(rule), subject)) continue
    const last = opening ? await lastOpeningSent(c, rule.id, issueSubject(issue)) : null
    const held = isHeldBackByQuietPeriod(a.event, last, now, rule.quietMinutes)
    for (const channelId of rule.channelIds) {
      // A failing channel's own issue cannot go through it; what follows an opening goes to those that heard of it.
      if (!enabled.has(channelId) || issue.subjectKey === `channel:${channelId}`) continue
      if (told && (!told.has(channelId) || !wantsLifecycleEvent(a.event, typeOf.get(channelId) ?? '', rule))) continue
      const key = `${a.eventId}:${channelId}`
      if (planned.has(key) && planned.get(key)!.state === 'pending') continue
      planned.set(key, {
        key,
        channelId,
        ruleId: rule.id,
        issueId: issue.id,
        subjectKey: issueSubject(issue),
        event: a.event,
        state: held ? 'held' : 'pending',
        error: held ? `held back: within the rule's quiet period of ${rule.quietMinutes} min` : undefined,
      })
    }
  }
  const created = await planDeliveries(c, [...planned.values()])
  if (created.length > 0) signalJobsEnqueued()
  return `${issue.kind} ${a.event}: ${created.length} deliveries planned`
}

const issueSubject = (i: { kind: string; subjectKey: string }) => `${i.kind}|${i.subjectKey}`

/** Numbers of one order read for its tags: an order with more is judged by these (a port-in rarely has more). */
const TAGGED_NUMBERS_PER_ORDER = 200
/** Subjects whose tags are read in one go (the digest reads them page by page). */
const TAG_SUBJECTS_PER_QUERY = 200

/** The subscriber tags of the numbers each issue is about (its order's numbers, or the number itself), batched. */
async function subscriberTagsOf(c: Connections, subjectKeys: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for (let i = 0; i < subjectKeys.length; i += TAG_SUBJECTS_PER_QUERY) {
    const keys = subjectKeys.slice(i, i + TAG_SUBJECTS_PER_QUERY)
    const numbersOf = new Map<string, Set<string>>()
    for (const k of keys) if (k.startsWith('number:')) numbersOf.set(k, new Set([k.slice(7)]))
    const orderIds = keys.filter((k) => k.startsWith('order:')).map((k) => k.slice(6))
    for (const orderId of orderIds) {
      const refs = await c.prisma.numberRef.findMany({
        where: { orderId },
        select: { e164: true },
        distinct: ['e164'],
        take: TAGGED_NUMBERS_PER_ORDER,
      })
      numbersOf.set(`order:${orderId}`, new Set(refs.map((r) => r.e164)))
    }
    const all = [...new Set([...numbersOf.values()].flatMap((s) => [...s]))]
    if (all.length === 0) continue
    const records = await c.prisma.subscriberRecord.findMany({ where: { e164: { in: all } }, select: { e164: true, tags: true } })
    const tagsOf = new Map(records.map((r) => [r.e164, JSON.parse(r.tags) as string[]]))
    for (const [key, numbers] of numbersOf) out.set(key, [...new Set([...numbers].flatMap((n) => tagsOf.get(n) ?? []))])
  }
  return out
}

async function baseUrl(c: Connections): Promise<string | null> {
  return config().PORTWATCH_PUBLIC_URL || (await getAppSettings(c)).publicBaseUrl || null
}

function toAlertIssue(i: ReturnType<typeof toIssueDto>): AlertIssue {
  return { ...i, severity: i.severity as Severity }
}

/** Sends one delivery; a failure throws, so the job runner retries it with backoff. */
export async function sendAlertDelivery(
  c: Connections,
  deliveryId: string,
  ctx: Pick<JobContext, 'attempt' | 'maxAttempts'>,
): Promise<string> {
  const d = await getDelivery(c, deliveryId)
  if (!d) throw new Error(`alert delivery ${deliveryId} is not stored`)
  if (d.state === 'sent') return `already sent`
  const channel = await getChannelRow(c, d.channelId).catch(() => null)
  if (!channel) return `channel ${d.channelId} was deleted: nothing sent`
  const message = await messageFor(c, d)
  const outcome = await sendAlert(channelToSend(channel), message)
  metrics().alertsSent.inc({ channel: channel.type, result: outcome.ok ? 'sent' : 'failed' })
  const final = !outcome.ok && ctx.attempt >= ctx.maxAttempts
  const streak = await recordDeliveryAttempt(c, { id: d.id, channelId: channel.id }, { ...outcome, error: outcome.reason, final })
  await noteChannelHealth(c, channel, outcome.ok, streak, `${d.id}:${ctx.attempt}`, outcome.reason)
  const answer = outcome.status !== null ? ` (${outcome.status})` : ''
  if (!outcome.ok) throw new Error(`${channel.type} channel "${channel.name}": ${outcome.reason ?? 'failed'}`)
  return `${d.event} sent to ${channel.type} channel "${channel.name}"${answer}`
}

async function messageFor(c: Connections, d: NonNullable<Awaited<ReturnType<typeof getDelivery>>>) {
  const url = await baseUrl(c)
  if (d.event === 'test') return buildAlertMessage(testIssue(d.id), 'test', url)
  if (d.event === 'digest') return digestMessage(c, d.key, url)
  const issue = await c.prisma.issue.findUnique({ where: { id: d.issueId ?? '' } })
  if (!issue) throw new Error(`issue ${d.issueId} is gone`)
  return buildAlertMessage(toAlertIssue(toIssueDto(issue)), d.event as AlertEvent, url)
}

function testIssue(id: string): AlertIssue {
  const now = new Date().toISOString()
  return {
    id: `test-${id}`,
    kind: 'order.exception',
    severity: 'info',
    subjectKey: 'test',
    subjectLabel: 'a test alert',
    state: 'open',
    count: 1,
    firstSeenAt: now,
    lastSeenAt: now,
    lastDetail: 'Sent with "Send a test alert"',
    orderType: null,
  }
}

async function noteChannelHealth(
  c: Connections,
  ch: { id: string; name: string; type: string },
  ok: boolean,
  streak: number,
  key: string,
  reason: string | null,
) {
  if (!ok && streak < CHANNEL_FAILING_AFTER) return
  const now = new Date().toISOString()
  await applyIssueSignals(c, [
    {
      kind: 'channel.failing',
      subjectKey: `channel:${ch.id}`,
      subjectLabel: `${ch.type} channel "${ch.name}"`,
      action: ok ? 'clear' : 'open',
      at: now,
      sourceKey: `channel:${key}:${ok ? 'ok' : 'failed'}`,
      detail: ok ? 'a send succeeded' : `${streak} failed attempts in a row; last: ${reason ?? 'failed'}`,
    },
  ])
}

/** "Send a test alert": one delivery to this channel through the job runner, in its log like any other. */
export async function sendTestAlert(c: Connections, channelId: string): Promise<{ deliveryId: string }> {
  await getChannelRow(c, channelId)
  const [deliveryId] = await planDeliveries(c, [
    { key: `test:${randomUUID()}`, channelId, ruleId: null, issueId: null, subjectKey: null, event: 'test', state: 'pending' },
  ])
  signalJobsEnqueued()
  return { deliveryId }
}

/** The daily digest: per digest rule and channel, the issues it matched that opened in the day before the slot. */
export async function sendDigests(c: Connections, slot: Date): Promise<string> {
  const rules = (await listRules(c)).filter((r) => r.digest && r.enabled)
  if (rules.length === 0) return 'no digest rules'
  const planned: PlannedDelivery[] = []
  for (const rule of rules) {
    if ((await digestIssues(c, rule, slot)).length === 0) continue
    for (const channelId of rule.channelIds)
      planned.push({
        key: `digest:${slot.toISOString()}:${rule.id}:${channelId}`,
        channelId,
        ruleId: rule.id,
        issueId: null,
        subjectKey: null,
        event: 'digest',
        state: 'pending',
      })
  }
  return `${(await planDeliveries(c, planned)).length} digests planned`
}

/** The issues of the day before the slot that the rule matches, its filters (subscriber tags too) applied. */
async function digestIssues(c: Connections, rule: RuleDto, slot: Date) {
  const issues = await c.prisma.issue.findMany({
    where: { firstSeenAt: { gte: new Date(slot.getTime() - 24 * 3_600_000), lt: slot } },
    orderBy: { firstSeenAt: 'asc' },
    take: 2000,
  })
  // Tags only when the rule filters by them (reading them costs a query per order).
  const candidates = issues.filter((i) =>
    ruleMatches(asRule({ ...rule, subscriberTags: [] }), {
      kind: i.kind,
      severity: i.severity as Severity,
      orderType: i.orderType,
      tags: [],
    }),
  )
  if (rule.subscriberTags.length === 0) return candidates
  const tags = await subscriberTagsOf(c, [...new Set(candidates.map((i) => i.subjectKey))])
  return candidates.filter((i) =>
    ruleMatches(asRule(rule), {
      kind: i.kind,
      severity: i.severity as Severity,
      orderType: i.orderType,
      tags: tags.get(i.subjectKey) ?? [],
    }),
  )
}

/** A digest delivery's message, rebuilt from its key (digest:<slot>:<rule>:<channel>) when it is sent. */
async function digestMessage(c: Connections, key: string, url: string | null) {
  const [, slotIso, ruleId] = /^digest:(.+):([^:]+):[^:]+$/.exec(key) ?? []
  const rule = (await listRules(c)).find((r) => r.id === ruleId)
  if (!rule) throw new Error(`the digest's rule ${ruleId} was deleted`)
  const matched = await digestIssues(c, rule, new Date(slotIso))
  const lines = matched
    .slice(0, 100)
    .map((i) => `• [${i.severity}] ${findIssueKind(i.kind)?.label ?? i.kind} — ${i.subjectLabel} (${i.state})`)
  const base = buildAlertMessage(
    { ...testIssue(rule.id), id: `digest-${rule.id}`, subjectLabel: `${matched.length} issues`, lastDetail: null },
    'test',
    url,
  )
  return maskAlertPayload({
    ...base,
    title: `Portwatch daily digest (${rule.name}): ${matched.length} issues`,
    text: lines.join('\n') + (url ? `\n${url.replace(/\/+$/, '')}/attention` : ''),
  })
}
