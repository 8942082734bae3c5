// Pure: the hours in which silence counts. "No notification for the quiet time" means so many minutes of *watched*
// time without one: with business hours set (days, a start and an end, in a time zone), a quiet night or weekend adds
// nothing, and the count goes on where it stopped when the next watched hours begin. Without them every minute counts.
// Days are ISO weekdays (1 Monday … 7 Sunday) of the local day a window starts on; an end at or before the start
// crosses midnight (22:00–06:00). Local times follow the zone's daylight-saving changes (Intl, no table of our own).

export type QuietHours = { zone: string; days: number[]; start: string; end: string }

const MINUTE = 60_000
const DAY = 86_400_000
/** Past this many local days of silence the answer is "more than enough" (the setting is at most a week). */
const MAX_DAYS = 60

/** Minutes of watched time in [from, to); every minute when `hours` is null. */
export function watchedMinutesBetween(from: Date, to: Date, hours: QuietHours | null): number {
  const span = to.getTime() - from.getTime()
  if (span <= 0) return 0
  if (!hours) return span / MINUTE
  const start = minuteOfDay(hours.start)
  const end = minuteOfDay(hours.end)
  const length = end > start ? end - start : end + 24 * 60 - start
  let watched = 0
  // From the local day before `from` (an overnight window may have started then) to the local day of `to`.
  const first = localDate(new Date(from.getTime() - DAY), hours.zone)
  for (let i = 0; i <= MAX_DAYS + 1; i++) {
    const day = addDays(first, i)
    const opens = zonedTime(day, start, hours.zone)
    if (opens >= to.getTime()) break
    if (!hours.days.includes(isoWeekday(day))) continue
    const closes = zonedTime(addDays(day, Math.floor((start + length) / (24 * 60))), (start + length) % (24 * 60), hours.zone)
    watched += Math.max(0, Math.min(closes, to.getTime()) - Math.max(opens, from.getTime())) / MINUTE
  }
  return watched
}

/** Whether `at` falls in watched time. */
export function isWatched(at: Date, hours: QuietHours | null): boolean {
  return watchedMinutesBetween(at, new Date(at.getTime() + MINUTE), hours) > 0
}

/** "Mon–Fri 08:00–18:00 Europe/Berlin", or "at all hours". */
export function describeQuietHours(hours: QuietHours | null): string {
  if (!hours) return 'at all hours'
  const names = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
  const days = [...new Set(hours.days)].sort((a, b) => a - b)
  const contiguous = days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1] + 1)
  const dayText =
    days.length === 7 ? 'every day' : contiguous ? `${names[days[0]]}–${names[days.at(-1)!]}` : days.map((d) => names[d]).join(', ')
  return `${dayText} ${hours.start}–${hours.end} ${hours.zone}`
}

/** Whether the runtime knows this IANA zone. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

type LocalDate = { y: number; m: number; d: number }

function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function partsIn(at: number, zone: string): { y: number; m: number; d: number; h: number; min: number } {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(zone, f)
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]))
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute }
}

function localDate(at: Date, zone: string): LocalDate {
  const p = partsIn(at.getTime(), zone)
  return { y: p.y, m: p.m, d: p.d }
}

function addDays(day: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n))
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() }
}

function isoWeekday(day: LocalDate): number {
  return new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() || 7
}

/** The instant of a local wall-clock time in the zone (a time skipped by a DST change lands just after it). */
function zonedTime(day: LocalDate, minute: number, zone: string): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d, 0, minute)
  let guess = wall
  for (let i = 0; i < 2; i++) {
    const p = partsIn(guess, zone)
    const offset = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min) - guess
    guess = wall - offset
  }
  return guess
}
