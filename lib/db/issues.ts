// The issues' tables: signals applied through the outbox (one SQL program, so the alert jobs an opening or a
// resolve triggers are committed with it), people's actions and comments, and what /attention and the overview read.
// Idempotent by the signal's source key: a job run again after a crash, or the same event seen twice, changes nothing.
import { randomUUID } from 'node:crypto'
import { applyIssueAction, applyIssueSignal, effectiveIssueState, type IssueAction, type IssueEvent } from '../alerts/apply-issue-signal'
import { findIssueKind, ISSUE_STATES, type IssueState } from '../alerts/issue-kinds'
import type { IssueSignal } from '../alerts/issue-signals'
import { issueAlert } from '../jobs/job-kinds'
import { AppError } from '../app-error'
import type { Connections } from './client'
import { enqueueJob } from './jobs'
import { defineSqlProgram, get, lock, run, runSqlProgram, type SqlProgram } from './sql'

export type AppliedSignal = { issueId: string; kind: string; subjectKey: string; event: IssueEvent; eventId: string }

/**
 * Applies each signal to its issue (kind + subject): opens, counts, resolves or reopens it and keeps the event.
 * An opening, a reopening and a resolve enqueue an issue.alert job in the same transaction.
 */
export function applyIssueSignals(c: Connections, signals: IssueSignal[], now = new Date()): Promise<AppliedSignal[]> {
  if (signals.length === 0) return Promise.resolve([])
  return runSqlProgram(c, applySignals, signals, now)
}

type IssueRow = { id: string; state: IssueState; count: number; snoozedUntil: string | null; stale: number }

const applySignals = defineSqlProgram('applyIssueSignals', function* (signals: IssueSignal[], now: Date): SqlProgram<AppliedSignal[]> {
  const applied: AppliedSignal[] = []
  for (const s of signals) {
    const kind = findIssueKind(s.kind)
    if (!kind) throw new Error(`unknown issue kind ${s.kind}`)
    // Two signals about one issue at once (two workers on PostgreSQL) apply one after the other.
    yield lock(`issue:${s.kind}:${s.subjectKey}`)
    if (yield get(`SELECT 1 AS "seen" FROM "IssueEvent" WHERE "sourceKey" = ?`, [s.sourceKey])) continue
    const at = new Date(s.at)
    // "stale": this signal is older than the newest one applied (compared in SQL: both providers, one clock).
    const row = (yield get(
      `SELECT "id", "state", "count", "snoozedUntil", CASE WHEN "conditionAt" > ? THEN 1 ELSE 0 END AS "stale" FROM "Issue" WHERE "kind" = ? AND "subjectKey" = ?`,
      [at, s.kind, s.subjectKey],
    )) as IssueRow | undefined
    if (row && Number(row.stale)) continue
    const change = applyIssueSignal(
      row ? { state: row.state, count: Number(row.count), conditionAt: null, snoozedUntil: row.snoozedUntil } : null,
      s,
    )
    if (!change || change.event === null) {
      if (change && row) yield* setResolved(row.id, change.conditionAt, now, s.detail)
      continue
    }
    const issueId = row?.id ?? randomUUID()
    if (!row) {
      yield run(
        `INSERT INTO "Issue" ("id", "kind", "subjectKey", "subjectLabel", "severity", "orderType", "state", "firstSeenAt", "lastSeenAt", "count", "conditionAt", "lastDetail", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, 1, ?, ?, ?)`,
        [issueId, s.kind, s.subjectKey, s.subjectLabel, kind.severity, s.orderType ?? null, now, now, at, s.detail, now],
      )
    } else if (change.event === 'resolved') {
      yield* setResolved(row.id, change.conditionAt, now, s.detail)
    } else if (change.event === 'reopened') {
      yield run(
        `UPDATE "Issue" SET "state" = 'open', "count" = ?, "lastSeenAt" = ?, "conditionAt" = ?, "lastDetail" = ?, "acknowledgedBy" = NULL, "acknowledgedAt" = NULL, "snoozedUntil" = NULL, "resolvedAt" = NULL, "resolvedBy" = NULL, "updatedAt" = ? WHERE "id" = ?`,
        [change.count, now, at, s.detail, now, row.id],
      )
    } else {
      yield run(`UPDATE "Issue" SET "count" = ?, "lastSeenAt" = ?, "conditionAt" = ?, "lastDetail" = ?, "updatedAt" = ? WHERE "id" = ?`, [
        change.count,
        now,
        at,
        s.detail,
        now,
        row.id,
      ])
    }
    const eventId = randomUUID()
    yield run(
      `INSERT INTO "IssueEvent" ("id", "issueId", "sourceKey", "at", "event", "actor", "detail") VALUES (?, ?, ?, ?, ?, 'system', ?)`,
      [eventId, issueId, s.sourceKey, now, change.event, s.detail],
    )
    if (change.event !== 'seen') yield enqueueJob(issueAlert, { issueId, eventId, event: change.event })
    applied.push({ issueId, kind: s.kind, subjectKey: s.subjectKey, event: change.event, eventId })
  }
  return applied
})

