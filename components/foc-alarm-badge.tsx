// A FOC date that is due or missed, as an alarm (red once passed, amber the day before and the day of).
import type { FocAlarm } from '@/lib/orders/foc-alarm'

export function FocAlarmBadge({ alarm }: { alarm: FocAlarm }) {
  const tone =
    alarm.level === 'passed'
      ? 'bg-rose-100 text-rose-800 ring-rose-300 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-800'
      : 'bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800'
  return (
    <span
      data-testid="foc-alarm"
      data-level={alarm.level}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tone}`}
    >
      <span aria-hidden>⚠</span>
      {alarm.label}
    </span>
  )
}
