// Pure: the state of the fake Bandwidth (scripts/fake-bandwidth-server.ts serves it over HTTP). Subscriptions
// as Bandwidth keeps them, orders whose states and history advance over simulated time, notes, and the
// webhooks that each state change causes. Time is passed in (simulated ms); nothing here does I/O.
import { buildOrderNotificationXml, escapeXml, xmlElement } from '../bandwidth/build-notification-xml'
import { findOrderType } from '../orders/order-types'
import { createRandom, type Random } from './create-random'

export type FakeSubscription = {
  subscriptionId: string
  orderType?: string
  eventType?: string
  orderId?: string
  url: string
  /** Simulated ms at which it expires. */
  expiresAt: number
  username?: string
  password?: string
  /** The result of the latest delivery attempt, as Bandwidth records it. */
  status: string
}

export type FakeOrder = {
  orderId: string
  orderType: string
  /** States still to come, with the simulated ms at which each is reached. */
  plan: { at: number; status: string; note: string }[]
  history: { at: number; status: string; note: string; author: string }[]
  notes: { id: string; userId: string; description: string; at: number }[]
  numbers: string[]
  createdAt: number
}

/** A webhook to send now (the server sends it with Bandwidth's manners). */
export type OutgoingWebhook = { subscriptionId: string; url: string; body: string; username?: string; password?: string }

