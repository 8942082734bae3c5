// Pure: an order is "stuck" when it is in a non-terminal state and nothing has arrived for it for
// longer than its type's threshold. Thresholds are hours, per lower-cased order type, overridable in settings.
import { getLifecycle, isTerminalStatus } from './order-lifecycles'
import { ORDER_TYPES } from './order-types'

export type StuckThresholds = Record<string, number>

/** Defaults: each order type's stuckHours (order-types.ts), and `default` for every type without one. */
export const DEFAULT_STUCK_HOURS: StuckThresholds = {
  default: 48,
  ...Object.fromEntries(ORDER_TYPES.flatMap((t) => (t.stuckHours === null ? [] : [[t.key, t.stuckHours]]))),
}

export type StuckInput = { orderTypeKey: string; status: string | null; lastSeenAt: string | Date }

export function stuckThresholdHours(orderTypeKey: string, thresholds: StuckThresholds): number {
  const merged = { ...DEFAULT_STUCK_HOURS, ...thresholds }
  return merged[orderTypeKey.toLowerCase()] ?? merged.default
}

/** When the order became stuck (lastSeenAt + threshold), or null when it is not stuck at `now`. */
export function detectStuck(order: StuckInput, now: Date, thresholds: StuckThresholds = {}): Date | null {
  if (isTerminalStatus(order.orderTypeKey, order.status)) return null
  const since = new Date(new Date(order.lastSeenAt).getTime() + stuckThresholdHours(order.orderTypeKey, thresholds) * 3_600_000)
  return since.getTime() < now.getTime() ? since : null
}

/**
 * The same rule as a query plan: for each type with its own threshold, "type = t AND lastSeenAt < cutoff",
 * and for every other type the default cutoff; always "status not terminal for that type".
 */
export function buildStuckCutoffs(now: Date, thresholds: StuckThresholds = {}) {
  const merged = { ...DEFAULT_STUCK_HOURS, ...thresholds }
  const cutoff = (hours: number) => new Date(now.getTime() - hours * 3_600_000)
  const specific = Object.entries(merged)
    .filter(([type]) => type !== 'default')
    .map(([type, hours]) => ({ orderTypeKey: type, before: cutoff(hours), terminal: [...getLifecycle(type).terminal] }))
  return { specific, otherTypes: { before: cutoff(merged.default), terminal: [...getLifecycle('unknown-type').terminal] } }
}
