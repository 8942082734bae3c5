import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { APIRequestContext, APIResponse } from '@playwright/test'
import { buildOrderNotificationXml } from '../../lib/bandwidth/build-notification-xml'
import { E2E_CREDENTIALS } from '../../playwright.config'

export const NOTIFICATIONS_URL = '/api/webhooks/bandwidth/notifications'
const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/bandwidth')

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8')
}

export function fixtureNames(prefix: string): string[] {
  return fs
    .readdirSync(FIXTURES)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.xml'))
    .sort()
}

export function basicAuth(user = E2E_CREDENTIALS.username, pass = E2E_CREDENTIALS.password): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
}

/** POSTs a body like Bandwidth does after the challenge (credentials included). */
export function postNotification(
  request: APIRequestContext,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return request.post(NOTIFICATIONS_URL, {
    data: body,
    headers: { 'Content-Type': 'application/xml; charset=utf-8', Authorization: basicAuth(), ...headers },
    failOnStatusCode: false,
  })
}

/** A compact order notification with a fresh OrderId unless one is given. */
export function orderXml(o: { orderId?: string; status?: string; type?: string; lmd?: string; note?: string; tns?: string[] } = {}): {
  orderId: string
  xml: string
} {
  const orderId = o.orderId ?? randomUUID()
  return {
    orderId,
    xml: buildOrderNotificationXml({
      orderId,
      orderType: o.type ?? 'portins',
      status: o.status,
      note: o.note,
      numbers: o.tns,
      lastModifiedDate: o.lmd,
    }),
  }
}
