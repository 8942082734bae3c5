// A promise given up on after `ms`: the work itself goes on (nothing here can cancel it); whoever calls this must make
// sure a late result does no harm (the port-out responder's answer claim, a store keyed by its id).
export function withTimeout<T>(work: Promise<T>, ms: number, what = 'the database'): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${ms} ms`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
