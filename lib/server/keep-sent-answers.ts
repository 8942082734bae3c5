// The answers the port-out responder sent without having stored them (the database did not answer in time): each is
// stored, exactly as sent, as soon as the database answers again, so the stored answer is always the one Bandwidth
// got (the dispute evidence). Kept in this process's memory, one store at a time, retried every RETRY_MS; a store
// that meets its own primary key was already there. A process that ends before the database comes back loses them:
// the loud [portout] log line of each answer is then the only record.
import { db } from '../db/client'
import { isUniqueViolation } from '../db/is-unique-violation'
import { recordPortoutAnswer, type PortoutAnswer } from '../db/portout-requests'
import type { ReceivedDelivery } from '../db/record-delivery'
import { withTimeout } from './with-timeout'

const RETRY_MS = 1_000
/** A store that has not finished by then is abandoned and tried again (its id makes a second commit impossible). */
const STORE_TIMEOUT_MS = 10_000
/** Memory stays bounded during a long outage: past this many, the oldest are dropped (and said so). */
const MAX_KEPT = 10_000

/** A store that keeps failing for another reason than the database being away stops being tried after this many. */
const MAX_TRIES = 3_600

type Kept = { delivery: ReceivedDelivery; answer: PortoutAnswer; id: string; tries: number }
const g = globalThis as unknown as { __portwatchSentAnswers?: { queue: Kept[]; draining: boolean } }
const state = () => (g.__portwatchSentAnswers ??= { queue: [], draining: false })

/** Stores `answer` under `id` once the database answers; returns at once. */
export function keepSentAnswer(delivery: ReceivedDelivery, answer: PortoutAnswer, id: string): void {
  const s = state()
  s.queue.push({ delivery, answer, id, tries: 0 })
  if (s.queue.length > MAX_KEPT) {
    const dropped = s.queue.shift()!
    console.error(
      `[portout] too many answers waiting for the database: answer ${dropped.id} (PON ${dropped.answer.pon}) will not be stored`,
    )
  }
  if (!s.draining) void drain()
}

/** How many sent answers are still waiting to be stored (for tests and the health page). */
export function pendingSentAnswers(): number {
  return state().queue.length
}

async function drain(): Promise<void> {
  const s = state()
  s.draining = true
  try {
    while (s.queue.length) {
      const next = s.queue[0]
      try {
        await withTimeout(recordPortoutAnswer(db(), next.delivery, next.answer, { id: next.id }), STORE_TIMEOUT_MS)
        s.queue.shift()
        console.log(`[portout] stored the answer sent while the database was unavailable (${next.id})`)
      } catch (error) {
        if (isUniqueViolation(error)) {
          s.queue.shift() // an earlier try did commit
          continue
        }
        if (++next.tries >= MAX_TRIES) {
          s.queue.shift()
          console.error(
            `[portout] gave up storing the answer sent as ${next.id} (PON ${next.answer.pon}): ${error instanceof Error ? error.message : String(error)}`,
          )
          continue
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref())
      }
    }
  } finally {
    s.draining = false
  }
}
