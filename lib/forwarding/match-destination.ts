// Pure: does a destination want this event? Its event types, then its filters: order types (only events about an
// order of one of those types pass; events about no order are not affected) and statuses (a status change into one
// of them, a note on an order in one of them, an event of that type, a port-out decision "portable"/"denied").
import type { ForwardEventType } from './forward-events'

export type DestinationFilter = { eventTypes: string[]; orderTypes: string[]; statuses: string[] }

export function destinationWants(
  d: DestinationFilter,
  e: { type: ForwardEventType; orderType: string | null; status: string | null },
): boolean {
  if (!d.eventTypes.includes(e.type)) return false
  if (d.orderTypes.length > 0 && e.orderType !== null && !d.orderTypes.some((t) => t.toLowerCase() === e.orderType)) return false
  if (d.statuses.length > 0 && !d.statuses.some((s) => s.toUpperCase() === (e.status ?? '').toUpperCase())) return false
  return true
}
