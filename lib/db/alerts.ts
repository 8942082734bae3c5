// Alert channels, rules and the per-channel delivery log. A dispatch (one issue event) writes one AlertDelivery per
// channel and its alert.send job in one SQL program, keyed on the event and the channel, so a dispatch run twice
// sends once. Channel secrets arrive here already sealed (lib/server/alert-channels.ts) and leave sealed.
import { randomUUID } from 'node:crypto'
import { alertSend } from '../jobs/job-kinds'
import { AppError } from '../app-error'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { enqueueJob } from './jobs'
import { defineSqlProgram, get, run, runSqlProgram, type SqlProgram } from './sql'

export const CHANNEL_TYPES = ['email', 'slack', 'pagerduty', 'webhook'] as const
export type ChannelType = (typeof CHANNEL_TYPES)[number]

export type ChannelRow = {
  id: string
  name: string
  type: ChannelType
  settings: Record<string, unknown>
  sealedSecrets: string
  enabled: boolean
  consecutiveFailures: number
  failingSince: Date | null
  lastSuccessAt: Date | null
}

type ChannelModel = NonNullable<Awaited<ReturnType<Connections['prisma']['alertChannel']['findUnique']>>>

function toChannelRow(c: ChannelModel): ChannelRow {
  return { ...c, type: c.type as ChannelType, settings: JSON.parse(c.settings) as Record<string, unknown> }
}

export async function listChannelRows(c: Connections): Promise<ChannelRow[]> {
  return (await c.prisma.alertChannel.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toChannelRow)
}

export async function getChannelRow(c: Connections, id: string): Promise<ChannelRow> {
  const row = await c.prisma.alertChannel.findUnique({ where: { id } })
  if (!row) throw new AppError('not_found', 'no such alert channel')
  return toChannelRow(row)
}

export async function insertChannel(
  c: Connections,
  actor: AuditActor,
  ch: { id: string; name: string; type: ChannelType; settings: Record<string, unknown>; sealedSecrets: string },
): Promise<void> {
  const now = new Date()
  await c.prisma.$transaction(async (tx) => {
    await tx.alertChannel.create({ data: { ...ch, settings: JSON.stringify(ch.settings), enabled: true, createdAt: now, updatedAt: now } })
    await recordAudit(tx, {
      actor,
      action: 'alerts.channel.create',
      target: ch.id,
      after: { name: ch.name, type: ch.type, settings: ch.settings },
    })
  })
}

export async function updateChannel(
  c: Connections,
  actor: AuditActor,
  id: string,
  change: { name?: string; enabled?: boolean },
): Promise<void> {
  await getChannelRow(c, id)
  await c.prisma.$transaction(async (tx) => {
    await tx.alertChannel.update({ where: { id }, data: { ...change, updatedAt: new Date() } })
    await recordAudit(tx, { actor, action: 'alerts.channel.update', target: id, after: change })
  })
}

export async function deleteChannel(c: Connections, actor: AuditActor, id: string): Promise<void> {
  await getChannelRow(c, id)
  await c.prisma.$transaction(async (tx) => {
    await tx.alertChannel.delete({ where: { id } })
    await recordAudit(tx, { actor, action: 'alerts.channel.delete', target: id })
  })
}

// ---------------------------------------------------------------------------------------------
// Rules

export type RuleInput = {
  name: string
  kinds: string[]
  orderTypes: string[]
  subscriberTags: string[]
  minSeverity: string
  quietMinutes: number
  digest: boolean
  enabled: boolean
  lifecycleUpdates?: boolean
  channelIds: string[]
}

type RuleModel = NonNullable<Awaited<ReturnType<Connections['prisma']['alertRule']['findUnique']>>>

export function toRuleDto(r: RuleModel) {
  return {
    id: r.id,
    name: r.name,
    kinds: JSON.parse(r.kinds) as string[],
    orderTypes: JSON.parse(r.orderTypes) as string[],
    subscriberTags: JSON.parse(r.subscriberTags) as string[],
    minSeverity: r.minSeverity,
    quietMinutes: r.quietMinutes,
    digest: r.digest,
    enabled: r.enabled,
    lifecycleUpdates: r.lifecycleUpdates,
    channelIds: JSON.parse(r.channelIds) as string[],
    createdAt: r.createdAt.toISOString(),
  }
}
export type RuleDto = ReturnType<typeof toRuleDto>

export async function listRules(c: Connections): Promise<RuleDto[]> {
  return (await c.prisma.alertRule.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toRuleDto)
}

function ruleColumns(r: RuleInput) {
  return {
    name: r.name,
    kinds: JSON.stringify(r.kinds),
    orderTypes: JSON.stringify(r.orderTypes),
    subscriberTags: JSON.stringify(r.subscriberTags),
    minSeverity: r.minSeverity,
    quietMinutes: r.quietMinutes,
    digest: r.digest,
    enabled: r.enabled,
    lifecycleUpdates: r.lifecycleUpdates ?? false,
    channelIds: JSON.stringify(r.channelIds),
  }
}

export async function saveRule(c: Connections, actor: AuditActor, id: string | null, r: RuleInput): Promise<RuleDto> {
  const known = new Set((await c.prisma.alertChannel.findMany({ select: { id: true } })).map((ch) => ch.id))
  const unknown = r.channelIds.find((ch) => !known.has(ch))
  if (unknown) throw new AppError('bad_request', `no such alert channel: ${unknown}`)
  const now = new Date()
  return c.prisma.$transaction(async (tx) => {
    if (id !== null && !(await tx.alertRule.findUnique({ where: { id } }))) throw new AppError('not_found', 'no such alert rule')
    const row =
      id === null
        ? await tx.alertRule.create({ data: { id: randomUUID(), ...ruleColumns(r), createdAt: now, updatedAt: now } })
        : await tx.alertRule.update({ where: { id }, data: { ...ruleColumns(r), updatedAt: now } })
    await recordAudit(tx, { actor, action: id === null ? 'alerts.rule.create' : 'alerts.rule.update', target: row.id, after: r })
    return toRuleDto(row)
  })
}

