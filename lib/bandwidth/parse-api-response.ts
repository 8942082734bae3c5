// Pure: reads the bodies of Bandwidth's Numbers API (spec §2.4, §6) into typed values. Every value stays a
// string (a PIN 0123 stays 0123); an <Errors> block on a 200 is data the caller sees, not an exception;
// an empty body is "nothing" where Bandwidth documents one (no history yet, 204 notes). Never throws.
import { fail, ok, type Result } from './result'
import { isElement, parseXmlDocument, readText, type XmlElement, type XmlValue } from './parse-xml-document'

export type ApiError = { code: string; description: string }

export type BandwidthSubscription = {
  subscriptionId: string
  orderType?: string
  eventType?: string
  orderId?: string
  /** Absent for an email subscription. */
  callback?: {
    url?: string
    /** Seconds remaining, as Bandwidth reports it (a string of digits). */
    expiry?: string
    /** The result of the latest delivery attempt, e.g. "200 OK", "READY", "401 Unauthorized". */
    status?: string
    /** Bandwidth never returns the password. */
    username?: string
    numberFormat?: string
  }
  email?: string
}

export type OrderHistoryEntry = { orderDate?: string; note?: string; author?: string; status?: string; difference?: string }
export type OrderNote = { id?: string; userId?: string; description?: string; lastDateModifier?: string }
export type OrderSummary = { orderId: string; status?: string; lastModifiedDate?: string }
export type OrderPage = { totalCount?: string; orders: OrderSummary[]; next?: string; errors: ApiError[] }
export type OrderState = { orderId?: string; status?: string; lastModifiedDate?: string; errors: ApiError[]; root: string }

