// The one door through which every notification is stored, whoever brought it: the HTTP receiver, the
// reconciler (recovered from Bandwidth's API, source "reconciled"), the seed and the tests. It parses the body,
// builds the dedup key and stores delivery, notification, order and outbox entry in one transaction; a body that
// cannot be stored as a notification is kept as a refused delivery with its one-line reason.
// It returns what changed: accepted or duplicate, and the order's status transition (from → to), which is also
// the outbox entry alerts and forwarding will key on. Nothing here talks to the outside world: that runs after
// the commit, from the job runner.
import { buildNotificationDedupKey, buildOrderStateKey } from '../bandwidth/notification-dedup-key'
import { parseNotification } from '../bandwidth/parse-notification'
import type { Connections } from '../db/client'
import {
  recordNotificationDelivery,
  recordRejectedDelivery,
  type DeliveryProblem,
  type ReceivedDelivery,
  type Transition,
} from '../db/record-delivery'
import { signalJobsEnqueued } from '../jobs/job-signal'
import { metrics, notificationKind } from './metrics'

export type { DeliveryProblem, Transition }

export type IngestInput = {
  /** The delivery as received; its `source` says who brought it. */
  delivery: ReceivedDelivery
} & ({ xml: string } | { problem: DeliveryProblem })

export type IngestResult =
  | { outcome: 'accepted' | 'duplicate'; deliveryId: string; notificationId: string; transition: Transition | null }
  | { outcome: 'rejected'; deliveryId: string; problem: DeliveryProblem }

export async function ingestNotification(c: Connections, input: IngestInput): Promise<IngestResult> {
  const { delivery } = input
  if ('problem' in input) return refuse(c, delivery, input.problem)
  const parsed = parseNotification(input.xml)
  if (!parsed.ok) return refuse(c, delivery, { status: 400, reason: parsed.error.reason })
  const dedupKey = buildNotificationDedupKey(parsed.value, delivery.receivedAt)
  const recorded = await recordNotificationDelivery(c, delivery, parsed.value, dedupKey, buildOrderStateKey(parsed.value))
  if (recorded.transition || recorded.event) signalJobsEnqueued()
  metrics().notifications.inc({ source: delivery.source, kind: notificationKind(parsed.value), outcome: recorded.outcome })
  return recorded
}

async function refuse(c: Connections, delivery: ReceivedDelivery, problem: DeliveryProblem): Promise<IngestResult> {
  await recordRejectedDelivery(c, delivery, problem.status, problem.reason)
  metrics().notifications.inc({ source: delivery.source, kind: notificationKind(null), outcome: 'rejected' })
  if (delivery.source === 'webhook')
    console.warn(`[webhook] ${delivery.endpoint}: rejected delivery ${delivery.id} (${problem.status}): ${problem.reason}`)
  return { outcome: 'rejected', deliveryId: delivery.id, problem }
}
