// Every environment variable Portwatch reads, validated once. README.md lists them with their defaults.
import { z } from 'zod'

const schema = z.object({
  DATABASE_URL: z.string().optional(),
  PORTWATCH_PUBLIC_URL: z.url().optional(),
  PORTWATCH_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(2 * 1024 * 1024),
  BANDWIDTH_WEBHOOK_USERNAME: z.string().min(1).max(100).optional(),
  BANDWIDTH_WEBHOOK_PASSWORD: z.string().min(1).optional(),
  BANDWIDTH_PORTOUT_USERNAME: z.string().min(1).max(100).optional(),
  BANDWIDTH_PORTOUT_PASSWORD: z.string().min(1).optional(),
  /** Key for the HMAC of subscriber PINs. Kept outside the database so a dump alone reveals no PIN. */
  PORTWATCH_PIN_SECRET: z.string().min(32).optional(),
  /** Headless first start: creates this admin when there are no users yet (instead of the /setup page). */
  PORTWATCH_ADMIN_EMAIL: z.email().optional(),
  PORTWATCH_ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
})

export type Config = z.infer<typeof schema>

let cached: Config | undefined

export function config(): Config {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`invalid configuration: ${issue.path.join('.')}: ${issue.message}`)
  }
  return (cached = parsed.data)
}