/** Zero, one or many children of the same name, as a list (the parser only makes lists for repeats). */
export function children(parent: XmlElement, name: string): XmlValue[] {
  const value = parent[name]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function text(parent: XmlElement, name: string): string | undefined {
  const r = readText(parent, name)
  return r.ok ? r.value : undefined
}

function element(parent: XmlElement, name: string): XmlElement | undefined {
  const v = parent[name]
  return isElement(v) ? v : undefined
}

/** Every `<Errors>`/`<Error>` entry directly under `parent` (Bandwidth uses both spellings), plus `ResponseStatus`. */
export function readApiErrors(parent: XmlElement): ApiError[] {
  const out: ApiError[] = []
  for (const name of ['Errors', 'Error', 'ErrorList']) {
    for (const e of children(parent, name)) {
      if (!isElement(e)) continue
      // <ErrorList><Error>…</Error></ErrorList> or <Errors><Code/>…</Errors>
      const inner = children(e, 'Error').filter(isElement)
      for (const x of inner.length ? inner : [e]) {
        const code = text(x, 'Code') ?? text(x, 'ErrorCode')
        const description = text(x, 'Description') ?? ''
        if (code || description) out.push({ code: code ?? '', description })
      }
    }
  }
  const status = element(parent, 'ResponseStatus')
  if (status) {
    const code = text(status, 'ErrorCode')
    if (code) out.push({ code, description: text(status, 'Description') ?? '' })
  }
  return out
}

/**
 * `Links/next` holds text like `Link=<https://…?page=X&size=N>;rel="next";` (spec §6.4), not a bare URL,
 * sometimes inside an XML comment. Returns the URL between `<` and `>`, verbatim, or undefined.
 */
export function readNextLink(value: string | undefined): string | undefined {
  if (!value) return undefined
  const m = /<\s*(https?:\/\/[^>\s]+)\s*>/.exec(value)
  if (m) return m[1].replace(/&amp;/g, '&')
  const bare = value.trim()
  return /^https?:\/\/\S+$/.test(bare) ? bare : undefined
}

function parseRoot(xml: string): Result<{ root: string; element: XmlElement } | null> {
  if (xml.trim() === '') return ok(null)
  return parseXmlDocument(xml)
}

function readSubscription(s: XmlElement): Result<BandwidthSubscription> {
  const subscriptionId = text(s, 'SubscriptionId')
  if (!subscriptionId) return fail('missing_field', 'a <Subscription> has no SubscriptionId')
  const cb = element(s, 'CallbackSubscription')
  const email = element(s, 'EmailSubscription')
  const auth = cb && element(element(cb, 'CallbackCredentials') ?? {}, 'BasicAuthentication')
  return ok({
    subscriptionId,
    orderType: text(s, 'OrderType'),
    eventType: text(s, 'EventType'),
    orderId: text(s, 'OrderId'),
    callback: cb && {
      url: text(cb, 'URL')?.replace(/^"(.*)"$/, '$1'),
      expiry: text(cb, 'Expiry'),
      status: text(cb, 'Status'),
      username: auth && text(auth, 'Username'),
      numberFormat: text(cb, 'NumberFormat'),
    },
    email: email && text(email, 'Email'),
  })
}

/**
 * GET /subscriptions and GET /subscriptions/{id}. Parses the three shapes the docs show (spec §2.4): a bare
 * `<Subscription>`, `SubscriptionsResponse/Subscription`, `SubscriptionsResponse/Subscriptions/Subscription`.
 */
export function parseSubscriptions(xml: string): Result<{ subscriptions: BandwidthSubscription[]; errors: ApiError[] }> {
  const doc = parseRoot(xml)
  if (!doc.ok) return doc
  if (!doc.value) return fail('malformed_xml', 'empty body where a subscription list was expected')
  const { root, element: el } = doc.value
  let list: XmlValue[]
  if (root === 'Subscription') list = [el]
  else if (root === 'SubscriptionsResponse') {
    const wrapped = element(el, 'Subscriptions')
    list = [...children(el, 'Subscription'), ...(wrapped ? children(wrapped, 'Subscription') : [])]
    if (el.Subscriptions !== undefined && el.Subscriptions !== '' && !wrapped)
      return fail('invalid_field', 'Subscriptions must contain <Subscription> elements')
  } else return fail('unexpected_root', `expected a <SubscriptionsResponse> root element, got <${root}>`)
  const subscriptions: BandwidthSubscription[] = []
  for (const s of list) {
    if (!isElement(s)) return fail('invalid_field', 'a <Subscription> must contain elements')
    const read = readSubscription(s)
    if (!read.ok) return read
    subscriptions.push(read.value)
  }
  return ok({ subscriptions, errors: readApiErrors(el) })
}

/**
 * GET /{type}/{id}/history (spec §6.2): `OrderHistoryWrapper/OrderHistory*`. An empty body means no history
 * yet; a draft's `IrisStatus` (code 7710) is an error the caller shows. Status is upper-cased: import
 * orders report `complete`, `failed` in lower case.
 */
export function parseOrderHistory(xml: string): Result<{ entries: OrderHistoryEntry[]; errors: ApiError[] }> {
  const doc = parseRoot(xml)
  if (!doc.ok) return doc
  if (!doc.value) return ok({ entries: [], errors: [] })
  const { root, element: el } = doc.value
  if (root === 'IrisStatus') {
    const code = text(el, 'Code') ?? ''
    return ok({ entries: [], errors: [{ code, description: text(el, 'Description') ?? 'history not available' }] })
  }
  if (root !== 'OrderHistoryWrapper') return fail('unexpected_root', `expected an <OrderHistoryWrapper> root element, got <${root}>`)
  const entries: OrderHistoryEntry[] = []
  for (const h of children(el, 'OrderHistory')) {
    if (!isElement(h)) return fail('invalid_field', 'an <OrderHistory> must contain elements')
    entries.push({
      orderDate: text(h, 'OrderDate'),
      note: text(h, 'Note'),
      author: text(h, 'Author'),
      status: text(h, 'Status')?.toUpperCase(),
      difference: text(h, 'Difference'),
    })
  }
  return ok({ entries, errors: readApiErrors(el) })
}

/** GET /{type}/{id}/notes (spec §6.3): `Notes/Note*`; an empty body (204) is no notes. */
export function parseOrderNotes(xml: string): Result<OrderNote[]> {
  const doc = parseRoot(xml)
  if (!doc.ok) return doc
  if (!doc.value) return ok([])
  const { root, element: el } = doc.value
  if (root !== 'Notes') return fail('unexpected_root', `expected a <Notes> root element, got <${root}>`)
  const notes: OrderNote[] = []
  for (const n of children(el, 'Note')) {
    if (!isElement(n)) return fail('invalid_field', 'a <Note> must contain elements')
    notes.push({
      id: text(n, 'Id'),
      userId: text(n, 'UserId'),
      description: text(n, 'Description'),
      lastDateModifier: text(n, 'LastDateModifier'),
    })
  }
  return ok(notes)
}

const ORDER_ID_FIELDS = ['OrderId', 'orderId', 'id']
const STATUS_FIELDS = ['ProcessingStatus', 'OrderStatus', 'PortOutStatus', 'Status']
const MODIFIED_FIELDS = ['LastModifiedDate', 'lastModifiedDate']

function first(el: XmlElement, names: string[]): string | undefined {
  for (const n of names) {
    const v = text(el, n)
    if (v) return v
  }
  return undefined
}

/**
 * GET /{type}/{id} (spec §6.1): the order's current state, whatever the root (`LnpOrderResponse`,
 * `OrderResponse`, …). `Errors` on a 200 are kept: an EXCEPTION port-in carries them.
 */
export function parseOrderState(xml: string): Result<OrderState> {
  const doc = parseRoot(xml)
  if (!doc.ok) return doc
  if (!doc.value) return fail('malformed_xml', 'empty body where an order was expected')
  const { root, element: el } = doc.value
  const inner = element(el, 'Order') ?? element(el, 'orderRequest') ?? {}
  const orderId = first(el, ORDER_ID_FIELDS) ?? first(inner, ORDER_ID_FIELDS)
  const status = first(el, STATUS_FIELDS)
  if (!orderId && !status) {
    const errors = readApiErrors(el)
    if (errors.length) return ok({ root, errors })
    return fail('missing_field', `<${root}> has neither an order id nor a status`)
  }
  return ok({ root, orderId, status: status?.toUpperCase(), lastModifiedDate: first(el, MODIFIED_FIELDS), errors: readApiErrors(el) })
}

/**
 * The list endpoints (spec §6.4): `LNPResponseWrapper` (/portins, /portins/status, /portouts/status) and
 * `ResponseSelectWrapper/ListOrderIdUserIdDate` (/orders). Gives the rows and the `next` URL.
 */
export function parseOrderPage(xml: string): Result<OrderPage> {
  const doc = parseRoot(xml)
  if (!doc.ok) return doc
  if (!doc.value) return ok({ orders: [], errors: [] })
  const { root, element: el } = doc.value
  let container: XmlElement
  let rowName: string
  if (root === 'LNPResponseWrapper') {
    container = el
    rowName = 'lnpPortInfoForGivenStatus'
  } else if (root === 'ResponseSelectWrapper') {
    container = element(el, 'ListOrderIdUserIdDate') ?? {}
    rowName = 'OrderIdUserIdDate'
  } else return fail('unexpected_root', `expected an <LNPResponseWrapper> or <ResponseSelectWrapper> root element, got <${root}>`)
  const orders: OrderSummary[] = []
  for (const row of children(container, rowName)) {
    if (!isElement(row)) return fail('invalid_field', `a <${rowName}> must contain elements`)
    const orderId = first(row, ORDER_ID_FIELDS)
    if (!orderId) return fail('missing_field', `a <${rowName}> has no order id`)
    orders.push({ orderId, status: first(row, STATUS_FIELDS)?.toUpperCase(), lastModifiedDate: first(row, MODIFIED_FIELDS) })
  }
  const links = element(container, 'Links') ?? element(el, 'Links')
  return ok({
    totalCount: text(container, 'TotalCount') ?? text(el, 'TotalCount'),
    orders,
    next: links ? readNextLink(text(links, 'next')) : undefined,
    errors: readApiErrors(el),
  })
}

/** An error body Bandwidth sends with a 4xx (`ErrorResponse`, `…Response/ResponseStatus`, …), as one line, if it has one. */
export function describeErrorBody(xml: string): string | undefined {
  const doc = parseRoot(xml)
  if (!doc.ok || !doc.value) return undefined
  const el = doc.value.element
  const errors = [...readApiErrors(el), ...Object.values(el).flatMap((v) => (isElement(v) ? readApiErrors(v) : []))]
  const plain = text(el, 'Description') ?? text(el, 'ErrorMessage')
  if (errors.length) return errors.map((e) => `${e.code ? `${e.code} ` : ''}${e.description}`.trim()).join('; ')
  return plain
}
