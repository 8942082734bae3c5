// Bandwidth's manners (spec §2.10): at most 2 requests in flight per account and about 2 requests/s.
// One limiter per account and host, shared by every client in the process.

export class AccountLimiter {
  private inFlight = 0
  private nextStartAt = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly maxInFlight: number,
    private readonly perSecond: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire()
    try {
      return await work()
    } finally {
      this.inFlight--
      this.waiting.shift()?.()
    }
  }

  private async acquire(): Promise<void> {
    while (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve))
    this.inFlight++
    // Starts are spaced 1/perSecond apart: the slot is reserved before waiting, so callers queue in order.
    const now = Date.now()
    const startAt = Math.max(now, this.nextStartAt)
    this.nextStartAt = startAt + 1000 / this.perSecond
    if (startAt > now) await new Promise((resolve) => setTimeout(resolve, startAt - now))
  }
}

const limiters = new Map<string, AccountLimiter>()

export function limiterFor(key: string, maxInFlight: number, perSecond: number): AccountLimiter {
  const k = `${key}|${maxInFlight}|${perSecond}`
  let l = limiters.get(k)
  if (!l) limiters.set(k, (l = new AccountLimiter(maxInFlight, perSecond)))
  return l
}