const STEP_MS = 60 * 60_000
/** The states each fake order type walks through (history spellings: import orders use lower case, spec §6.2). */
const PLANS: Record<string, string[]> = {
  portins: ['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'COMPLETE'],
  portouts: ['NEW', 'COMPLETE'],
  orders: ['RECEIVED', 'COMPLETE'],
  disconnects: ['RECEIVED', 'COMPLETE'],
  tnoptions: ['RECEIVED', 'PROCESSING', 'COMPLETE'],
  importtnorders: ['received', 'processing', 'complete'],
}
export const FAKE_ORDER_TYPES = Object.keys(PLANS)

export class FakeBandwidthState {
  subscriptions = new Map<string, FakeSubscription>()
  orders = new Map<string, FakeOrder>()
  private random: Random
  private noteSeq = 500_000

  constructor(seed = 'fake-bandwidth') {
    this.random = createRandom(seed)
  }

  // ---- subscriptions

  addSubscription(s: Omit<FakeSubscription, 'subscriptionId' | 'status'> & { subscriptionId?: string; status?: string }): FakeSubscription {
    const sub: FakeSubscription = { ...s, subscriptionId: s.subscriptionId ?? this.random.uuid(), status: s.status ?? 'READY' }
    this.subscriptions.set(sub.subscriptionId, sub)
    return sub
  }

  findDuplicateTarget(target: { orderType?: string; eventType?: string; orderId?: string }): FakeSubscription | undefined {
    return [...this.subscriptions.values()].find(
      (s) => s.orderType === target.orderType && s.eventType === target.eventType && s.orderId === target.orderId,
    )
  }

  subscriptionXml(s: FakeSubscription, now: number): string {
    const remaining = Math.max(Math.floor((s.expiresAt - now) / 1000), 0)
    return (
      '<Subscription>' +
      xmlElement('SubscriptionId', s.subscriptionId) +
      xmlElement('OrderType', s.orderType) +
      xmlElement('OrderId', s.orderId) +
      xmlElement('EventType', s.eventType) +
      '<CallbackSubscription>' +
      xmlElement('URL', s.url) +
      xmlElement('Expiry', String(remaining)) +
      xmlElement('Status', s.status) +
      (s.username
        ? `<CallbackCredentials><BasicAuthentication>${xmlElement('Username', s.username)}</BasicAuthentication></CallbackCredentials>`
        : '') +
      '<NumberFormat>LEGACY</NumberFormat></CallbackSubscription></Subscription>'
    )
  }

  subscriptionsXml(now: number, filter?: { orderType?: string }): string {
    const list = [...this.subscriptions.values()].filter((s) => !filter?.orderType || s.orderType === filter.orderType)
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><SubscriptionsResponse><Subscriptions>${list.map((s) => this.subscriptionXml(s, now)).join('')}</Subscriptions></SubscriptionsResponse>`
  }

  // ---- orders

  /** A new order whose states follow PLANS[orderType], one simulated hour apart, the first at `now`. */
  createOrder(orderType: string, now: number, orderId = this.random.uuid()): FakeOrder {
    const states = PLANS[orderType] ?? PLANS.orders
    const order: FakeOrder = {
      orderId,
      orderType,
      plan: states.map((status, i) => ({ at: now + i * STEP_MS, status, note: noteFor(status) })),
      history: [],
      notes: [],
      numbers: [`919555${this.random.digits(4)}`],
      createdAt: now,
    }
    this.orders.set(orderId, order)
    return order
  }

  /**
   * Moves every order whose next state is due; gives the webhooks those changes cause, and those it did not send:
   * a share dropped at random, or all of them during an outage (the server can deliver those late, on request).
   */
  advance(
    now: number,
    opts: { dropShare?: number; outage?: boolean } = {},
  ): { webhooks: OutgoingWebhook[]; dropped: number; droppedWebhooks: OutgoingWebhook[] } {
    const webhooks: OutgoingWebhook[] = []
    const droppedWebhooks: OutgoingWebhook[] = []
    for (const order of this.orders.values()) {
      while (order.plan.length && order.plan[0].at <= now) {
        const step = order.plan.shift()!
        order.history.push({ at: step.at, status: step.status, note: step.note, author: 'System' })
        for (const sub of this.subscriptionsFor(order, now)) {
          const drop = opts.outage || (opts.dropShare !== undefined && opts.dropShare > 0 && this.random.chance(opts.dropShare))
          ;(drop ? droppedWebhooks : webhooks).push({
            subscriptionId: sub.subscriptionId,
            url: sub.url,
            username: sub.username,
            password: sub.password,
            body: buildOrderNotificationXml({
              orderId: order.orderId,
              orderType: order.orderType,
              status: step.status.toUpperCase(),
              subscriptionId: sub.subscriptionId,
              message: step.note,
              numbers: order.numbers,
              lastModifiedDate: new Date(step.at).toISOString(),
            }),
          })
        }
      }
    }
    return { webhooks, dropped: droppedWebhooks.length, droppedWebhooks }
  }

  private subscriptionsFor(order: FakeOrder, now: number): FakeSubscription[] {
    return [...this.subscriptions.values()].filter(
      (s) =>
        s.orderType?.toLowerCase() === order.orderType.toLowerCase() && (!s.orderId || s.orderId === order.orderId) && s.expiresAt > now,
    )
  }

  current(order: FakeOrder): string | undefined {
    return order.history.at(-1)?.status
  }

  orderXml(order: FakeOrder): string {
    const status = (this.current(order) ?? 'RECEIVED').toUpperCase()
    const modified = new Date(order.history.at(-1)?.at ?? order.createdAt).toISOString()
    if (order.orderType === 'portins')
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><LnpOrderResponse>${xmlElement('OrderId', order.orderId)}${xmlElement('ProcessingStatus', status)}<ListOfPhoneNumbers>${order.numbers.map((n) => xmlElement('PhoneNumber', n)).join('')}</ListOfPhoneNumbers>${xmlElement('LastModifiedDate', modified)}</LnpOrderResponse>`
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><OrderResponse><Order>${xmlElement('id', order.orderId)}</Order>${xmlElement('OrderStatus', status)}${xmlElement('LastModifiedDate', modified)}</OrderResponse>`
  }

  historyXml(order: FakeOrder): string {
    if (!order.history.length) return ''
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><OrderHistoryWrapper>${order.history
      .map(
        (h) =>
          `<OrderHistory>${xmlElement('OrderDate', new Date(h.at).toISOString())}${xmlElement('Note', h.note)}${xmlElement('Author', h.author)}${xmlElement('Status', h.status)}</OrderHistory>`,
      )
      .join('')}</OrderHistoryWrapper>`
  }

  notesXml(order: FakeOrder): string {
    if (!order.notes.length) return ''
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Notes>${order.notes
      .map(
        (n) =>
          `<Note>${xmlElement('Id', n.id)}${xmlElement('UserId', n.userId)}${xmlElement('Description', n.description)}${xmlElement('LastDateModifier', new Date(n.at).toISOString())}</Note>`,
      )
      .join('')}</Notes>`
  }

  addNote(order: FakeOrder, userId: string, description: string, now: number): string {
    const id = String(++this.noteSeq)
    order.notes.push({ id, userId, description, at: now })
    return id
  }

  /**
   * `/portins/status`, `/portouts/status` (LNPResponseWrapper) or `/orders` (ResponseSelectWrapper): orders of that
   * type last modified between the two days, `size` a page, `page` "1" or the order id that starts it, with
   * Bandwidth's Links/next text.
   */
  listXml(
    kind: 'portins' | 'portouts' | 'orders',
    q: { startdate?: string; enddate?: string; page?: string; size?: string },
    selfUrl: string,
  ): string {
    const from = q.startdate ? dayStart(q.startdate) : -Infinity
    const to = q.enddate ? dayStart(q.enddate) + 24 * 3600_000 : Infinity
    const rows = [...this.orders.values()]
      .filter((o) => o.orderType === kind)
      .filter((o) => o.history.length)
      .map((o) => ({ o, modified: o.history.at(-1)!.at }))
      .filter((r) => r.modified >= from && r.modified < to)
      .sort((a, b) => a.o.orderId.localeCompare(b.o.orderId))
    const size = Math.min(Math.max(Number(q.size) || 300, 1), 1000)
    const startAt =
      q.page && q.page !== '1'
        ? Math.max(
            rows.findIndex((r) => r.o.orderId === q.page),
            0,
          )
        : 0
    const page = rows.slice(startAt, startAt + size)
    const next = rows[startAt + size]
    const link = (p: string, rel: string) => {
      const u = new URL(selfUrl)
      u.searchParams.set('page', p)
      u.searchParams.set('size', String(size))
      return escapeXml(`Link=<${u.toString()}>;rel="${rel}";`)
    }
    const links = `<Links><first>${link('1', 'first')}</first>${next ? `<next>${link(next.o.orderId, 'next')}</next>` : ''}</Links>`
    const status = (o: FakeOrder) => (this.current(o) ?? '').toUpperCase()
    if (kind !== 'orders')
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><LNPResponseWrapper>${xmlElement('TotalCount', String(rows.length))}${links}${page
        .map(
          (r) =>
            `<lnpPortInfoForGivenStatus>${xmlElement('OrderId', r.o.orderId)}${xmlElement('ProcessingStatus', status(r.o))}${xmlElement('lastModifiedDate', new Date(r.modified).toISOString())}</lnpPortInfoForGivenStatus>`,
        )
        .join('')}</LNPResponseWrapper>`
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ResponseSelectWrapper><ListOrderIdUserIdDate>${xmlElement('TotalCount', String(rows.length))}${links}${page
      .map(
        (r) =>
          `<OrderIdUserIdDate>${xmlElement('orderId', r.o.orderId)}${xmlElement('OrderStatus', status(r.o))}${xmlElement('lastModifiedDate', new Date(r.modified).toISOString())}</OrderIdUserIdDate>`,
      )
      .join('')}</ListOrderIdUserIdDate></ResponseSelectWrapper>`
  }

  /** The order behind `/{type}/{id}` for any spelling of the type's path segment. */
  findOrder(typeSegment: string, orderId: string): FakeOrder | undefined {
    const order = this.orders.get(orderId)
    if (!order) return undefined
    const want = findOrderType(typeSegment)?.key ?? typeSegment.toLowerCase()
    return findOrderType(order.orderType)?.key === want || order.orderType.toLowerCase() === want ? order : undefined
  }
}

function noteFor(status: string): string {
  return `Order is ${status.toLowerCase().replace(/_/g, ' ')}`
}

/** `YYYY-MM-DD` or `YY-MM-DD` (the /orders spelling, spec §6.4) → that UTC day's start in ms. */
function dayStart(day: string): number {
  const full = /^\d{2}-\d{2}-\d{2}$/.test(day) ? `20${day}` : day
  const t = Date.parse(`${full}T00:00:00Z`)
  return Number.isFinite(t) ? t : -Infinity
}
