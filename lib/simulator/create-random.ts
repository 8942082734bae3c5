// Pure: a small seeded random source, so `--seed` replays a run exactly. Math.random cannot be seeded.

export type Random = {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** `weights` need not sum to 1. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T
  /** A version-4-shaped UUID drawn from this source (not from the system). */
  uuid(): string
  digits(count: number): string
}

/** mulberry32 over a 32-bit hash of the seed: tiny, fast, and good enough for traffic (not for secrets). */
export function createRandom(seed: string | number): Random {
  let state = hashSeed(String(seed))
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const hex = (count: number) => Array.from({ length: count }, () => int(0, 15).toString(16)).join('')
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights & string, number][]
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0)
      for (const [key, w] of entries) if ((roll -= w) < 0) return key
      return entries[entries.length - 1][0]
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
    digits: (count) => Array.from({ length: count }, () => int(0, 9)).join(''),
  }
}

/** FNV-1a: turns any seed text into the generator's 32-bit state. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
