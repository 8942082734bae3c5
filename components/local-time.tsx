'use client'

import { useEffect, useState } from 'react'

/** A time in the operator's own time zone, with the UTC value on hover. Renders UTC until hydrated (no mismatch). */
export function LocalTime({ iso, withSeconds = false }: { iso: string | null; withSeconds?: boolean }) {
  const [local, setLocal] = useState<string | null>(null)
  useEffect(() => {
    if (iso) setLocal(new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: withSeconds ? 'medium' : 'short' }))
  }, [iso, withSeconds])
  if (!iso) return <span className="text-slate-500">—</span>
  return (
    <time dateTime={iso} title={`${iso.replace('T', ' ').replace('Z', ' UTC')}`}>
      {local ?? iso.replace('T', ' ').slice(0, 16) + ' UTC'}
    </time>
  )
}
