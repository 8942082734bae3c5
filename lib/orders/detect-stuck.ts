// Pure: an order is "stuck" when it is in a non-terminal state and nothing has arrived for it for
// longer than its type's threshold. Thresholds are hours, per lower-cased order type, overridable in settings.
import { isTerminalStatus } from './order-lifecycles'
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
 * The same rule for every order of one (type, status): null when such an order is never stuck (a terminal
 * state), else the cutoff: an order there is stuck exactly when it was last seen before it. The overview and
 * the stuck filter read one index range per such pair (lib/db/order-counts.ts).
 */
export function stuckCutoff(orderTypeKey: string, status: string | null, now: Date, thresholds: StuckThresholds = {}): Date | null {
  if (isTerminalStatus(orderTypeKey, status)) return null
  return new Date(now.getTime() - stuckThresholdHours(orderTypeKey, thresholds) * 3_600_000)
}
