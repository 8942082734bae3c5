'use client'

import { useSyncExternalStore } from 'react'

const subscribeNever = () => () => {}

/** True in the browser after hydration, false on the server and during hydration (so the first render matches). */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
}

/** A time in the operator's own time zone, with the UTC value on hover. Renders UTC until hydrated (no mismatch). */
export function LocalTime({ iso, withSeconds = false }: { iso: string | null; withSeconds?: boolean }) {
  const hydrated = useIsHydrated()
  if (!iso) return <span className="text-slate-500">—</span>
  const local = hydrated
    ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short' })
    : null
  return (
    <time dateTime={iso} title={`${iso.replace('T', ' ').replace('Z', ' UTC')}`}>
      {local ?? iso.replace('T', ' ').slice(0, 16) + ' UTC'}
    </time>
  )
}
