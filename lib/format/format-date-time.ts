// The one way Portwatch writes a date or a time, on every page and in every sentence the server builds.
// A time always names its zone: "Mar 14, 2026, 09:03 EDT" in the browser's zone, "Mar 14, 2026, 13:03 UTC"
// wherever no browser zone is known (server renders, pure descriptions, before hydration). Month names,
// not numbers, so no reader mistakes 03/04 for April; a 24-hour clock, so no AM/PM to misread at 3 a.m.
// Pure: the zone is always passed in (the browser's is read by components/local-time.tsx).

export type DateTimeOptions = {
  /** An IANA zone (e.g. "America/New_York"); UTC when not given. */
  timeZone?: string
  /** Include seconds (logs and feeds, where two arrivals a second apart must read apart). */
  seconds?: boolean
}

const cache = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string, kind: 'date-time' | 'date-time-seconds' | 'date' | 'day'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`
  const hit = cache.get(key)
  if (hit) return hit
  const time: Intl.DateTimeFormatOptions =
    kind === 'date-time' || kind === 'date-time-seconds'
      ? {
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
          ...(kind === 'date-time-seconds' ? { second: '2-digit' } : {}),
        }
      : {}
  const made = new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    ...(kind === 'day' ? {} : { year: 'numeric' }),
    ...time,
  })
  cache.set(key, made)
  return made
}

function parts(at: Date, f: Intl.DateTimeFormat): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of f.formatToParts(at)) out[p.type] = p.value
  return out
}

function toDate(at: string | Date): Date | null {
  const d = typeof at === 'string' ? new Date(at) : at
  return Number.isNaN(d.getTime()) ? null : d
}

/** "Mar 14, 2026, 09:03 EDT" (or with seconds "…, 09:03:12 EDT"); the input as given when it is no date. */
export function formatDateTime(at: string | Date, { timeZone = 'UTC', seconds = false }: DateTimeOptions = {}): string {
  const d = toDate(at)
  if (!d) return String(at)
  const p = parts(d, formatter(timeZone, seconds ? 'date-time-seconds' : 'date-time'))
  return `${p.month} ${p.day}, ${p.year}, ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''} ${p.timeZoneName}`
}

/** "Mar 14, 2026": a calendar date in the given zone (UTC when not given). */
export function formatDate(at: string | Date, { timeZone = 'UTC' }: Pick<DateTimeOptions, 'timeZone'> = {}): string {
  const d = toDate(at)
  if (!d) return String(at)
  const p = parts(d, formatter(timeZone, 'date'))
  return `${p.month} ${p.day}, ${p.year}`
}

/** "Mar 14" for a UTC day ("2026-03-14"), where the year is already plain (a chart of the last days). */
export function formatDay(day: string): string {
  const d = toDate(`${day}T00:00:00Z`)
  if (!d) return day
  const p = parts(d, formatter('UTC', 'day'))
  return `${p.month} ${p.day}`
}
