// Pure: puts an order's notifications in the order things happened and measures the time between states.

export type TimelineInput = { id: string; status: string | null; sortAt: string; receivedAt: string }

export type TimelineStep<T extends TimelineInput> = T & {
  /** Milliseconds since the previous step that carried a status (null for the first one, or a note). */
  sincePreviousStatusMs: number | null
}

/** Sorts by LastModifiedDate (sortAt) when present, else arrival; ties by arrival, then id. */
export function buildOrderTimeline<T extends TimelineInput>(entries: readonly T[]): TimelineStep<T>[] {
  const sorted = [...entries].sort((a, b) => cmp(a.sortAt, b.sortAt) || cmp(a.receivedAt, b.receivedAt) || cmp(a.id, b.id))
  let previousStatusAt: number | null = null
  return sorted.map((entry) => {
    const at = Date.parse(entry.sortAt)
    const step = { ...entry, sincePreviousStatusMs: entry.status && previousStatusAt !== null ? at - previousStatusAt : null }
    if (entry.status) previousStatusAt = at
    return step
  })
}

function cmp(a: string, b: string): number {
  const ta = Date.parse(a)
  const tb = Date.parse(b)
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta - tb
  return a < b ? -1 : a > b ? 1 : 0
}
