import { headers } from 'next/headers'
import { config } from '../config'
import { db } from '../db/client'
import { getAppSettings } from '../db/settings'

/** The public base URL: PORTWATCH_PUBLIC_URL, else the one saved in settings, else what the browser used. */
export async function getPublicBaseUrl(): Promise<string> {
  const configured = config().PORTWATCH_PUBLIC_URL || (await getAppSettings(db())).publicBaseUrl
  if (configured) return configured.replace(/\/+$/, '')
  const h = await headers()
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https')
  return `${proto}://${host}`
}

export const WEBHOOK_PATHS = {
  notifications: '/api/webhooks/bandwidth/notifications',
  portoutValidation: '/api/webhooks/bandwidth/portout-validation',
} as const