export async function deleteRule(c: Connections, actor: AuditActor, id: string): Promise<void> {
  await c.prisma.$transaction(async (tx) => {
    if (!(await tx.alertRule.findUnique({ where: { id } }))) throw new AppError('not_found', 'no such alert rule')
    await tx.alertRule.delete({ where: { id } })
    await recordAudit(tx, { actor, action: 'alerts.rule.delete', target: id })
  })
}

// ---------------------------------------------------------------------------------------------
// Deliveries

export type PlannedDelivery = {
  key: string
  channelId: string
  ruleId: string | null
  issueId: string | null
  subjectKey: string | null
  event: string
  /** held: not sent (quiet period); kept so the log says why nothing went. */
  state: 'pending' | 'held'
  error?: string
}

/** Writes the deliveries (each once, by key) and an alert.send job for each new pending one, in one transaction. */
export function planDeliveries(c: Connections, planned: PlannedDelivery[]): Promise<string[]> {
  if (planned.length === 0) return Promise.resolve([])
  return runSqlProgram(c, plan, planned, new Date())
}

const plan = defineSqlProgram('planAlertDeliveries', function* (planned: PlannedDelivery[], now: Date): SqlProgram<string[]> {
  const created: string[] = []
  for (const p of planned) {
    const id = randomUUID()
    const inserted = (yield run(
      `INSERT INTO "AlertDelivery" ("id", "key", "channelId", "ruleId", "issueId", "subjectKey", "event", "state", "attempts", "createdAt", "updatedAt", "error") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT ("key") DO NOTHING`,
      [id, p.key, p.channelId, p.ruleId, p.issueId, p.subjectKey, p.event, p.state, now, now, p.error ?? null],
    )) as number
    if (inserted === 0) continue
    if (p.state === 'pending') yield enqueueJob(alertSend, { deliveryId: id })
    created.push(id)
  }
  return created
})

/** When this rule last sent (or tried to send) an opening about this subject: the quiet period's start. */
export async function lastOpeningSent(c: Connections, ruleId: string, subjectKey: string): Promise<Date | null> {
  const row = await c.prisma.alertDelivery.findFirst({
    where: { ruleId, subjectKey, state: { in: ['sent', 'pending', 'failed'] }, event: { in: ['opened', 'reopened'] } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  })
  return row?.createdAt ?? null
}

/** The channels told about this issue's opening (a resolve goes only to them). */
export async function channelsToldOfIssue(c: Connections, issueId: string): Promise<Set<string>> {
  const rows = await c.prisma.alertDelivery.findMany({
    where: { issueId, event: { in: ['opened', 'reopened'] }, state: { in: ['sent', 'pending', 'failed'] } },
    select: { channelId: true },
    distinct: ['channelId'],
  })
  return new Set(rows.map((r) => r.channelId))
}

export async function getDelivery(c: Connections, id: string) {
  return c.prisma.alertDelivery.findUnique({ where: { id } })
}

/** One attempt's outcome; the channel's failure streak moves with it. Returns the channel's streak after it. */
export function recordDeliveryAttempt(
  c: Connections,
  d: { id: string; channelId: string },
  o: { ok: boolean; status: number | null; body: string | null; error: string | null; final: boolean },
): Promise<number> {
  return runSqlProgram(c, attempt, d, o, new Date())
}

const attempt = defineSqlProgram(
  'recordAlertDeliveryAttempt',
  function* (
    d: { id: string; channelId: string },
    o: { ok: boolean; status: number | null; body: string | null; error: string | null; final: boolean },
    now: Date,
  ): SqlProgram<number> {
    const state = o.ok ? 'sent' : o.final ? 'failed' : 'pending'
    yield run(
      `UPDATE "AlertDelivery" SET "state" = ?, "attempts" = "attempts" + 1, "responseStatus" = ?, "responseBody" = ?, "error" = ?, "sentAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
      [state, o.status, o.body, o.error, o.ok ? now : null, now, d.id],
    )
    if (o.ok)
      yield run(`UPDATE "AlertChannel" SET "consecutiveFailures" = 0, "failingSince" = NULL, "lastSuccessAt" = ? WHERE "id" = ?`, [
        now,
        d.channelId,
      ])
    else
      yield run(
        `UPDATE "AlertChannel" SET "consecutiveFailures" = "consecutiveFailures" + 1, "failingSince" = COALESCE("failingSince", ?) WHERE "id" = ?`,
        [now, d.channelId],
      )
    const row = (yield get(`SELECT "consecutiveFailures" FROM "AlertChannel" WHERE "id" = ?`, [d.channelId])) as
      { consecutiveFailures: number } | undefined
    return Number(row?.consecutiveFailures ?? 0)
  },
)

export async function listDeliveries(c: Connections, channelId: string, limit = 50) {
  const rows = await c.prisma.alertDelivery.findMany({
    where: { channelId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  })
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    state: d.state,
    issueId: d.issueId,
    attempts: d.attempts,
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
    responseStatus: d.responseStatus,
    responseBody: d.responseBody,
    error: d.error,
  }))
}
