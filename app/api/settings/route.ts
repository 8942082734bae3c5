// GET /api/settings — what to register with Bandwidth and the editable settings (admin; passwords never included).
// PATCH — change the editable settings (admin, audited).
import { requireUser } from '@/lib/auth/session'
import { config } from '@/lib/config'
import { db } from '@/lib/db/client'
import { getAppSettings, updateAppSettings, updateSettingsInput } from '@/lib/db/settings'
import {
  getCredentialLastUse,
  getWebhookCredentials,
  isPreviousAccepted,
  type WebhookCredentials,
  type WebhookEndpoint,
} from '@/lib/db/webhook-credentials'
import { parseJsonBody, withErrors } from '@/lib/http/with-errors'
import { secretBox } from '@/lib/server/secret-box'
import { getPublicBaseUrl, WEBHOOK_PATHS } from '@/lib/server/webhook-urls'

export const dynamic = 'force-dynamic'

async function getSettingsView() {
  const [saved, baseUrl, creds, portout] = await Promise.all([
    getAppSettings(db()),
    getPublicBaseUrl(),
    getWebhookCredentials(db(), 'notifications', config(), secretBox),
    getWebhookCredentials(db(), 'portout', config(), secretBox),
  ])
  return {
    settings: saved,
    publicBaseUrlFromEnvironment: config().PORTWATCH_PUBLIC_URL ?? null,
    webhookUrls: {
      notifications: `${baseUrl}${WEBHOOK_PATHS.notifications}`,
      portoutValidation: `${baseUrl}${WEBHOOK_PATHS.portoutValidation}`,
    },
    credentials: await describePair('notifications', creds),
    portoutCredentials: await describePair('portout', portout),
  }
}

/** What the page may show of a pair without a reveal (never a password), with when each pair last authenticated a delivery. */
async function describePair(endpoint: WebhookEndpoint, creds: WebhookCredentials) {
  const username = creds.current?.username ?? null
  const previousUsername = creds.previous?.username ?? null
  const lastUse = await getCredentialLastUse(
    db(),
    endpoint,
    [username, previousUsername].filter((u): u is string => u !== null),
  )
  return {
    source: creds.source,
    username,
    lastUsedAt: username ? lastUse[username] : null,
    previousUsername,
    previousLastUsedAt: previousUsername ? lastUse[previousUsername] : null,
    /** Set when the overlap ends at a time: the previous pair is refused from then on. */
    previousExpiresAt: creds.previousExpiresAt,
    isPreviousAccepted: isPreviousAccepted(creds),
    rotatedAt: creds.rotatedAt,
  }
}
export type SettingsResponse = Awaited<ReturnType<typeof getSettingsView>>

export const GET = withErrors(async (request) => {
  await requireUser(request, 'settings:read')
  return Response.json(await getSettingsView())
})

export const PATCH = withErrors(async (request) => {
  const me = await requireUser(request, 'settings:write')
  await updateAppSettings(db(), me, await parseJsonBody(request, updateSettingsInput))
  return Response.json(await getSettingsView())
})
