// The `<Subscription>` body for `POST /accounts/{accountId}/subscriptions` (spec §2.3), ready to paste.
import { ORDER_TYPES } from '../orders/order-types'
import { escapeXml } from './build-notification-xml'

/** The order types Bandwidth lets you subscribe to (spec §2.5), as its API spells them: the table's subscribable rows. */
export const SUBSCRIBABLE_ORDER_TYPES: readonly string[] = ORDER_TYPES.filter((t) => t.subscribable).map((t) => t.apiName)
export const SUBSCRIBABLE_EVENT_TYPES = ['MESSAGING_LOST'] as const

/** 99 years: the value Bandwidth's guides use for a subscription that should not expire. */
export const FOREVER_EXPIRY_SECONDS = 3_122_064_000

/** `orderId`: a single-order subscription (spec §2.3), kept when one is repaired. */
export type SubscriptionTarget = { orderType: string; orderId?: string } | { eventType: string }

export function buildSubscriptionXml(
  target: SubscriptionTarget,
  callback: { url: string; username: string; password: string; expirySeconds?: number },
): string {
  const kind =
    'orderType' in target
      ? `  <OrderType>${escapeXml(target.orderType)}</OrderType>` +
        (target.orderId ? `\n  <OrderId>${escapeXml(target.orderId)}</OrderId>` : '')
      : `  <EventType>${escapeXml(target.eventType)}</EventType>`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Subscription>',
    kind,
    '  <CallbackSubscription>',
    `    <URL>${escapeXml(callback.url)}</URL>`,
    `    <Expiry>${callback.expirySeconds ?? FOREVER_EXPIRY_SECONDS}</Expiry>`,
    '    <CallbackCredentials>',
    '      <BasicAuthentication>',
    `        <Username>${escapeXml(callback.username)}</Username>`,
    `        <Password>${escapeXml(callback.password)}</Password>`,
    '      </BasicAuthentication>',
    '    </CallbackCredentials>',
    '  </CallbackSubscription>',
    '</Subscription>',
  ].join('\n')
}
