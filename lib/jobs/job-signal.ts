// A nudge inside one process: a commit that wrote outbox entries wakes this process's runner at once instead of at
// its next poll. Only a hint: runners poll anyway, and on PostgreSQL Graphile Worker hears of new jobs through
// LISTEN/NOTIFY from every instance.
type Listener = () => void
const g = globalThis as unknown as { __portwatchJobListeners?: Set<Listener> }
const listeners = (g.__portwatchJobListeners ??= new Set())

export function signalJobsEnqueued(): void {
  for (const listener of listeners) listener()
}

/** Returns the function that stops listening. */
export function onJobsEnqueued(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
