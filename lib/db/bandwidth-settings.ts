// The Bandwidth API connection an admin saved on the Settings page (the environment wins field by field;
// lib/server/bandwidth-connection.ts combines them). The client secret and the legacy password arrive here
// already sealed (lib/server/secret-box.ts): the database never holds them in clear.
import { z } from 'zod'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'

const KEY = 'bandwidth.api'

export const storedBandwidthSettings = z.object({
  accountId: z.string().default(''),
  clientId: z.string().default(''),
  /** sealed:v1:… or '' */
  clientSecretSealed: z.string().default(''),
  apiUrl: z.string().default(''),
  tokenUrl: z.string().default(''),
})
export type StoredBandwidthSettings = z.infer<typeof storedBandwidthSettings>

export const BANDWIDTH_SECRET_AAD = 'setting:bandwidth.api:clientSecret'

export async function getBandwidthSettings(c: Connections): Promise<StoredBandwidthSettings> {
  const row = await c.prisma.setting.findUnique({ where: { key: KEY } })
  return storedBandwidthSettings.parse(row ? JSON.parse(row.value) : {})
}

export async function updateBandwidthSettings(
  c: Connections,
  actor: AuditActor,
  change: Partial<StoredBandwidthSettings>,
): Promise<StoredBandwidthSettings> {
  return c.prisma.$transaction(async (tx) => {
    const row = await tx.setting.findUnique({ where: { key: KEY } })
    const before = storedBandwidthSettings.parse(row ? JSON.parse(row.value) : {})
    const after = storedBandwidthSettings.parse({ ...before, ...change })
    await tx.setting.upsert({
      where: { key: KEY },
      create: { key: KEY, value: JSON.stringify(after) },
      update: { value: JSON.stringify(after) },
    })
    // The audit's masking step hides the sealed secret too (its key names a secret).
    await recordAudit(tx, { actor, action: 'bandwidth.settings.update', target: 'bandwidth', before, after })
    return after
  })
}

const HEALTH_KEY = 'bandwidth.subscriptions.health'

/** The latest subscription health check (the page, the job and the overview read it without calling Bandwidth). */
export type StoredSubscriptionHealth = { checkedAt: string; trigger: string; reason?: string; items: unknown[] }

export async function saveSubscriptionHealth(c: Connections, health: StoredSubscriptionHealth): Promise<void> {
  const value = JSON.stringify(health)
  await c.prisma.setting.upsert({ where: { key: HEALTH_KEY }, create: { key: HEALTH_KEY, value }, update: { value } })
}

export async function getSubscriptionHealth(c: Connections): Promise<StoredSubscriptionHealth | null> {
  const row = await c.prisma.setting.findUnique({ where: { key: HEALTH_KEY } })
  return row ? (JSON.parse(row.value) as StoredSubscriptionHealth) : null
}