function* setResolved(id: string, conditionAt: string, now: Date, detail: string): SqlProgram<void> {
  yield run(
    `UPDATE "Issue" SET "state" = 'resolved', "conditionAt" = ?, "resolvedAt" = ?, "resolvedBy" = 'system', "lastDetail" = ?, "snoozedUntil" = NULL, "updatedAt" = ? WHERE "id" = ?`,
    [new Date(conditionAt), now, detail, now, id],
  )
}

// ---------------------------------------------------------------------------------------------
// People: acknowledge, snooze, ignore, resolve, reopen, comment

export type IssueActor = { email: string }

/** A person's action; an acknowledge or a resolve enqueues its alert (PagerDuty) in the same transaction. 404/409 as AppError. */
export async function actOnIssue(c: Connections, actor: IssueActor, id: string, a: IssueAction, now = new Date()) {
  const result = await runSqlProgram(c, act, actor.email, id, a.action, a.action === 'snooze' ? a.until : null, now)
  if (result === 'not-found') throw new AppError('not_found', 'no such issue')
  if (typeof result === 'object') throw new AppError('conflict', result.refused)
  return getIssue(c, id, now)
}

const act = defineSqlProgram(
  'actOnIssue',
  function* (
    email: string,
    id: string,
    action: IssueAction['action'],
    until: Date | null,
    now: Date,
  ): SqlProgram<'done' | 'not-found' | { refused: string }> {
    yield lock(`issue-id:${id}`)
    const row = (yield get(`SELECT "state", "snoozedUntil" FROM "Issue" WHERE "id" = ?`, [id])) as
      { state: IssueState; snoozedUntil: string | Date | null } | undefined
    if (!row) return 'not-found'
    const a = (action === 'snooze' ? { action, until: until! } : { action }) as IssueAction
    const next = applyIssueAction(effectiveIssueState(row, now), a, now)
    if ('refused' in next) return next
    const sets: Record<IssueState, string> = {
      acknowledged: `"acknowledgedBy" = ?, "acknowledgedAt" = ?`,
      snoozed: `"snoozedUntil" = ?`,
      ignored: `"snoozedUntil" = NULL`,
      resolved: `"resolvedBy" = ?, "resolvedAt" = ?, "snoozedUntil" = NULL`,
      open: `"resolvedBy" = NULL, "resolvedAt" = NULL, "acknowledgedBy" = NULL, "acknowledgedAt" = NULL, "snoozedUntil" = NULL`,
    }
    const params: Record<IssueState, (string | Date)[]> = {
      acknowledged: [email, now],
      snoozed: [until!],
      ignored: [],
      resolved: [email, now],
      open: [],
    }
    yield run(`UPDATE "Issue" SET "state" = ?, ${sets[next.state]}, "updatedAt" = ? WHERE "id" = ?`, [
      next.state,
      ...params[next.state],
      now,
      id,
    ])
    const eventId = randomUUID()
    const event =
      action === 'acknowledge'
        ? 'acknowledged'
        : action === 'snooze'
          ? 'snoozed'
          : action === 'ignore'
            ? 'ignored'
            : action === 'resolve'
              ? 'resolved'
              : 'reopened'
    yield run(`INSERT INTO "IssueEvent" ("id", "issueId", "sourceKey", "at", "event", "actor", "detail") VALUES (?, ?, NULL, ?, ?, ?, ?)`, [
      eventId,
      id,
      now,
      event,
      email,
      until ? `until ${until.toISOString()}` : null,
    ])
    // The channels that were told it opened hear that it ended (PagerDuty resolves its incident) or that a person has
    // it (PagerDuty acknowledges its incident, so nobody else is paged; chat channels if their rule asks for it).
    if (event === 'resolved' || event === 'acknowledged') yield enqueueJob(issueAlert, { issueId: id, eventId, event })
    return 'done'
  },
)

