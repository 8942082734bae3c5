// Every environment variable Portwatch reads, validated once. README.md lists them with their defaults.
import { z } from 'zod'
import { parseRetrySchedule } from './forwarding/retry-schedule'
import { parseAddressList } from './http/address-list'

const schema = z.object({
  DATABASE_URL: z.string().optional(),
  PORTWATCH_PUBLIC_URL: z.url().optional(),
  PORTWATCH_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /**
   * The reverse proxies in front of Portwatch whose X-Forwarded-For is believed, as IP addresses or CIDR
   * ranges separated by commas. Unset: the socket's address is the client's, whatever the headers say.
   */
  PORTWATCH_TRUSTED_PROXIES: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      const parsed = text === undefined ? undefined : parseAddressList(text)
      if (parsed && !parsed.ok)
        ctx.addIssue({ code: 'custom', message: `"${parsed.entry.slice(0, 60)}" is not an IP address or a CIDR range (e.g. 10.0.0.0/8)` })
    }),
  BANDWIDTH_WEBHOOK_USERNAME: z.string().min(1).max(100).optional(),
  BANDWIDTH_WEBHOOK_PASSWORD: z.string().min(1).optional(),
  BANDWIDTH_PORTOUT_USERNAME: z.string().min(1).max(100).optional(),
  BANDWIDTH_PORTOUT_PASSWORD: z.string().min(1).optional(),
  /** Bandwidth's Numbers API (lib/integrations/bandwidth): the account, OAuth client credentials and hosts. Each may also be saved on Settings; the environment wins. */
  BANDWIDTH_ACCOUNT_ID: z.string().min(1).max(40).optional(),
  BANDWIDTH_CLIENT_ID: z.string().min(1).max(200).optional(),
  BANDWIDTH_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  BANDWIDTH_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  BANDWIDTH_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Legacy API user (HTTP Basic), used only when set and no BANDWIDTH_CLIENT_ID is configured. Bandwidth stops accepting it on 2026-12-02. */
  BANDWIDTH_API_USERNAME: z.string().min(1).max(200).optional(),
  BANDWIDTH_API_PASSWORD: z.string().min(1).max(500).optional(),
  /** Requests per second to Bandwidth's API per account (at most 2 in flight either way). */
  BANDWIDTH_API_RATE: z.coerce.number().positive().max(20).default(2),
  /** How often the reconciler sweeps the orders Bandwidth changed (minutes; 0: never). Off without a Bandwidth account. */
  PORTWATCH_RECONCILE_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(1440).default(10),
  /** How long one call to Bandwidth may take before it counts as failed. */
  BANDWIDTH_API_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Key for the HMAC of subscriber PINs. Kept outside the database so a dump alone reveals no PIN. */
  PORTWATCH_PIN_SECRET: z.string().min(32).optional(),
  /** Headless first start: creates this admin when there are no users yet (instead of the /setup page). */
  PORTWATCH_ADMIN_EMAIL: z.email().optional(),
  PORTWATCH_ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
  /** 0: the server does not migrate at start (a deploy step runs `npm run db:migrate`). Default 1, and 0 on Vercel. */
  PORTWATCH_MIGRATE_ON_START: z.enum(['0', '1']).optional(),
  /** PostgreSQL connections per server process (on Vercel, per function instance: keep it small). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** 1: the no-op baseline routes of `npm run bench:ingest` exist (else they answer 404). */
  PORTWATCH_BENCH_ROUTES: z.enum(['0', '1']).optional(),
  /** 0: this instance runs no job runner (the outbox is drained by other instances or GET /api/cron/jobs). Default 1, and 0 on Vercel. */
  PORTWATCH_WORKER: z.enum(['0', '1']).optional(),
  /** Jobs one instance's runner works on at once. */
  PORTWATCH_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** The bearer secret of GET /api/cron/jobs (Vercel Cron sends `Authorization: Bearer $CRON_SECRET`). Unset: the route refuses. */
  CRON_SECRET: z.string().min(16).optional(),
  /** 1: alert channels may send to private, loopback and link-local addresses (tests, a receiver on the same network). Default: refused. */
  PORTWATCH_ALLOW_PRIVATE_URLS: z.enum(['0', '1']).optional(),
  /** Where PagerDuty events go (Events API v2); default https://events.pagerduty.com/v2/enqueue; a local receiver in tests. */
  PORTWATCH_PAGERDUTY_EVENTS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Tests only: the forwarding retry schedule, e.g. "0,300ms,300ms,300ms" (units ms, s, m, h). Unset: Svix's
   * (at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; lib/forwarding/retry-schedule.ts).
   */
  PORTWATCH_FORWARDING_RETRY_SCHEDULE: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      const parsed = text === undefined ? undefined : parseRetrySchedule(text)
      if (parsed && !parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason })
    }),
  /** Set to 1 by Vercel in its builds and functions. */
  VERCEL: z.string().optional(),
})

export type Config = z.infer<typeof schema>

/** The environment cannot run Portwatch; the message names the variable and what to do, in one line. */
export class ConfigurationError extends Error {}

let cached: Config | undefined

export function config(): Config {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigurationError(`invalid configuration: ${issue.path.join('.')}: ${issue.message}`)
  }
  return (cached = parsed.data)
}
