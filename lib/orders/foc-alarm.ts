// Pure: whether an order's FOC (firm order commitment) date asks for someone now. A port-in still waiting
// on its FOC date the day before, the day of, or after it is an alarm, not a neutral countdown.
import { getLifecycle } from './order-lifecycles'
import { ORDER_TYPES, type OrderType } from './order-types'

export type FocAlarmLevel = 'passed' | 'today' | 'tomorrow'
export type FocAlarm = { level: FocAlarmLevel; label: string }

const DAY_MS = 86_400_000

/** The order types whose happy path goes through FOC (port-ins, LSR orders): only they have a FOC date to miss. */
const TYPES: readonly OrderType[] = ORDER_TYPES
export const FOC_ORDER_TYPES: readonly string[] = TYPES.filter((t) => t.lifecycle?.path.includes('FOC')).map((t) => t.key)

/** The first instant after "tomorrow" (UTC): a FOC date before it is due or missed. */
export function focAlarmCutoff(now: Date): Date {
  return new Date(startOfUtcDay(now) + 2 * DAY_MS)
}

/** Null when nothing is due: no FOC date, a type without FOC, a final state, or a FOC date after tomorrow (UTC days). */
export function focAlarm(
  order: { orderTypeKey: string; status: string | null; actualFocDate: string | Date | null },
  now: Date,
): FocAlarm | null {
  if (!order.actualFocDate || !FOC_ORDER_TYPES.includes(order.orderTypeKey.toLowerCase())) return null
  if (order.status !== null && getLifecycle(order.orderTypeKey).terminal.includes(order.status.toUpperCase())) return null
  const foc = new Date(order.actualFocDate).getTime()
  if (foc >= focAlarmCutoff(now).getTime()) return null
  if (foc <= now.getTime()) {
    const days = Math.floor((now.getTime() - foc) / DAY_MS)
    return { level: 'passed', label: days === 0 ? 'FOC missed today' : `FOC missed ${days} d ago` }
  }
  return foc < startOfUtcDay(now) + DAY_MS ? { level: 'today', label: 'FOC due today' } : { level: 'tomorrow', label: 'FOC due tomorrow' }
}

function startOfUtcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
}