export async function addIssueComment(c: Connections, actor: IssueActor, id: string, text: string, now = new Date()) {
  const issue = await c.prisma.issue.findUnique({ where: { id }, select: { id: true } })
  if (!issue) throw new AppError('not_found', 'no such issue')
  await c.prisma.issueEvent.create({ data: { id: randomUUID(), issueId: id, at: now, event: 'comment', actor: actor.email, detail: text } })
  return getIssue(c, id, now)
}

// ---------------------------------------------------------------------------------------------
// Reads

type IssueModel = NonNullable<Awaited<ReturnType<Connections['prisma']['issue']['findUnique']>>>

export function toIssueDto(i: IssueModel, now = new Date()) {
  return {
    id: i.id,
    kind: i.kind,
    kindLabel: findIssueKind(i.kind)?.label ?? i.kind,
    subjectKey: i.subjectKey,
    subjectLabel: i.subjectLabel,
    severity: i.severity,
    orderType: i.orderType,
    state: effectiveIssueState({ state: i.state as IssueState, snoozedUntil: i.snoozedUntil }, now),
    count: i.count,
    firstSeenAt: i.firstSeenAt.toISOString(),
    lastSeenAt: i.lastSeenAt.toISOString(),
    lastDetail: i.lastDetail,
    acknowledgedBy: i.acknowledgedBy,
    acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
    snoozedUntil: i.snoozedUntil?.toISOString() ?? null,
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    resolvedBy: i.resolvedBy,
  }
}
export type IssueDto = ReturnType<typeof toIssueDto>

export type ListIssuesQuery = { kind?: string; state?: IssueState | 'active'; limit: number }

/** Issues, newest activity first. `active` (the default view): open or acknowledged, a run-out snooze included. */
export async function listIssues(c: Connections, q: ListIssuesQuery, now = new Date()) {
  const state = q.state ?? 'active'
  const snoozeOver = { state: 'snoozed', snoozedUntil: { lte: now } }
  const where = {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(state === 'active'
      ? { OR: [{ state: { in: ['open', 'acknowledged'] } }, snoozeOver] }
      : state === 'open'
        ? { OR: [{ state: 'open' }, snoozeOver] }
        : state === 'snoozed'
          ? { state: 'snoozed', snoozedUntil: { gt: now } }
          : { state }),
  }
  const rows = await c.prisma.issue.findMany({ where, orderBy: [{ lastSeenAt: 'desc' }, { id: 'desc' }], take: q.limit })
  return rows.map((r) => toIssueDto(r, now))
}

export const ISSUE_FILTER_STATES = ['active', ...ISSUE_STATES] as const

export async function getIssue(c: Connections, id: string, now = new Date()) {
  const issue = await c.prisma.issue.findUnique({ where: { id } })
  if (!issue) throw new AppError('not_found', 'no such issue')
  const events = await c.prisma.issueEvent.findMany({ where: { issueId: id }, orderBy: [{ at: 'asc' }, { id: 'asc' }], take: 500 })
  return {
    issue: toIssueDto(issue, now),
    events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), event: e.event, actor: e.actor, detail: e.detail })),
  }
}

/** Open (and acknowledged) issues per kind: the overview's panel and the header's count. */
export async function countActiveIssues(c: Connections, now = new Date()) {
  const groups = await c.prisma.issue.groupBy({
    by: ['kind'],
    where: { OR: [{ state: { in: ['open', 'acknowledged'] } }, { state: 'snoozed', snoozedUntil: { lte: now } }] },
    _count: { _all: true },
  })
  const byKind = groups
    .map((g) => ({ kind: g.kind, label: findIssueKind(g.kind)?.label ?? g.kind, count: g._count._all }))
    .sort((a, b) => b.count - a.count)
  return { total: byKind.reduce((n, g) => n + g.count, 0), byKind }
}

/** The subjects with an issue of this kind that is not resolved: what a scan must clear when its condition is gone. */
export async function unresolvedSubjects(c: Connections, kind: string): Promise<{ subjectKey: string; subjectLabel: string }[]> {
  return c.prisma.issue.findMany({
    where: { kind, state: { not: 'resolved' } },
    select: { subjectKey: true, subjectLabel: true },
    take: 10_000,
  })
}
