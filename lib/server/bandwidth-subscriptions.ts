// The subscriptions Portwatch manages at Bandwidth: read what Bandwidth has, check each one's health
// (lib/bandwidth/check-subscription-health.ts), and fix one thing per admin action, each audited after
// Bandwidth accepted it. The latest check is kept, so the overview and the job's history show it.
import { z } from 'zod'
import {
  buildSubscriptionXml,
  SUBSCRIBABLE_EVENT_TYPES,
  SUBSCRIBABLE_ORDER_TYPES,
  type SubscriptionTarget,
} from '../bandwidth/build-subscription-xml'
import { checkSubscriptionHealth, type SubscriptionHealthItem } from '../bandwidth/check-subscription-health'
import type { BandwidthSubscription } from '../bandwidth/parse-api-response'
import { findOrderType } from '../orders/order-types'
import { config } from '../config'
import { recordAudit, type AuditActor } from '../db/audit'
import { getSubscriptionHealth, saveSubscriptionHealth } from '../db/bandwidth-settings'
import type { Connections } from '../db/client'
import { getAppSettings } from '../db/settings'
import { getWebhookCredentials } from '../db/webhook-credentials'
import type { BandwidthClient } from '../integrations/bandwidth/bandwidth-client'
import { getBandwidthClient } from './bandwidth-connection'
import { secretBox } from './secret-box'

export type SubscriptionsView = {
  items: SubscriptionHealthItem[]
  checkedAt: string
  callbackUrl?: string
  /** Why the list could not be read (not configured, Bandwidth refused…): the items are then the last known ones. */
  reason?: string
  currentUsername: string | null
  previousUsername: string | null
}

/** Our notifications URL when it is known without a request (jobs): PORTWATCH_PUBLIC_URL or the saved public URL. */
export async function configuredCallbackUrl(c: Connections): Promise<string | undefined> {
  const base = config().PORTWATCH_PUBLIC_URL || (await getAppSettings(c)).publicBaseUrl
  return base ? `${base.replace(/\/+$/, '')}/api/webhooks/bandwidth/notifications` : undefined
}

type Context = {
  client: BandwidthClient
  callbackUrl?: string
  current: { username: string; password: string } | null
  previousUsername: string | null
}

async function context(c: Connections, trigger: string, callbackUrl: string | undefined): Promise<Context | { reason: string }> {
  const client = await getBandwidthClient(c, trigger)
  if (!client.ok) return { reason: client.reason }
  const creds = await getWebhookCredentials(c, 'notifications', config(), secretBox)
  return { client: client.client, callbackUrl, current: creds.current, previousUsername: creds.previous?.username ?? null }
}

async function readHealth(
  c: Connections,
  ctx: Context,
): Promise<{ ok: true; items: SubscriptionHealthItem[]; subscriptions: BandwidthSubscription[] } | { ok: false; reason: string }> {
  const list = await ctx.client.listSubscriptions()
  if (!list.ok) return list
  if (list.value.errors.length)
    return {
      ok: false,
      reason: `Bandwidth answered with errors: ${list.value.errors.map((e) => `${e.code} ${e.description}`.trim()).join('; ')}`,
    }
  const items = checkSubscriptionHealth(list.value.subscriptions, {
    orderTypes: SUBSCRIBABLE_ORDER_TYPES,
    eventTypes: SUBSCRIBABLE_EVENT_TYPES,
    callbackUrl: ctx.callbackUrl,
    currentUsername: ctx.current?.username ?? null,
    previousUsername: ctx.previousUsername,
  })
  return { ok: true, items, subscriptions: list.value.subscriptions }
}

/** Reads Bandwidth's subscriptions now and checks them; keeps the result. On failure: the last known items and the reason. */
export async function checkSubscriptions(c: Connections, trigger: string, callbackUrl: string | undefined): Promise<SubscriptionsView> {
  const ctx = await context(c, trigger, callbackUrl)
  const checkedAt = new Date().toISOString()
  const creds =
    'client' in ctx
      ? { currentUsername: ctx.current?.username ?? null, previousUsername: ctx.previousUsername }
      : { currentUsername: null, previousUsername: null }
  const r = 'client' in ctx ? await readHealth(c, ctx) : { ok: false as const, reason: ctx.reason }
  if (!r.ok) {
    const last = await getSubscriptionHealth(c)
    return {
      items: (last?.items ?? []) as SubscriptionHealthItem[],
      checkedAt: last?.checkedAt ?? checkedAt,
      callbackUrl,
      reason: r.reason,
      ...creds,
    }
  }
  await saveSubscriptionHealth(c, { checkedAt, trigger, items: r.items })
  return { items: r.items, checkedAt, callbackUrl, ...creds }
}

/** The unhealthy subscriptions of the latest check (for the overview), without calling Bandwidth. */
export async function getUnhealthySubscriptions(c: Connections): Promise<{ checkedAt: string; items: SubscriptionHealthItem[] } | null> {
  const last = await getSubscriptionHealth(c)
  if (!last) return null
  return { checkedAt: last.checkedAt, items: (last.items as SubscriptionHealthItem[]).filter((i) => !i.healthy) }
}

export const subscriptionActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create-missing') }),
  z
    .object({
      action: z.literal('create'),
      orderType: z.string().min(1).max(60).optional(),
      eventType: z.string().min(1).max(60).optional(),
    })
    .refine((o) => (o.orderType === undefined) !== (o.eventType === undefined), 'give exactly one of orderType and eventType'),
  z.object({ action: z.literal('repair'), subscriptionId: z.string().min(1).max(100) }),
  z.object({ action: z.literal('delete'), subscriptionId: z.string().min(1).max(100) }),
  z.object({ action: z.literal('move-to-current-credentials') }),
])
export type SubscriptionAction = z.infer<typeof subscriptionActionInput>

