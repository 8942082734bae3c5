// Pure: puts an order's notifications in the order things happened and measures the time between states.

export type TimelineInput = { id: string; status: string | null; sortAt: string; receivedAt: string }

export type TimelineStep<T extends TimelineInput> = T & {
  /**
   * For a step that changes the state: milliseconds spent in the previous state (since the step that
   * entered it). Null for the first state, for notes, and for a repeat of the current status (a note
   * sent with the status, a re-sent FOC): those do not end the time spent in the state.
   */
  sincePreviousStatusMs: number | null
}

/** Sorts by LastModifiedDate (sortAt) when present, else arrival; ties by arrival, then id. */
export function buildOrderTimeline<T extends TimelineInput>(entries: readonly T[]): TimelineStep<T>[] {
  const sorted = [...entries].sort((a, b) => cmp(a.sortAt, b.sortAt) || cmp(a.receivedAt, b.receivedAt) || cmp(a.id, b.id))
  let state: { status: string; since: number } | null = null
  return sorted.map((entry) => {
    const at = Date.parse(entry.sortAt)
    const changesState = Boolean(entry.status) && entry.status !== state?.status
    const step = { ...entry, sincePreviousStatusMs: changesState && state ? at - state.since : null }
    if (changesState) state = { status: entry.status!, since: at }
    return step
  })
}

function cmp(a: string, b: string): number {
  const ta = Date.parse(a)
  const tb = Date.parse(b)
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb
  return a < b ? -1 : a > b ? 1 : 0
}
