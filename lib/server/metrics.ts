// Prometheus metrics (prom-client): what whoever runs Portwatch watches. Counters and histograms live in this
// process (each instance is scraped on its own, as Prometheus expects); the job queue's depth and age are read
// from the database at scrape time, so they are the same whichever instance answers. Labels are bounded sets:
// never a number, an id, a username or anything of CPNI.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { Connections } from '../db/client'
import { countJobs, JOB_STATES } from '../db/jobs'
import { findOrderType } from '../orders/order-types'

type Metrics = ReturnType<typeof createMetrics>

const KEY = Symbol.for('portwatch.metrics')

/** One registry per process, whichever bundle of the app imports this first. */
export function metrics(): Metrics {
  const g = globalThis as { [KEY]?: Metrics }
  return (g[KEY] ??= createMetrics())
}

function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'portwatch_' })
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 5, 10]
  return {
    registry,
    notifications: new Counter({
      name: 'portwatch_notifications_received_total',
      help: 'Notifications received, by source, kind (order type key, "event" or "unreadable") and outcome (accepted, duplicate, rejected).',
      labelNames: ['source', 'kind', 'outcome'] as const,
      registers: [registry],
    }),
    acknowledge: new Histogram({
      name: 'portwatch_notification_acknowledge_seconds',
      help: 'From the request reaching the notifications route to its answer, by HTTP status.',
      labelNames: ['status'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    portoutDecisions: new Counter({
      name: 'portwatch_portout_decisions_total',
      help: 'Port-out validation answers, by how they were reached (decided, retry, fallback, database-unavailable) and result (portable, denied).',
      labelNames: ['kind', 'result'] as const,
      registers: [registry],
    }),
    portoutAnswer: new Histogram({
      name: 'portwatch_portout_answer_seconds',
      help: 'From the port-out request reaching the route to its answer (Bandwidth lets a port through after 30 s or on a non-200).',
      labelNames: ['kind'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    webhookAuthFailures: new Counter({
      name: 'portwatch_webhook_auth_failures_total',
      help: 'Webhook requests refused with the Basic-auth challenge, by endpoint and whether credentials were sent at all.',
      labelNames: ['endpoint', 'credentials'] as const,
      registers: [registry],
    }),
    forwardingAttempts: new Counter({
      name: 'portwatch_forwarding_attempts_total',
      help: 'Attempts to deliver a forwarded event, by result (delivered, http_error: a non-2xx answer, network_error, refused: the URL guard).',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    alertsSent: new Counter({
      name: 'portwatch_alerts_sent_total',
      help: 'Attempts to send an alert, by channel type (email, slack, pagerduty, webhook) and result (sent, failed).',
      labelNames: ['channel', 'result'] as const,
      registers: [registry],
    }),
    jobs: new Gauge({
      name: 'portwatch_jobs',
      help: 'Jobs in the queue, by state (read from the database at scrape time).',
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    oldestJob: new Gauge({
      name: 'portwatch_job_oldest_due_seconds',
      help: 'How long the oldest due job has waited to run (0 when none is due).',
      registers: [registry],
    }),
    reconcilerRuns: new Counter({
      name: 'portwatch_reconciler_runs_total',
      help: 'Reconciler runs that ended, by kind (sweep, backfill) and outcome (done, failed).',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    reconcilerGaps: new Counter({
      name: 'portwatch_reconciler_gaps_total',
      help: 'Order states no notification brought and the reconciler recovered from Bandwidth, by order type key.',
      labelNames: ['order_type'] as const,
      registers: [registry],
    }),
    reconcilerUnresolved: new Counter({
      name: 'portwatch_reconciler_unresolved_total',
      help: 'Orders the reconciler could not resolve (unknown to Bandwidth, an error), by order type key.',
      labelNames: ['order_type'] as const,
      registers: [registry],
    }),
    reconcilerLag: new Histogram({
      name: 'portwatch_reconciler_lag_seconds',
      help: 'How late a recovered state was learned: from the state being reached at Bandwidth to its recovery.',
      buckets: [60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 24 * 3600, 7 * 24 * 3600],
      registers: [registry],
    }),
    reconcilerCalls: new Counter({
      name: 'portwatch_reconciler_api_calls_total',
      help: 'Calls the reconciler made to Bandwidth API (every attempt, retries included).',
      registers: [registry],
    }),
  }
}

/** The label for a notification's kind: a known order type's key, `other` for one we do not know, or `event`. */
export function notificationKind(n: { kind: 'order'; orderType: string } | { kind: 'event' } | null): string {
  if (!n) return 'unreadable'
  if (n.kind === 'event') return 'event'
  return findOrderType(n.orderType)?.key ?? 'other'
}

/** The Prometheus text: this process's counters, and the queue as the database has it now. */
export async function renderMetrics(c: Connections): Promise<{ contentType: string; body: string }> {
  const m = metrics()
  const queue = await countJobs(c)
  for (const state of JOB_STATES) m.jobs.set({ state }, queue.counts[state])
  m.oldestJob.set(queue.oldestDueSeconds)
  return { contentType: m.registry.contentType, body: await m.registry.metrics() }
}
