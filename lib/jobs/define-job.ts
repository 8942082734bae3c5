// The one job interface: a handler bound to a job kind. Handlers do not know which runner calls them (the SQLite
// runner or Graphile Worker on PostgreSQL). A job runs at least once: a crash between claim and finish runs it
// again, so a handler must be idempotent (its effects keyed on the payload, e.g. the notification id).
import type { Connections } from '../db/client'
import type { JobKind } from './job-kinds'

export type JobContext = {
  connections: Connections
  jobId: string
  /** 1 for the first attempt. */
  attempt: number
  maxAttempts: number
}

/** Resolves to an optional one-line summary, kept with the attempt; throwing fails the attempt (retried with backoff). */
export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<string | void>

export type JobDefinition = { readonly kind: JobKind<unknown>; readonly handle: JobHandler<unknown> }

export function defineJob<P>(kind: JobKind<P>, handler: JobHandler<P>): JobDefinition {
  // The payload is what enqueueJob(kind, payload) stored for this kind, so it has the kind's payload type.
  return { kind: kind as JobKind<unknown>, handle: handler as JobHandler<unknown> }
}

/** A task that runs every `everyMs`, once per time slot across every instance (see claimScheduleSlot). */
export type Schedule = {
  readonly name: string
  readonly everyMs: number
  readonly kind: JobKind<unknown>
  readonly payload: (slotAt: Date) => unknown
}

export function defineSchedule<P>(s: { name: string; everyMs: number; kind: JobKind<P>; payload: (slotAt: Date) => P }): Schedule {
  return s as Schedule
}