export type ActionResult = { action: string; subscriptionId?: string; orderType?: string; eventType?: string; ok: boolean; reason?: string }
export type ActionAnswer = { ok: boolean; message?: string; results: ActionResult[] } & SubscriptionsView

export async function runSubscriptionAction(
  c: Connections,
  actor: AuditActor,
  input: SubscriptionAction,
  callbackUrl: string,
): Promise<ActionAnswer> {
  const trigger = `subscriptions.${input.action}`
  const ctx = await context(c, trigger, callbackUrl)
  const fail = async (reason: string, results: ActionResult[] = []): Promise<ActionAnswer> => ({
    ok: false,
    message: reason,
    results,
    ...(await checkSubscriptions(c, 'subscriptions.list', callbackUrl)),
  })
  if (!('client' in ctx)) return fail(ctx.reason)
  if (!ctx.current) return fail('there is no current webhook pair yet: open Settings once so Portwatch creates one')
  const current = ctx.current
  const results: ActionResult[] = []

  const audit = (action: string, target: string, after: unknown) =>
    c.prisma.$transaction((tx) => recordAudit(tx, { actor, action: `bandwidth.subscription.${action}`, target, after }))
  const body = (target: SubscriptionTarget) =>
    buildSubscriptionXml(target, { url: callbackUrl, username: current.username, password: current.password })

  const create = async (target: { orderType: string } | { eventType: string }) => {
    const r = await ctx.client.createSubscription(body(target))
    results.push({ action: 'create', ...target, ok: r.ok, ...(r.ok ? { subscriptionId: r.value.subscriptionId } : { reason: r.reason }) })
    if (r.ok) await audit('create', r.value.subscriptionId, { ...target, url: callbackUrl, username: current.username })
  }
  const replace = async (s: BandwidthSubscription, action: string) => {
    const target: SubscriptionTarget | undefined = s.orderType
      ? { orderType: s.orderType, orderId: s.orderId }
      : s.eventType
        ? { eventType: s.eventType }
        : undefined
    if (!target) {
      results.push({ action, subscriptionId: s.subscriptionId, ok: false, reason: 'it has neither an order type nor an event type' })
      return
    }
    // A full PUT: anything omitted would go back to its default, so URL and credentials are sent again.
    const r = await ctx.client.updateSubscription(s.subscriptionId, body(target))
    results.push({ action, subscriptionId: s.subscriptionId, ...target, ok: r.ok, ...(r.ok ? {} : { reason: r.reason }) })
    if (r.ok)
      await audit(action, s.subscriptionId, {
        ...target,
        url: callbackUrl,
        username: current.username,
        before: { url: s.callback?.url, username: s.callback?.username },
      })
  }

  if (input.action === 'create') {
    if (input.orderType !== undefined) {
      const type = findOrderType(input.orderType)
      if (!type || !SUBSCRIBABLE_ORDER_TYPES.includes(type.apiName))
        return fail(`"${input.orderType.slice(0, 60)}" is not an order type Portwatch subscribes to`)
      await create({ orderType: type.apiName })
    } else {
      if (!(SUBSCRIBABLE_EVENT_TYPES as readonly string[]).includes(input.eventType!))
        return fail(`"${input.eventType!.slice(0, 60)}" is not an event type Portwatch subscribes to`)
      await create({ eventType: input.eventType! })
    }
  } else {
    const health = await readHealth(c, ctx)
    if (!health.ok) return fail(health.reason)
    const byId = new Map(health.subscriptions.map((s) => [s.subscriptionId, s]))
    if (input.action === 'create-missing') {
      for (const item of health.items.filter((i) => i.problems.includes('missing')))
        await create(item.orderType ? { orderType: item.orderType } : { eventType: item.eventType! })
    } else if (input.action === 'repair' || input.action === 'delete') {
      const s = byId.get(input.subscriptionId)
      if (!s) return fail(`Bandwidth has no subscription ${input.subscriptionId.slice(0, 100)} for this account`)
      if (input.action === 'repair') {
        if (!s.callback) return fail('an email subscription cannot be repaired into a callback: delete it or leave it')
        await replace(s, 'repair')
      } else {
        const r = await ctx.client.deleteSubscription(s.subscriptionId)
        results.push({ action: 'delete', subscriptionId: s.subscriptionId, ok: r.ok, ...(r.ok ? {} : { reason: r.reason }) })
        if (r.ok)
          await audit('delete', s.subscriptionId, {
            orderType: s.orderType,
            eventType: s.eventType,
            url: s.callback?.url,
            username: s.callback?.username,
          })
      }
    } else {
      // Every callback subscription of ours (pointing at our URL, or carrying one of our pairs) not on the current pair yet.
      const ours = health.items.filter(
        (i) => i.subscriptionId && i.url && i.pair !== 'current' && (i.pair === 'previous' || !i.problems.includes('url_mismatch')),
      )
      for (const item of ours) await replace(byId.get(item.subscriptionId!)!, 'move-to-current-credentials')
    }
  }
  const failed = results.filter((r) => !r.ok)
  const view = await checkSubscriptions(c, 'subscriptions.list', callbackUrl)
  return {
    ok: failed.length === 0,
    ...(failed.length ? { message: failed.map((r) => `${r.subscriptionId ?? r.orderType ?? r.eventType}: ${r.reason}`).join('; ') } : {}),
    results,
    ...view,
  }
}
