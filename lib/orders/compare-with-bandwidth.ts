// Pure: how Bandwidth's view of an order (its current state and history, spec §6.1–6.2) differs from what
// Portwatch received. Statuses compare case-insensitively (import orders report lower case).
import type { OrderHistoryEntry } from '../bandwidth/parse-api-response'

export type BandwidthComparison = {
  ourStatus: string | null
  bandwidthStatus: string | null
  statusMatches: boolean
  /** States in Bandwidth's history that no notification brought us (missed webhooks). */
  missedStates: { status: string; at?: string; note?: string }[]
  /** States we received that Bandwidth's history does not show (history lags by up to minutes, spec §6.2). */
  notInHistory: string[]
}

export function compareWithBandwidth(
  ours: { status: string | null; receivedStatuses: readonly string[] },
  theirs: { status?: string; history: readonly OrderHistoryEntry[] },
): BandwidthComparison {
  const up = (s: string) => s.toUpperCase()
  const received = new Set(ours.receivedStatuses.map(up))
  const inHistory = new Set(theirs.history.flatMap((h) => (h.status ? [up(h.status)] : [])))
  const missedStates = theirs.history
    .filter((h) => h.status && !received.has(up(h.status)))
    .map((h) => ({ status: up(h.status!), at: h.orderDate, note: h.note }))
  const ourStatus = ours.status ? up(ours.status) : null
  const bandwidthStatus = theirs.status ? up(theirs.status) : null
  return {
    ourStatus,
    bandwidthStatus,
    statusMatches: ourStatus === bandwidthStatus,
    missedStates,
    notInHistory: [...received].filter((s) => !inHistory.has(s)),
  }
}
