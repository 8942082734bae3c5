// Pure: when a forwarded delivery is tried again. Svix's schedule: at once, then 5 s, 5 min, 30 min, 2 h, 5 h,
// 10 h and 10 h after the previous failure: 8 attempts over about 27.6 hours. A test may shrink it
// (PORTWATCH_FORWARDING_RETRY_SCHEDULE, read by lib/config.ts and parsed here).

export const SVIX_RETRY_DELAYS_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000]

/** The delay before attempt n+1 after n attempts failed, or null when the schedule is used up (give up). */
export function nextRetryDelayMs(failedAttempts: number, delays: readonly number[] = SVIX_RETRY_DELAYS_MS): number | null {
  return failedAttempts < delays.length ? delays[failedAttempts] : null
}

/** "0,200ms,1s,5m,2h": a delay list with units ms, s, m, h (no unit: ms). The first entry is the first attempt's (usually 0). */
export function parseRetrySchedule(text: string): { ok: true; delays: number[] } | { ok: false; reason: string } {
  const parts = text.split(',').map((p) => p.trim())
  const delays: number[] = []
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(p)
    if (!m) return { ok: false, reason: `"${p.slice(0, 20)}" is not a delay like 500ms, 5s, 5m or 2h` }
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] ?? 'ms']!
    delays.push(Math.round(Number(m[1]) * unit))
  }
  if (delays.length < 1 || delays.length > 20) return { ok: false, reason: 'between 1 and 20 delays' }
  return { ok: true, delays }
}

export function describeSchedule(delays: readonly number[]): string {
  const one = (ms: number) =>
    ms === 0
      ? 'at once'
      : ms < 1000
        ? `${ms} ms`
        : ms < 60_000
          ? `${ms / 1000} s`
          : ms < 3_600_000
            ? `${ms / 60_000} min`
            : `${ms / 3_600_000} h`
  return delays.map(one).join(', ')
}
