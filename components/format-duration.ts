/** 93_784_000 → "1 d 2 h 3 min"; under a minute → "45 s". Two units at most: enough to read at a glance. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : ''
  let rest = Math.abs(Math.round(ms / 1000))
  if (rest < 60) return `${sign}${rest} s`
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
  ]
  const parts: string[] = []
  for (const [name, size] of units) {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0 || parts.length > 0) parts.push(`${n} ${name}`)
    if (parts.length === 2) break
  }
  return sign + parts.filter((p) => !p.startsWith('0 ')).join(' ')
}
