// Pure: what each Bandwidth order type goes through (from the table in order-types.ts), to draw progress
// and tell finished orders from ones still moving.
import { findOrderType, ORDER_TYPES, orderTypeKeys, type Lifecycle, type OrderType } from './order-types'

export type { Lifecycle }

/** For an order type nobody documented: every state anyone calls final is final. */
const UNKNOWN: Lifecycle = {
  path: [],
  branches: [],
  terminal: ['COMPLETE', 'COMPLETED', 'CANCELLED', 'FAILED', 'PARTIAL', 'ADJUSTED_COMPLETE', 'ADJUSTED_PARTIAL'],
}

/** Matched case-insensitively, in any of Bandwidth's spellings of the type (spec §9.9). */
export function getLifecycle(orderTypeKey: string): Lifecycle & { known: boolean } {
  const lifecycle = findOrderType(orderTypeKey)?.lifecycle
  return lifecycle ? { ...lifecycle, known: true } : { ...UNKNOWN, known: false }
}

export function isTerminalStatus(orderTypeKey: string, status: string | null): boolean {
  return status !== null && getLifecycle(orderTypeKey).terminal.includes(status.toUpperCase())
}

/**
 * States an operator must look at: every type's attentionStatuses (EXCEPTION, REQUESTED_SUPP, FAILED,
 * PARTIAL, BACKORDERED and their cousins). The overview, the status badge and the orders filter match on
 * the status alone, so such a state counts even on a type whose lifecycle does not list it.
 */
export const ATTENTION_STATUSES: readonly string[] = [...new Set(ORDER_TYPES.flatMap((t) => t.attentionStatuses))]

/** Every lower-cased spelling of an order type with a known lifecycle (for filters and suggestions). */
export const KNOWN_ORDER_TYPES: string[] = ORDER_TYPES.filter((t) => t.lifecycle !== null).flatMap(orderTypeKeys)

/** The status list for a type (its lifecycle's states, attention ones first), or for every known type when none is chosen. */
export function statusOptions(type: string): { attention: string[]; other: string[] } {
  const known = findOrderType(type)
  const types: readonly OrderType[] = known ? [known] : ORDER_TYPES
  const states = [...new Set(types.flatMap((t) => (t.lifecycle ? [...t.lifecycle.path, ...t.lifecycle.branches] : [])))]
  const attention = known ? [...known.attentionStatuses] : [...ATTENTION_STATUSES]
  return { attention, other: states.filter((s) => !attention.includes(s)).sort() }
}
