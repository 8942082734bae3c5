'use client'

import { useSyncExternalStore } from 'react'
import { formatDateTime } from '@/lib/format/format-date-time'

const subscribeNever = () => () => {}

/** True in the browser after hydration, false on the server and during hydration (so the first render matches). */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
}

/** The browser's time zone after hydration; UTC on the server and during hydration. */
export function useTimeZone(): string {
  const hydrated = useIsHydrated()
  return hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : 'UTC'
}

/**
 * A time in the operator's own time zone, labelled with it ("Mar 14, 2026, 09:03 EDT"), UTC on hover.
 * Renders UTC (labelled) until hydrated, so the server's HTML and the first client render agree.
 */
export function LocalTime({ iso, withSeconds = false }: { iso: string | null; withSeconds?: boolean }) {
  const timeZone = useTimeZone()
  if (!iso) return <span className="text-slate-600 dark:text-slate-400">—</span>
  return (
    <time dateTime={iso} title={formatDateTime(iso, { seconds: true })}>
      {formatDateTime(iso, { timeZone, seconds: withSeconds })}
    </time>
  )
}
