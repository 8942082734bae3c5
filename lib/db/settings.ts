// Settings an admin changes in the app (kept in the database: every instance reads the same values).
import { z } from 'zod'
import { isKnownTimeZone } from '../alerts/quiet-hours'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'

const retentionPeriod = z.number().int().min(1).max(3650).nullable()

export const appSettingsSchema = z.object({
  /** Public base URL shown as the webhook URL, e.g. https://portwatch.example.com. Empty: use the request's. */
  publicBaseUrl: z.union([z.url({ protocol: /^https?$/ }).max(300), z.literal('')]).default(''),
  /** Hours without news after which a non-terminal order counts as stuck, per lower-cased order type (overrides the defaults). */
  stuckThresholdsHours: z
    .record(
      z
        .string()
        .min(1)
        .max(60)
        .regex(/^[a-z0-9]+$/, 'order types are lower-case letters and digits'),
      z
        .number()
        .positive()
        .max(24 * 365),
    )
    .default({}),
  /** Warn on the overview when no notification has arrived for this many minutes. */
  quietAlertMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(120),
  /**
   * The hours in which silence counts towards quietAlertMinutes (lib/alerts/quiet-hours.ts): ISO weekdays (1 Monday …
   * 7 Sunday), a start and an end (an end at or before the start crosses midnight), in an IANA zone. null: all hours.
   */
  quietHours: z
    .object({
      zone: z.string().trim().min(1).max(64).refine(isKnownTimeZone, 'not a time zone this server knows (e.g. Europe/Berlin)'),
      days: z.array(z.number().int().min(1).max(7)).max(7),
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
      end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM'),
    })
    .nullable()
    .default(null),
  /** How long each class of data is kept, in days (null: forever); the hourly retention job purges the rest. */
  retentionDays: z
    .object({
      /** Raw delivery bodies (the normalised notifications stay). */
      deliveryBodies: retentionPeriod.default(90),
      /** Port-out requests' CPNI: account number, ZIP, name and the raw body (decisions, codes and policy versions stay). */
      portoutCpni: retentionPeriod.default(180),
      /** Normalised timelines: an order with no news for this long goes whole, and event notifications this old. */
      timelines: retentionPeriod.default(null),
      /** The log of calls to Bandwidth's API (/bandwidth/calls). */
      bandwidthCalls: retentionPeriod.default(90),
    })
    .default({ deliveryBodies: 90, portoutCpni: 180, timelines: null, bandwidthCalls: 90 }),
  /** Open an issue when this many deliveries were refused within the last hour. */
  rejectedSpikePerHour: z.number().int().min(1).max(1_000_000).default(20),
  /** Open an issue when one source address and username failed the webhook sign-in this many times within 15 minutes. */
  authFailureSpikePer15Minutes: z.number().int().min(1).max(1_000_000).default(10),
  /** Open an issue when one account number was named in this many port-out requests within the last hour. */
  portoutBurstPerHour: z.number().int().min(2).max(100_000).default(5),
})
export type AppSettings = z.infer<typeof appSettingsSchema>
export const updateSettingsInput = appSettingsSchema.partial()

const KEY = 'app.settings'

export async function getAppSettings(c: Connections): Promise<AppSettings> {
  const row = await c.prisma.setting.findUnique({ where: { key: KEY } })
  return appSettingsSchema.parse(row ? JSON.parse(row.value) : {})
}

export async function updateAppSettings(
  c: Connections,
  actor: AuditActor,
  change: z.infer<typeof updateSettingsInput>,
): Promise<AppSettings> {
  return c.prisma.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: KEY } })
    const before = appSettingsSchema.parse(row ? JSON.parse(row.value) : {})
    const after = appSettingsSchema.parse({ ...before, ...change })
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: JSON.stringify(after) },
      update: { value: JSON.stringify(after) },
    })
    await recordAudit(tx, { actor, action: 'settings.update', target: 'app', before, after })
    return after
  })
}
