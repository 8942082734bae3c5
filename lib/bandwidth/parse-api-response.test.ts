import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { buildNoteXml } from './build-note-xml'
import { buildSubscriptionXml } from './build-subscription-xml'
import {
  describeErrorBody,
  parseOrderHistory,
  parseOrderNotes,
  parseOrderPage,
  parseOrderState,
  parseSubscriptions,
  readNextLink,
} from './parse-api-response'
import type { Result } from './result'

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected a value, got ${r.error.code}: ${r.error.reason}`)
  return r.value
}

describe('parseSubscriptions', () => {
  it('reads the list fixture: order, single-order, event and email subscriptions, values as strings', () => {
    const { subscriptions, errors } = value(parseSubscriptions(readFixture('api/subscriptions-list-response.xml')))
    expect(errors).toEqual([])
    expect(subscriptions).toHaveLength(4)
    expect(subscriptions[0]).toEqual({
      subscriptionId: '6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9',
      orderType: 'orders',
      eventType: undefined,
      orderId: undefined,
      callback: {
        url: 'https://dash.example.net/api/bandwidth/notifications',
        expiry: '31449611',
        status: '200 OK',
        username: 'bw-webhook',
        numberFormat: 'LEGACY',
      },
      email: undefined,
    })
    expect(subscriptions[1]).toMatchObject({ orderType: 'portins', orderId: 'd8a1c5e3-7f20-4b96-a4d8-1e6c0b9f3a75' })
    expect(subscriptions[1].callback?.username).toBeUndefined()
    expect(subscriptions[2]).toMatchObject({ eventType: 'MESSAGING_LOST', callback: { status: 'READY' } })
    expect(subscriptions[3]).toMatchObject({ orderType: 'portouts', callback: undefined, email: 'numbers-ops@example.net' })
  })

  it('reads all three single-subscription shapes and strips the docs’ quoted URL', () => {
    const one =
      '<SubscriptionId>abc</SubscriptionId><OrderType>portins</OrderType><CallbackSubscription><URL>"https://x.test/n"</URL><Expiry>0099</Expiry></CallbackSubscription>'
    for (const xml of [
      `<Subscription>${one}</Subscription>`,
      `<SubscriptionsResponse><Subscription>${one}</Subscription></SubscriptionsResponse>`,
      `<SubscriptionsResponse><Subscriptions><Subscription>${one}</Subscription></Subscriptions></SubscriptionsResponse>`,
    ]) {
      const [s] = value(parseSubscriptions(xml)).subscriptions
      expect(s).toMatchObject({ subscriptionId: 'abc', callback: { url: 'https://x.test/n', expiry: '0099' } })
    }
  })

  it('an empty list is no subscriptions; an <Errors> block on a 200 is data', () => {
    expect(value(parseSubscriptions('<SubscriptionsResponse/>')).subscriptions).toEqual([])
    const r = value(
      parseSubscriptions(
        '<SubscriptionsResponse><Errors><Code>16007</Code><Description>insufficient permissions</Description></Errors></SubscriptionsResponse>',
      ),
    )
    expect(r.errors).toEqual([{ code: '16007', description: 'insufficient permissions' }])
  })

  it('refuses HTML, an empty body, another root and a subscription without an id, with one line', () => {
    for (const [xml, code] of [
      ['<html><body><h1>502 Bad Gateway</h1><br></body></html>', 'malformed_xml'],
      ['', 'malformed_xml'],
      ['<OrderResponse/>', 'unexpected_root'],
      [
        '<SubscriptionsResponse><Subscriptions><Subscription><OrderType>x</OrderType></Subscription></Subscriptions></SubscriptionsResponse>',
        'missing_field',
      ],
    ] as const) {
      const r = parseSubscriptions(xml)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe(code)
        expect(r.error.reason).not.toContain('\n')
      }
    }
  })

  it('round-trips what buildSubscriptionXml sends for an order type and for the event type', () => {
    const xml = buildSubscriptionXml({ eventType: 'MESSAGING_LOST' }, { url: 'https://a.test/n', username: 'u', password: 'p' })
    const body = xml.replace('<Subscription>', '<Subscription><SubscriptionId>x</SubscriptionId>')
    expect(value(parseSubscriptions(body)).subscriptions[0]).toMatchObject({ eventType: 'MESSAGING_LOST', callback: { username: 'u' } })
  })
})

describe('parseOrderHistory', () => {
  it('reads the port-in history fixture, Difference included', () => {
    const { entries } = value(parseOrderHistory(readFixture('api/portin-order-history-response.xml')))
    expect(entries.map((e) => e.status)).toEqual(['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'COMPLETE'])
    expect(entries[1]).toMatchObject({ author: 'System', difference: 'LoaDate : "" --> Tue Mar 11 15:18:57 UTC 2025' })
  })

  it('upper-cases the lower-case statuses of import orders', () => {
    const { entries } = value(parseOrderHistory(readFixture('api/import-order-history-lowercase-status-response.xml')))
    expect(entries.map((e) => e.status)).toEqual(['RECEIVED', 'FAILED'])
  })

  it('an empty body is an empty history; a draft’s IrisStatus is an error, not a crash', () => {
    expect(value(parseOrderHistory(''))).toEqual({ entries: [], errors: [] })
    expect(
      value(parseOrderHistory('<IrisStatus><Code>7710</Code><Description>not supported for draft</Description></IrisStatus>')).errors,
    ).toEqual([{ code: '7710', description: 'not supported for draft' }])
  })
})

describe('parseOrderNotes', () => {
  it('reads the notes fixture with ids as strings', () => {
    const notes = value(parseOrderNotes(readFixture('api/order-notes-response.xml')))
    expect(notes).toHaveLength(2)
    expect(notes[0]).toEqual({
      id: '412993',
      userId: 'api-dash-user',
      description: 'Customer says FOC date is too early, can we push to next Tuesday?',
      lastDateModifier: '2025-03-13T18:02:51.000Z',
    })
  })

  it('a 204 (empty body) is no notes; the note we send parses back to the fixture’s fields', () => {
    expect(value(parseOrderNotes(''))).toEqual([])
    const sent = buildNoteXml({ userId: 'api-dash-user', description: 'Customer says FOC date is too early, can we push to next Tuesday?' })
    const fixture = readFixture('api/order-note-create-request.xml')
    const strip = (x: string) =>
      x
        .replace(/<\?xml[^>]*\?>/, '')
        .replace(/\s+</g, '<')
        .trim()
    expect(strip(sent)).toBe(strip(fixture))
  })
})

describe('parseOrderState', () => {
  it('keeps an EXCEPTION port-in’s <Errors> and its PON-like strings as they are', () => {
    const xml =
      '<LnpOrderResponse><OrderId>o-1</OrderId><ProcessingStatus>EXCEPTION</ProcessingStatus><PON>1E5</PON>' +
      '<Errors><Code>7201</Code><Description>PIN 0123 rejected</Description></Errors><Errors><Code>7202</Code><Description>x</Description></Errors>' +
      '<LastModifiedDate>2026-12-01T10:00:00.000Z</LastModifiedDate></LnpOrderResponse>'
    const s = value(parseOrderState(xml))
    expect(s).toMatchObject({ orderId: 'o-1', status: 'EXCEPTION', lastModifiedDate: '2026-12-01T10:00:00.000Z' })
    expect(s.errors).toEqual([
      { code: '7201', description: 'PIN 0123 rejected' },
      { code: '7202', description: 'x' },
    ])
  })

  it('reads a new-number order (OrderStatus, Order/id) and refuses a shape with neither id nor status', () => {
    expect(
      value(parseOrderState('<OrderResponse><Order><id>n-1</id></Order><OrderStatus>complete</OrderStatus></OrderResponse>')),
    ).toMatchObject({
      orderId: 'n-1',
      status: 'COMPLETE',
    })
    expect(parseOrderState('<Whatever><Foo>1</Foo></Whatever>')).toMatchObject({ ok: false, error: { code: 'missing_field' } })
  })
})

describe('parseOrderPage and the Links/next quirk', () => {
  it('takes the URL between < and >, verbatim, also inside a comment', () => {
    expect(readNextLink('Link=<https://api.test/api/accounts/1/portins?page=o-9&size=2&startdate=2026-11-30>;rel="next";')).toBe(
      'https://api.test/api/accounts/1/portins?page=o-9&size=2&startdate=2026-11-30',
    )
    expect(readNextLink(undefined)).toBeUndefined()
    expect(readNextLink('nonsense')).toBeUndefined()
    const page = value(
      parseOrderPage(
        '<LNPResponseWrapper><TotalCount>3</TotalCount><Links><first>Link=&lt;https://a.test/p?page=1&amp;size=2&gt;;rel="first";</first>' +
          '<next>Link=&lt;https://a.test/p?page=o-3&amp;size=2&gt;;rel="next";</next></Links>' +
          '<lnpPortInfoForGivenStatus><OrderId>o-1</OrderId><ProcessingStatus>FOC</ProcessingStatus><lastModifiedDate>2026-12-01T00:00:00Z</lastModifiedDate></lnpPortInfoForGivenStatus>' +
          '<lnpPortInfoForGivenStatus><OrderId>o-2</OrderId><ProcessingStatus>complete</ProcessingStatus></lnpPortInfoForGivenStatus></LNPResponseWrapper>',
      ),
    )
    expect(page.next).toBe('https://a.test/p?page=o-3&size=2')
    expect(page.orders.map((o) => [o.orderId, o.status])).toEqual([
      ['o-1', 'FOC'],
      ['o-2', 'COMPLETE'],
    ])
  })

  it('reads /orders (ResponseSelectWrapper) and a last page without next', () => {
    const page = value(
      parseOrderPage(
        '<ResponseSelectWrapper><ListOrderIdUserIdDate><TotalCount>1</TotalCount><OrderIdUserIdDate><orderId>n-1</orderId><OrderStatus>COMPLETE</OrderStatus></OrderIdUserIdDate></ListOrderIdUserIdDate></ResponseSelectWrapper>',
      ),
    )
    expect(page).toMatchObject({ totalCount: '1', orders: [{ orderId: 'n-1', status: 'COMPLETE' }], next: undefined })
  })
})

describe('describeErrorBody', () => {
  it('gives one line from Bandwidth’s error shapes, nothing from HTML', () => {
    expect(
      describeErrorBody(
        '<ErrorResponse><Errors><Code>16000</Code><Description>Subscription not found</Description></Errors></ErrorResponse>',
      ),
    ).toBe('16000 Subscription not found')
    expect(
      describeErrorBody(
        '<NoteResponse><ResponseStatus><ErrorCode>12501</ErrorCode><Description>too long</Description></ResponseStatus></NoteResponse>',
      ),
    ).toBe('12501 too long')
    expect(describeErrorBody('<html><body>oops<br></body></html>')).toBeUndefined()
  })
})
