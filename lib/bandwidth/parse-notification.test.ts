import { describe, expect, it } from 'vitest'
import { listFixtures, readFixture } from '@/test/support/fixtures'
import { parseNotification, type EventNotification, type Notification, type OrderNotification } from './parse-notification'
import type { ParseError, ParseErrorCode } from './result'

// ---------------------------------------------------------------------------------------------
// helpers

function parseOk(xml: string): Notification {
  const r = parseNotification(xml)
  if (!r.ok) throw new Error(`expected the notification to parse, got ${r.error.code}: ${r.error.reason}`)
  return r.value
}

function parseOrder(xml: string): OrderNotification {
  const n = parseOk(xml)
  if (n.kind !== 'order') throw new Error(`expected an order notification, got ${n.kind}`)
  return n
}

function parseEvent(xml: string): EventNotification {
  const n = parseOk(xml)
  if (n.kind !== 'event') throw new Error(`expected an event notification, got ${n.kind}`)
  return n
}

function parseErr(xml: string): ParseError {
  const r = parseNotification(xml)
  if (r.ok) throw new Error(`expected the notification to be refused, got ${JSON.stringify(r.value)}`)
  return r.error
}

function expectRefused(xml: string, code: ParseErrorCode, reason: string | RegExp): void {
  const error = parseErr(xml)
  expect(error.code).toBe(code)
  if (typeof reason === 'string') expect(error.reason).toContain(reason)
  else expect(error.reason).toMatch(reason)
  // reasons are sent back to the caller and shown to operators: one line, bounded
  expect(error.reason).not.toMatch(/[\r\n]/)
  expect(error.reason.length).toBeLessThanOrEqual(300)
}

/** A <Notification> with the given children. */
const N = (inner: string) => `<Notification>${inner}</Notification>`
const ORDER = '<OrderType>portins</OrderType><OrderId>6e9b1f47-a2d3-4c58-b0e7-83f5c9d1a4e2</OrderId>'

// ---------------------------------------------------------------------------------------------
// expected values, read from each fixture file

type ExpectedOrder = {
  kind: 'order'
  subscriptionId?: string
  orderType: string
  orderTypeKey: string
  orderId: string
  customerOrderId?: string
  status?: string
  message?: string
  errorCode?: string
  note?: string
  numbers: string[]
  /** toISOString() of the parsed Date */
  lastModifiedDate?: string
  actualFocDate?: string
}
type ExpectedEvent = { kind: 'event'; subscriptionId?: string; eventType: string; numbers: string[] }

function order(e: Omit<ExpectedOrder, 'kind' | 'numbers'> & { numbers?: string[] }): ExpectedOrder {
  // every optional key is listed so that toEqual also checks that absent fields are undefined
  return {
    kind: 'order',
    subscriptionId: undefined,
    customerOrderId: undefined,
    status: undefined,
    message: undefined,
    errorCode: undefined,
    note: undefined,
    lastModifiedDate: undefined,
    actualFocDate: undefined,
    ...e,
    numbers: e.numbers ?? [],
  }
}

const SUB_ORDERS = '6f1c2a0e-93b4-4d2f-a7c1-0b5e8d41c2f9'
const SUB_PORTINS = 'b84d7e32-1a6f-4c9e-8f02-3d7a9c5e61b4'
const SUB_PORTIN_D8 = '0e9a51c7-5d28-4b63-9e1f-c4a2b7d08e35'
const SUB_CSRS = '9b2e0d4f-c5a8-4e71-86b3-f0d7c1e5a942'
const SUB_DISCONNECTS = 'a9e3b6d4-2c71-4f58-b0e9-5d4c1a7f3e86'
const SUB_BULK = '7c5a3e91-d0f6-4b2c-9a84-2e6f8b1d0c57'
const SUB_EVENTS = '3a7e1c9d-f2b5-4e80-96d4-a0c8e2f6b153'
const LIFECYCLE_ID = '6e9b1f47-a2d3-4c58-b0e7-83f5c9d1a4e2'
const SECOND_PORTIN_ID = 'd8a1c5e3-7f20-4b96-a4d8-1e6c0b9f3a75'

const EXPECTED: Record<string, ExpectedOrder | ExpectedEvent> = {
  'event-messaging-lost-completed-tns-variant.xml': {
    kind: 'event',
    subscriptionId: SUB_EVENTS,
    eventType: 'MESSAGING_LOST',
    numbers: ['5035550661', '5035550662'],
  },
  'event-messaging-lost-e164-format.xml': {
    kind: 'event',
    subscriptionId: 'ea1c5f7b-2d90-4b3e-8c6a-f5b0d9e3a718',
    eventType: 'MESSAGING_LOST',
    numbers: ['+16025550298', '+14805550915'],
  },
  'event-messaging-lost-multiple-tns.xml': {
    kind: 'event',
    subscriptionId: SUB_EVENTS,
    eventType: 'MESSAGING_LOST',
    numbers: ['8015550110', '8015550111', '8015550127', '3855550402', '3855550403'],
  },
  'event-messaging-lost-single-tn.xml': {
    kind: 'event',
    subscriptionId: SUB_EVENTS,
    eventType: 'MESSAGING_LOST',
    numbers: ['9195550744'],
  },
  'order-bulkportins-completed.xml': order({
    subscriptionId: SUB_BULK,
    orderType: 'bulkPortins',
    orderTypeKey: 'bulkportins',
    orderId: 'e1f3a5b7-c9d0-4e24-86a8-b0c2d4e6f8a1',
    customerOrderId: 'bulk-migration-wave-3',
    status: 'COMPLETED',
    lastModifiedDate: '2025-04-02T16:45:21.370Z',
  }),
  'order-bulkportins-valid-draft-tns.xml': order({
    subscriptionId: SUB_BULK,
    orderType: 'bulkPortins',
    orderTypeKey: 'bulkportins',
    orderId: 'e1f3a5b7-c9d0-4e24-86a8-b0c2d4e6f8a1',
    customerOrderId: 'bulk-migration-wave-3',
    status: 'VALID_DRAFT_TNS',
  }),
  'order-csrs-action-required.xml': order({
    subscriptionId: SUB_CSRS,
    orderType: 'csrs',
    orderTypeKey: 'csrs',
    orderId: '0f2b4d6e-8a1c-4e35-b7d9-f1a3c5e7b9d2',
    customerOrderId: 'csr-lookup-2207',
    status: 'ACTION_REQUIRED',
    message: 'The carrier requires additional information to complete the CSR request.',
  }),
  'order-csrs-complete-with-error-message.xml': order({
    subscriptionId: SUB_CSRS,
    orderType: 'csrs',
    orderTypeKey: 'csrs',
    orderId: '6a8c0e2f-4b5d-4f79-a1c3-e5f7b9d1a3c4',
    status: 'COMPLETE',
    message: '26500: CSR is not available for this TN',
    errorCode: '26500',
  }),
  'order-disconnects-complete.xml': order({
    subscriptionId: SUB_DISCONNECTS,
    orderType: 'disconnects',
    orderTypeKey: 'disconnects',
    orderId: '7a1d9c3e-5b0f-4e68-82c4-f9b7a5d3e1c0',
    customerOrderId: 'churn-2025-03-21-batch2',
    status: 'COMPLETE',
    numbers: ['4045550931', '4045550932', '4705551877'],
    lastModifiedDate: '2025-03-21T08:30:02.119Z',
  }),
  'order-disconnects-partial.xml': order({
    subscriptionId: SUB_DISCONNECTS,
    orderType: 'disconnects',
    orderTypeKey: 'disconnects',
    orderId: 'c9e5a1b7-3d2f-4a80-b6e4-0f8d2c6a4e19',
    status: 'PARTIAL',
    // starts with a digit but is not an "NNNN:" code
    message: '1 of 2 telephone numbers could not be disconnected',
    numbers: ['3125550674'],
    lastModifiedDate: '2025-03-21T09:12:47.655Z',
  }),
  'order-dldas-received.xml': order({
    subscriptionId: 'f4e2b8c0-3a9d-4c15-b7e6-8d1f0a2c6b39',
    orderType: 'dldas',
    orderTypeKey: 'dldas',
    orderId: '3c5e7a9b-1d2f-4b46-a8c0-e2f4b6d8a0c1',
    status: 'RECEIVED',
  }),
  'order-e911s-adjusted-complete.xml': order({
    subscriptionId: 'c3f8a2d6-7b49-4e1c-a5d0-92b6e4f1c837',
    orderType: 'e911s',
    orderTypeKey: 'e911s',
    orderId: '8f0b2d4e-6a1c-4e37-95b8-d3f1a7c9e052',
    customerOrderId: 'hq-floor3-e911',
    status: 'ADJUSTED_COMPLETE',
    message: 'Address was adjusted during validation',
    lastModifiedDate: '2025-03-23T11:03:19.948Z',
  }),
  'order-emergencynotificationgroup-complete.xml': order({
    subscriptionId: '2d6b9f03-8e4a-4a7c-b1d5-c9e0f3a8b264',
    orderType: 'emergencyNotificationGroup',
    orderTypeKey: 'emergencynotificationgroup',
    orderId: '9e1a3c5f-7b8d-4f02-b4e6-a8c0d2f4b6e9',
    customerOrderId: 'eng-front-desk-bldg5',
    status: 'COMPLETE',
  }),
  'order-importtnorders-failed.xml': order({
    subscriptionId: 'e6a4c1f9-0b37-4d82-9f5e-b7d2a8c4e051',
    orderType: 'importtnorders',
    orderTypeKey: 'importtnorders',
    orderId: 'a3c5e7f9-1b2d-4f46-8e0a-b2d4f6a8c0e1',
    customerOrderId: 'hm-import-0092',
    status: 'FAILED',
    message: '5016: The SiteId submitted is invalid.',
    errorCode: '5016',
    lastModifiedDate: '2025-03-24T12:18:09.531Z',
  }),
  'order-lsrorders-exception-pin-invalid.xml': order({
    subscriptionId: '47b0c8e5-6f13-4a9d-8c2e-e1f5a3d7b906',
    orderType: 'lsrorders',
    orderTypeKey: 'lsrorders',
    orderId: '1e3a5c7b-9d0f-4b24-a6c8-e0d2f4b6a819',
    customerOrderId: 'LSR-WIN-5531',
    status: 'EXCEPTION',
    message: '7513: PIN Invalid',
    errorCode: '7513',
    lastModifiedDate: '2025-03-22T15:48:36.290Z',
  }),
  'order-orders-backordered.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: 'b5c2e0f8-1d94-4a3b-9c67-f3e1a8d4b072',
    status: 'BACKORDERED',
    message: 'Order backordered - awaiting additional numbers',
    lastModifiedDate: '2025-03-16T14:05:12.330Z',
  }),
  'order-orders-complete-e164-format.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: '0a7f3d95-e2b8-4c16-a9d0-5b4e7c1f8e23',
    status: 'COMPLETE',
    message: 'Created a new number order for 2 numbers from SEATTLE, WA',
    numbers: ['+12065550138', '+12065550162'],
    lastModifiedDate: '2025-03-17T18:44:29.051Z',
  }),
  'order-orders-complete-many-tns-customer-order-id.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: 'c17d4a2e-8b5f-4e09-9d36-2a4f1e7c0b58',
    customerOrderId: 'CLT-Q1-bulk 0042',
    status: 'COMPLETE',
    message: 'Created a new number order for 25 numbers from CHARLOTTE, NC',
    // 7045551200 … 7045551224, in document order
    numbers: Array.from({ length: 25 }, (_, i) => `70455512${String(i).padStart(2, '0')}`),
    lastModifiedDate: '2025-03-14T16:07:45.019Z',
  }),
  'order-orders-complete-single-tn.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: '5b8e2f14-0c6a-4d93-a7e1-9f3b4c8d2a60',
    status: 'COMPLETE',
    message: 'Created a new number order for 1 number from ASHEVILLE, NC',
    numbers: ['8282145930'],
    lastModifiedDate: '2025-03-14T16:02:11.482Z',
  }),
  'order-orders-failed-no-tns-legacy.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: '9d03b7e1-6a2c-4f85-a1d4-e8b0c5f7a293',
    status: 'FAILED',
    message: '5008: All telephone numbers specified are invalid',
    errorCode: '5008',
  }),
  'order-orders-failed-with-message.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: 'e2a96c0b-47d1-4f3e-b8a5-0c9d7e1f2b36',
    customerOrderId: 'signup-88213',
    status: 'FAILED',
    message: '5005: The telephone number is unavailable for ordering',
    errorCode: '5005',
    numbers: ['3035550187'],
    lastModifiedDate: '2025-03-15T09:41:03.276Z',
  }),
  'order-orders-partial.xml': order({
    subscriptionId: SUB_ORDERS,
    orderType: 'orders',
    orderTypeKey: 'orders',
    orderId: '41f6a8d2-c3e9-4b70-8e15-d9a2b0c7f564',
    customerOrderId: 'atx-pool-7',
    status: 'PARTIAL',
    message: 'Created a new number order for 3 of 5 requested numbers from AUSTIN, TX',
    numbers: ['5125550411', '5125550412', '5125550419'],
    lastModifiedDate: '2025-03-16T13:20:57.804Z',
  }),
  'order-portins-cancelled.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: 'f3b8d0a6-9e15-4c27-b6f4-0d2a8e5c1b97',
    customerOrderId: 'PORT-BETA-77',
    status: 'CANCELLED',
    message: '7205: Telephone number is already being processed on another order',
    errorCode: '7205',
    lastModifiedDate: '2025-03-19T10:15:33.004Z',
  }),
  'order-portins-complete-many-tns.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: LIFECYCLE_ID,
    customerOrderId: 'PORT-ACME-2025-0311',
    status: 'COMPLETE',
    message: 'Order is complete',
    numbers: [
      '9195554300',
      '9195554301',
      '9195554302',
      '9195554303',
      '9195554304',
      '9195554305',
      '9195554306',
      '9195554307',
      '9195554308',
      '9195554309',
      '9195554310',
      '9195554311',
      '9845558801',
      '9845558802',
      '9845558803',
      '9845558804',
    ],
    lastModifiedDate: '2025-03-18T14:07:52.391Z',
  }),
  'order-portins-exception.xml': order({
    subscriptionId: SUB_PORTIN_D8,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: SECOND_PORTIN_ID,
    status: 'EXCEPTION',
    message: '7513: PIN Invalid',
    errorCode: '7513',
    lastModifiedDate: '2025-03-13T17:58:44.208Z',
  }),
  'order-portins-foc.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: LIFECYCLE_ID,
    customerOrderId: 'PORT-ACME-2025-0311',
    status: 'FOC',
    message: 'Order waiting for activation',
    lastModifiedDate: '2025-03-12T20:31:18.642Z',
    actualFocDate: '2025-03-18T14:00:00.000Z',
  }),
  'order-portins-note-only.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: SECOND_PORTIN_ID,
    note: 'Losing carrier rejected the PIN again. Please confirm the 6-digit transfer PIN with the end user and submit a SUPP.',
  }),
  'order-portins-note-with-status.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: LIFECYCLE_ID,
    customerOrderId: 'PORT-ACME-2025-0311',
    status: 'FOC',
    // `&amp;` in the file
    note: 'Vendor confirmed activation window 10:00-12:00 ET on the FOC date & no further action is needed.',
    lastModifiedDate: '2025-03-14T12:06:27.733Z',
  }),
  'order-portins-pending-documents.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: LIFECYCLE_ID,
    customerOrderId: 'PORT-ACME-2025-0311',
    status: 'PENDING_DOCUMENTS',
    message: 'LOA required',
    lastModifiedDate: '2025-03-11T15:12:40.117Z',
  }),
  'order-portins-requested-supp.xml': order({
    subscriptionId: SUB_PORTIN_D8,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: SECOND_PORTIN_ID,
    status: 'REQUESTED_SUPP',
    lastModifiedDate: '2025-03-13T19:22:05.560Z',
  }),
  'order-portins-submitted.xml': order({
    subscriptionId: SUB_PORTINS,
    orderType: 'portins',
    orderTypeKey: 'portins',
    orderId: LIFECYCLE_ID,
    customerOrderId: 'PORT-ACME-2025-0311',
    status: 'SUBMITTED',
    message: 'Order has been created',
    lastModifiedDate: '2025-03-11T15:19:02.905Z',
  }),
  'order-portouts-complete-single-tn.xml': order({
    subscriptionId: 'd2c7f9a1-4e85-4b0d-93a6-71e8c0b5f4d2',
    orderType: 'portouts',
    orderTypeKey: 'portouts',
    orderId: '2c4e6a8b-0d1f-4357-9a8b-c6e4d2f0a1b3',
    status: 'COMPLETE',
    numbers: ['6175550123'],
    lastModifiedDate: '2025-03-20T21:00:14.877Z',
  }),
  'order-removeimportedtnorders-processing.xml': order({
    subscriptionId: '13f9d5a7-e8c2-4b06-a4f1-6c0e9b2d8a73',
    orderType: 'removeImportedTnOrders',
    orderTypeKey: 'removeimportedtnorders',
    orderId: '5d7f9b1c-3e4a-4c68-9b0d-e4f6a8c0d2e3',
    status: 'PROCESSING',
    message: 'Remove Imported TN order processing has started.',
  }),
  'order-tnoptions-processing.xml': order({
    subscriptionId: '58d1e7b3-9c04-4f6a-b2e8-0a3c5f9d7e14',
    orderType: 'tnoptions',
    orderTypeKey: 'tnoptions',
    orderId: '4b6d8f0a-2c3e-4591-a7b9-c1e3f5a7b9d0',
    customerOrderId: 'passcode-rollout-1',
    status: 'PROCESSING',
    lastModifiedDate: '2025-03-24T07:55:40.062Z',
  }),
  'order-tollfreeportingvalidations-complete.xml': order({
    subscriptionId: '85a0e4c2-b7f1-4d9e-a3c6-1f8d5b0e7a24',
    orderType: 'tollfreePortingValidations',
    orderTypeKey: 'tollfreeportingvalidations',
    orderId: 'b7d9f1a3-c5e6-4a80-92b4-d6f8a0c2e4b5',
    customerOrderId: 'tf-precheck-31',
    status: 'COMPLETE',
  }),
}

// ---------------------------------------------------------------------------------------------

describe('parseNotification: every sample notification', () => {
  const notificationFixtures = [...listFixtures('order-'), ...listFixtures('event-')]

  it('has an expected value for every order-*.xml and event-*.xml fixture, and no stale entries', () => {
    expect(notificationFixtures.length).toBe(35)
    expect(Object.keys(EXPECTED).sort()).toEqual([...notificationFixtures].sort())
  })

  it.each(notificationFixtures)('%s parses to exactly the expected fields', (file) => {
    const expected = EXPECTED[file]
    const n = parseOk(readFixture(file))
    expect(n.kind).toBe(expected.kind)

    if (expected.kind === 'event') {
      expect(n).toEqual(expected)
      return
    }
    if (n.kind !== 'order') throw new Error('unreachable')
    const { lastModifiedDate, actualFocDate, ...rest } = expected
    expect({ ...n, lastModifiedDate: undefined, actualFocDate: undefined }).toEqual({
      ...rest,
      lastModifiedDate: undefined,
      actualFocDate: undefined,
    })
    // dates: real Date objects, at the exact instant written in the file
    if (lastModifiedDate === undefined) expect(n.lastModifiedDate).toBeUndefined()
    else {
      expect(n.lastModifiedDate).toBeInstanceOf(Date)
      expect(n.lastModifiedDate?.toISOString()).toBe(lastModifiedDate)
    }
    if (actualFocDate === undefined) expect(n.actualFocDate).toBeUndefined()
    else {
      expect(n.actualFocDate).toBeInstanceOf(Date)
      expect(n.actualFocDate?.toISOString()).toBe(actualFocDate)
    }
  })

  it('keeps the numbers as an array even when there is a single TelephoneNumber', () => {
    const n = parseOrder(readFixture('order-orders-complete-single-tn.xml'))
    expect(Array.isArray(n.numbers)).toBe(true)
    expect(n.numbers).toEqual(['8282145930'])
  })

  it('upper-cases Status and keeps OrderType as received next to a lower-cased key', () => {
    const n = parseOrder(readFixture('order-importtnorders-failed.xml').replace('<Status>FAILED</Status>', '<Status>failed</Status>'))
    expect(n.status).toBe('FAILED')
    const e = parseOrder(readFixture('order-emergencynotificationgroup-complete.xml'))
    expect(e.orderType).toBe('emergencyNotificationGroup')
    expect(e.orderTypeKey).toBe('emergencynotificationgroup')
  })

  it('decodes the &amp; entity in Note', () => {
    const raw = readFixture('order-portins-note-with-status.xml')
    expect(raw).toContain('&amp;')
    const n = parseOrder(raw)
    expect(n.note).toContain(' & ')
    expect(n.note).not.toContain('&amp;')
  })
})

describe('parseNotification: events', () => {
  it('reads ImpactedTelephoneNumbers', () => {
    const n = parseEvent(readFixture('event-messaging-lost-single-tn.xml'))
    expect(n.numbers).toEqual(['9195550744'])
  })

  it('reads CompletedTelephoneNumbers (RAML variant) the same way', () => {
    const impacted = parseEvent(
      N(
        '<EventType>MESSAGING_LOST</EventType><ImpactedTelephoneNumbers><TelephoneNumber>5035550661</TelephoneNumber><TelephoneNumber>5035550662</TelephoneNumber></ImpactedTelephoneNumbers>',
      ),
    )
    const completed = parseEvent(
      N(
        '<EventType>MESSAGING_LOST</EventType><CompletedTelephoneNumbers><TelephoneNumber>5035550661</TelephoneNumber><TelephoneNumber>5035550662</TelephoneNumber></CompletedTelephoneNumbers>',
      ),
    )
    expect(completed).toEqual(impacted)
    expect(completed.numbers).toEqual(['5035550661', '5035550662'])
  })

  it('merges both lists when both are present, without repeating a number', () => {
    const n = parseEvent(
      N(
        '<EventType>MESSAGING_LOST</EventType>' +
          '<ImpactedTelephoneNumbers><TelephoneNumber>9195550001</TelephoneNumber><TelephoneNumber>9195550002</TelephoneNumber></ImpactedTelephoneNumbers>' +
          '<CompletedTelephoneNumbers><TelephoneNumber>9195550002</TelephoneNumber><TelephoneNumber>9195550003</TelephoneNumber></CompletedTelephoneNumbers>',
      ),
    )
    expect(n.numbers).toEqual(['9195550001', '9195550002', '9195550003'])
  })

  it('accepts an event with no numbers, and an empty list', () => {
    expect(parseEvent(N('<EventType>MESSAGING_LOST</EventType>')).numbers).toEqual([])
    expect(parseEvent(N('<EventType>MESSAGING_LOST</EventType><ImpactedTelephoneNumbers/>')).numbers).toEqual([])
    expect(parseEvent(N('<EventType>MESSAGING_LOST</EventType><ImpactedTelephoneNumbers></ImpactedTelephoneNumbers>')).numbers).toEqual([])
  })

  it('keeps the event type as received (no case change) and has no order fields', () => {
    const n = parseEvent(N('<SubscriptionId>s-1</SubscriptionId><EventType>Messaging_Lost</EventType>'))
    expect(n).toEqual({ kind: 'event', subscriptionId: 's-1', eventType: 'Messaging_Lost', numbers: [] })
    expect(n).not.toHaveProperty('orderId')
    expect(n).not.toHaveProperty('status')
  })

  it('treats a notification with OrderType/OrderId as an order even if it also has an EventType', () => {
    const n = parseOk(N(`${ORDER}<EventType>MESSAGING_LOST</EventType><Status>COMPLETE</Status>`))
    expect(n.kind).toBe('order')
  })
})

describe('parseNotification: tolerance', () => {
  const FOC = readFixture('order-portins-foc.xml')
  const expectedFoc = () => parseOrder(FOC)

  it('accepts leading whitespace before the root element when there is no XML declaration', () => {
    const body = FOC.replace(/^<\?xml[^>]*\?>\s*/, '')
    expect(body.startsWith('<Notification>')).toBe(true)
    expect(parseOrder(`  \n\t${body}`)).toEqual(expectedFoc())
  })

  it('refuses whitespace before the XML declaration (the declaration must come first, as XML requires)', () => {
    expectRefused(`\n  ${FOC}`, 'malformed_xml', 'XML declaration allowed only at the start')
  })

  it('accepts trailing whitespace and a U+FEFF left at the start of the text', () => {
    expect(parseOrder(`${FOC}\n\n  \n`)).toEqual(expectedFoc())
    expect(parseOrder(`\uFEFF${FOC}`)).toEqual(expectedFoc())
  })

  it('does not depend on element order', () => {
    const shuffled =
      '<Notification>' +
      '<ActualFocDate>2025-03-18T14:00:00Z</ActualFocDate>' +
      '<Status>FOC</Status>' +
      '<LastModifiedDate>2025-03-12T20:31:18.642Z</LastModifiedDate>' +
      `<OrderId>${LIFECYCLE_ID}</OrderId>` +
      '<Message>Order waiting for activation</Message>' +
      '<CustomerOrderId>PORT-ACME-2025-0311</CustomerOrderId>' +
      '<OrderType>portins</OrderType>' +
      `<SubscriptionId>${SUB_PORTINS}</SubscriptionId>` +
      '</Notification>'
    expect(parseOrder(shuffled)).toEqual(expectedFoc())
  })

  it('does not depend on TelephoneNumbers coming before or after the other elements', () => {
    const original = parseOrder(readFixture('order-orders-partial.xml'))
    const moved = readFixture('order-orders-partial.xml')
      .replace(/<CompletedTelephoneNumbers>[\s\S]*<\/CompletedTelephoneNumbers>/, '')
      .replace(
        '<Notification>',
        `<Notification><CompletedTelephoneNumbers><TelephoneNumber>5125550411</TelephoneNumber><TelephoneNumber>5125550412</TelephoneNumber><TelephoneNumber>5125550419</TelephoneNumber></CompletedTelephoneNumbers>`,
      )
    expect(parseOrder(moved)).toEqual(original)
  })

  it('gives the same result for compact and pretty-printed layouts', () => {
    const compactFoc = FOC.replace(/>\s+</g, '><')
    expect(compactFoc).not.toContain('\n    <')
    expect(parseOrder(compactFoc)).toEqual(expectedFoc())

    const compact = readFixture('order-orders-complete-single-tn.xml')
    const pretty = compact.replace(/></g, '>\n    <').replace(/(<TelephoneNumber>)/g, '\r\n\t\t$1')
    expect(parseOrder(pretty)).toEqual(parseOrder(compact))

    const crlf = readFixture('order-disconnects-complete.xml').replace(/\n/g, '\r\n')
    expect(parseOrder(crlf)).toEqual(parseOrder(readFixture('order-disconnects-complete.xml')))
  })

  it('trims whitespace around values', () => {
    const n = parseOrder(
      N(
        `<OrderType>\n  portins  \n</OrderType><OrderId>  ${LIFECYCLE_ID}\t</OrderId><Status>  complete </Status><CompletedTelephoneNumbers><TelephoneNumber> 9195550001 </TelephoneNumber></CompletedTelephoneNumbers>`,
      ),
    )
    expect(n.orderType).toBe('portins')
    expect(n.orderId).toBe(LIFECYCLE_ID)
    expect(n.status).toBe('COMPLETE')
    expect(n.numbers).toEqual(['9195550001'])
  })

  it.each([
    ['no declaration', ''],
    ['version only', '<?xml version="1.0"?>'],
    ['encoding and standalone', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'],
    ['single quotes, lower-case encoding', "<?xml version='1.0' encoding='utf-8'?>"],
    ['declaration then newline', '<?xml version="1.0" encoding="UTF-8"?>\n'],
    ['declaration then a processing instruction', '<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="x.xsl"?>'],
  ])('accepts XML declaration variant: %s', (_label, declaration) => {
    const body = FOC.replace(/^<\?xml[^>]*\?>\s*/, '')
    expect(parseOrder(declaration + body)).toEqual(expectedFoc())
  })

  it('ignores unknown elements, attributes, namespaces, comments and CDATA wrappers', () => {
    const n = parseOrder(
      '<?xml version="1.0"?>' +
        '<Notification xmlns="urn:bandwidth" version="2">' +
        '<!-- a comment -->' +
        '<FutureField>whatever</FutureField>' +
        '<Nested><Deep><Deeper>1</Deeper></Deep></Nested>' +
        '<SubscriptionId>sub-1</SubscriptionId>' +
        '<OrderType kind="x">portins</OrderType>' +
        `<OrderId>${LIFECYCLE_ID}</OrderId>` +
        '<Status>FOC</Status>' +
        '<Note><![CDATA[a < b & c]]></Note>' +
        '<CompletedTelephoneNumbers count="1"><TelephoneNumber type="tn">9195550001</TelephoneNumber><Other>x</Other></CompletedTelephoneNumbers>' +
        '</Notification>',
    )
    expect(n).toEqual(
      order({
        subscriptionId: 'sub-1',
        orderType: 'portins',
        orderTypeKey: 'portins',
        orderId: LIFECYCLE_ID,
        status: 'FOC',
        note: 'a < b & c',
        numbers: ['9195550001'],
      }),
    )
    expect(n).not.toHaveProperty('FutureField')
    expect(n).not.toHaveProperty('Nested')
  })

  it('accepts unknown order types, event types and statuses', () => {
    const o = parseOrder(N('<OrderType>quantumPortins</OrderType><OrderId>q-1</OrderId><Status>Teleporting_Soon</Status>'))
    expect(o.orderType).toBe('quantumPortins')
    expect(o.orderTypeKey).toBe('quantumportins')
    expect(o.status).toBe('TELEPORTING_SOON')
    const e = parseEvent(
      N('<EventType>NUMBER_HIJACKED</EventType><ImpactedTelephoneNumbers><TelephoneNumber>1</TelephoneNumber></ImpactedTelephoneNumbers>'),
    )
    expect(e.eventType).toBe('NUMBER_HIJACKED')
  })

  it.each([
    ['portins', 'portins'],
    ['PORTINS', 'portins'],
    ['PortIns', 'portins'],
    ['importTnOrders', 'importtnorders'],
    ['IMPORTTNORDERS', 'importtnorders'],
  ])('order type %s → orderTypeKey %s, orderType kept as received', (orderType, key) => {
    const n = parseOrder(N(`<OrderType>${orderType}</OrderType><OrderId>o-1</OrderId><Status>COMPLETE</Status>`))
    expect(n.orderType).toBe(orderType)
    expect(n.orderTypeKey).toBe(key)
  })

  it('accepts a note-only notification without Status or Message', () => {
    const n = parseOrder(N(`${ORDER}<Note>Called the losing carrier</Note>`))
    expect(n.status).toBeUndefined()
    expect(n.message).toBeUndefined()
    expect(n.errorCode).toBeUndefined()
    expect(n.note).toBe('Called the losing carrier')
  })

  it('treats an empty element as absent', () => {
    const n = parseOrder(
      N(
        `${ORDER}<Status></Status><Message/><Note>   </Note><CustomerOrderId/><LastModifiedDate></LastModifiedDate><CompletedTelephoneNumbers/>`,
      ),
    )
    expect(n.status).toBeUndefined()
    expect(n.message).toBeUndefined()
    expect(n.note).toBeUndefined()
    expect(n.customerOrderId).toBeUndefined()
    expect(n.lastModifiedDate).toBeUndefined()
    expect(n.numbers).toEqual([])
  })

  it('decodes the five predefined XML entities', () => {
    const n = parseOrder(N(`${ORDER}<Note>&lt;b&gt; &amp; &quot;q&quot; &apos;a&apos;</Note>`))
    expect(n.note).toBe(`<b> & "q" 'a'`)
  })

  it('decodes numeric character references (part of XML itself, no DTD needed)', () => {
    // XML 1.0 §4.1 CharRef: &#38; and &#x26; are "&", &#233; is "é"
    const n = parseOrder(N(`${ORDER}<Note>R&#38;D &#x26; caf&#233;</Note>`))
    expect(n.note).toBe('R&D & café')
  })

  it('keeps a number as text: leading zeros, plus sign and long digit strings survive', () => {
    const n = parseOrder(
      N(
        `${ORDER}<CustomerOrderId>000123</CustomerOrderId><CompletedTelephoneNumbers><TelephoneNumber>0019195550001</TelephoneNumber><TelephoneNumber>+19195550002</TelephoneNumber><TelephoneNumber>99999999999999999999</TelephoneNumber></CompletedTelephoneNumbers>`,
      ),
    )
    expect(n.customerOrderId).toBe('000123')
    expect(n.numbers).toEqual(['0019195550001', '+19195550002', '99999999999999999999'])
  })

  it('skips empty TelephoneNumber elements', () => {
    const n = parseOrder(
      N(
        `${ORDER}<CompletedTelephoneNumbers><TelephoneNumber/><TelephoneNumber>9195550001</TelephoneNumber><TelephoneNumber> </TelephoneNumber></CompletedTelephoneNumbers>`,
      ),
    )
    expect(n.numbers).toEqual(['9195550001'])
  })

  it('does not mistake element names that merely contain a forbidden word for forbidden ones', () => {
    const n = parseOrder(N(`${ORDER}<constructorName>x</constructorName><Note>about __proto__ and constructor</Note>`))
    expect(n.note).toBe('about __proto__ and constructor')
  })
})

describe('parseNotification: Message and errorCode', () => {
  it.each([
    ['7513: PIN Invalid', '7513'],
    ['26500: CSR is not available for this TN', '26500'],
    ['5005:no space', '5005'],
    ['  5008 : spaced out', '5008'],
    ['123456: six digits', '123456'],
    ['12: too short', undefined],
    ['1234567: too long', undefined],
    ['ABCD: not digits', undefined],
    ['Error 7513: not leading', undefined],
    ['7513 PIN Invalid', undefined],
    ['Order is complete', undefined],
  ])('message %j → errorCode %j, message kept whole', (message, code) => {
    const n = parseOrder(N(`${ORDER}<Status>EXCEPTION</Status><Message>${message}</Message>`))
    expect(n.errorCode).toBe(code)
    expect(n.message).toBe(message.trim())
  })
})

describe('parseNotification: dates', () => {
  const withDate = (name: string, value: string) => N(`${ORDER}<Status>FOC</Status><${name}>${value}</${name}>`)

  it.each([
    ['2025-03-18T14:07:52.391Z', '2025-03-18T14:07:52.391Z'],
    ['2025-03-18T14:07:52Z', '2025-03-18T14:07:52.000Z'],
    ['2025-03-18T14:07Z', '2025-03-18T14:07:00.000Z'],
    ['2025-03-18T09:07:52.391-05:00', '2025-03-18T14:07:52.391Z'],
    ['2025-03-18T16:07:52+02:00', '2025-03-18T14:07:52.000Z'],
    ['2025-03-18', '2025-03-18T00:00:00.000Z'],
  ])('LastModifiedDate %s → %s', (text, iso) => {
    const n = parseOrder(withDate('LastModifiedDate', text))
    expect(n.lastModifiedDate).toBeInstanceOf(Date)
    expect(n.lastModifiedDate?.toISOString()).toBe(iso)
    const f = parseOrder(withDate('ActualFocDate', text))
    expect(f.actualFocDate?.toISOString()).toBe(iso)
  })

  it.each([
    'yesterday',
    '2025-13-45T00:00:00Z',
    '2025-02-30T25:00:00Z',
    '18/03/2025',
    '1742306872391',
    '2025-03-18 14:07:52Z',
    'Tue, 18 Mar 2025 14:07:52 GMT',
  ])('refuses %j as LastModifiedDate and as ActualFocDate', (text) => {
    expectRefused(withDate('LastModifiedDate', text), 'invalid_field', 'LastModifiedDate is not an ISO-8601 timestamp')
    expectRefused(withDate('ActualFocDate', text), 'invalid_field', 'ActualFocDate is not an ISO-8601 timestamp')
  })

  it('refuses impossible calendar dates instead of rolling them over into the next month', () => {
    // new Date('2025-02-30T10:00:00Z') is 2025-03-02 in V8: the regex alone does not catch these
    for (const text of ['2025-02-30T10:00:00Z', '2025-04-31T00:00:00Z', '2025-02-29T00:00:00Z', '2025-02-31']) {
      const error = parseErr(withDate('LastModifiedDate', text))
      expect(error.code, text).toBe('invalid_field')
      expect(error.reason, text).toContain('LastModifiedDate is not an ISO-8601 timestamp')
    }
  })

  it('accepts 29 February in a leap year', () => {
    expect(parseOrder(withDate('LastModifiedDate', '2024-02-29T12:00:00Z')).lastModifiedDate?.toISOString()).toBe(
      '2024-02-29T12:00:00.000Z',
    )
  })

  it('reads a timestamp without a UTC offset the same whatever the host time zone is', () => {
    const xml = withDate('LastModifiedDate', '2025-03-18T14:00:00')
    const saved = process.env.TZ
    try {
      process.env.TZ = 'UTC'
      const inUtc = JSON.stringify(parseNotification(xml))
      process.env.TZ = 'America/New_York'
      const inNewYork = JSON.stringify(parseNotification(xml))
      process.env.TZ = 'Asia/Kolkata'
      const inKolkata = JSON.stringify(parseNotification(xml))
      expect(inNewYork).toBe(inUtc)
      expect(inKolkata).toBe(inUtc)
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })
})

describe('parseNotification: OrderId', () => {
  it('accepts letters, digits, dashes, underscores, dots and colons up to 100 characters', () => {
    expect(parseOrder(N(`<OrderType>orders</OrderType><OrderId>${'a'.repeat(100)}</OrderId>`)).orderId).toBe('a'.repeat(100))
    expect(parseOrder(N('<OrderType>orders</OrderType><OrderId>A_b-9.c:1</OrderId>')).orderId).toBe('A_b-9.c:1')
  })

  it.each([
    ['101 characters', 'a'.repeat(101)],
    ['a space', 'abc def'],
    ['a slash', '../etc/passwd'],
    ['a quote', "a'b"],
    ['non-ASCII', 'ordér'],
  ])('refuses an OrderId with %s', (_label, id) => {
    expectRefused(N(`<OrderType>orders</OrderType><OrderId>${id}</OrderId>`), 'invalid_field', 'OrderId')
  })
})

describe('parseNotification: bad input', () => {
  it('refuses malformed XML (unclosed tag)', () => {
    expectRefused(
      `<Notification>${ORDER}<Status>COMPLETE</Status>`,
      'malformed_xml',
      /at line 1, column \d+: the body ends before <Notification> is closed/,
    )
    expectRefused(
      N(`${ORDER}<Status>COMPLETE</Notification>`),
      'malformed_xml',
      /malformed XML at line 1, column \d+: Expected closing tag 'Status'/,
    )
  })

  it('reports the line of the error in a pretty-printed body', () => {
    const broken = readFixture('order-portins-foc.xml').replace('</Status>', '</Statu>')
    const error = parseErr(broken)
    expect(error.code).toBe('malformed_xml')
    expect(error.reason).toMatch(/line 7\b/)
  })

  it('refuses a body whose root is not <Notification> (a port-out validation request)', () => {
    expectRefused(
      readFixture('portout-validation-request-full.xml'),
      'unexpected_root',
      'expected a <Notification> root element, got <PortOutValidationRequest>',
    )
  })

  it.each(listFixtures('portout-validation-'))('refuses %s with unexpected_root', (file) => {
    expect(parseErr(readFixture(file)).code).toBe('unexpected_root')
  })

  it('refuses an order notification without OrderId', () => {
    expectRefused(N('<OrderType>portins</OrderType><Status>COMPLETE</Status>'), 'missing_field', 'order notification without OrderId')
    expectRefused(readFixture('order-portins-foc.xml').replace(/<OrderId>[^<]*<\/OrderId>/, ''), 'missing_field', 'without OrderId')
  })

  it('refuses an order notification with OrderId but without OrderType', () => {
    expectRefused(N(`<OrderId>${LIFECYCLE_ID}</OrderId><Status>COMPLETE</Status>`), 'missing_field', 'order notification without OrderType')
  })

  it('refuses a notification with neither OrderType/OrderId nor EventType', () => {
    expectRefused(
      N(
        '<SubscriptionId>s</SubscriptionId><Status>COMPLETE</Status><CompletedTelephoneNumbers><TelephoneNumber>9195550001</TelephoneNumber></CompletedTelephoneNumbers>',
      ),
      'missing_field',
      'neither OrderType/OrderId nor EventType',
    )
    expectRefused('<Notification/>', 'missing_field', 'neither')
    expectRefused('<Notification>just text</Notification>', 'missing_field', 'neither')
  })

  it('refuses a DOCTYPE with ENTITY declarations (billion laughs)', () => {
    const lolz =
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n' +
      ' <!ENTITY lol "lol">\n' +
      ' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n' +
      ' <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n' +
      ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n' +
      ']>\n' +
      N(`${ORDER}<Note>&lol3;</Note>`)
    expectRefused(lolz, 'forbidden_dtd', 'DOCTYPE and ENTITY declarations are not accepted')
  })

  it('refuses an external entity (XXE) pointing at a local file', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + N(`${ORDER}<Note>&xxe;</Note>`)
    const error = parseErr(xxe)
    expect(error.code).toBe('forbidden_dtd')
    expect(error.reason).toContain('DOCTYPE')
    expect(error.reason).not.toContain('root:')
  })

  it.each([
    ['lower-case doctype', '<!doctype Notification>' + N(ORDER)],
    ['bare DOCTYPE without entities', '<!DOCTYPE Notification SYSTEM "http://example.invalid/n.dtd">' + N(ORDER)],
    ['parameter entity', '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://example.invalid/p.dtd"> %p;]>' + N(ORDER)],
  ])('refuses any DTD: %s', (_label, xml) => {
    expect(parseErr(xml).code).toBe('forbidden_dtd')
  })

  it.each([
    ['__proto__', N(`${ORDER}<__proto__><Status>HACKED</Status></__proto__>`)],
    ['__proto__ self-closing', N(`${ORDER}<__proto__/>`)],
    ['constructor', N(`${ORDER}<constructor><prototype><Status>X</Status></prototype></constructor>`)],
    ['prototype', N(`${ORDER}<prototype>1</prototype>`)],
    ['__proto__ inside a number list', N(`${ORDER}<CompletedTelephoneNumbers><__proto__>1</__proto__></CompletedTelephoneNumbers>`)],
  ])('refuses an element named %s (forbidden_name)', (name, xml) => {
    const error = parseErr(xml)
    expect(error.code).toBe('forbidden_name')
    expect(error.reason).toContain(`element name "${name.split(' ')[0]}" is not accepted`)
    // and nothing leaked onto the prototype of plain objects
    expect(({} as Record<string, unknown>).Status).toBeUndefined()
  })

  it('refuses a duplicated Status element', () => {
    expectRefused(N(`${ORDER}<Status>FOC</Status><Status>COMPLETE</Status>`), 'invalid_field', 'Status appears more than once')
  })

  it.each([
    ['OrderId', `<OrderType>portins</OrderType><OrderId>a-1</OrderId><OrderId>a-2</OrderId>`],
    ['OrderType', `<OrderType>portins</OrderType><OrderType>orders</OrderType><OrderId>a-1</OrderId>`],
    ['Message', `${ORDER}<Message>one</Message><Message>two</Message>`],
    ['Note', `${ORDER}<Note>one</Note><Note>one</Note>`],
    [
      'LastModifiedDate',
      `${ORDER}<LastModifiedDate>2025-03-18T14:00:00Z</LastModifiedDate><LastModifiedDate>2025-03-18T15:00:00Z</LastModifiedDate>`,
    ],
    ['SubscriptionId', `<SubscriptionId>s1</SubscriptionId><SubscriptionId>s2</SubscriptionId>${ORDER}`],
    ['EventType', `<EventType>MESSAGING_LOST</EventType><EventType>MESSAGING_LOST</EventType>`],
  ])('refuses a duplicated %s element', (name, inner) => {
    expectRefused(N(inner), 'invalid_field', `${name} appears more than once`)
  })

  it('refuses a Status that contains child elements', () => {
    expectRefused(N(`${ORDER}<Status><Code>COMPLETE</Code></Status>`), 'invalid_field', 'Status must contain text, not elements')
    expectRefused(N(`${ORDER}<Status>COMPLETE<b/></Status>`), 'invalid_field', 'Status must contain text, not elements')
  })

  it('refuses a number list that is not made of TelephoneNumber text elements', () => {
    expectRefused(
      N(`${ORDER}<CompletedTelephoneNumbers>9195550001</CompletedTelephoneNumbers>`),
      'invalid_field',
      'CompletedTelephoneNumbers must contain TelephoneNumber elements',
    )
    expectRefused(
      N(`${ORDER}<CompletedTelephoneNumbers><TelephoneNumber><Digits>9195550001</Digits></TelephoneNumber></CompletedTelephoneNumbers>`),
      'invalid_field',
      'CompletedTelephoneNumbers/TelephoneNumber must contain text',
    )
    expectRefused(
      N('<EventType>MESSAGING_LOST</EventType><ImpactedTelephoneNumbers>x</ImpactedTelephoneNumbers>'),
      'invalid_field',
      'ImpactedTelephoneNumbers must contain TelephoneNumber elements',
    )
  })

  it('refuses an invalid LastModifiedDate ("yesterday")', () => {
    expectRefused(
      N(`${ORDER}<Status>FOC</Status><LastModifiedDate>yesterday</LastModifiedDate>`),
      'invalid_field',
      'LastModifiedDate is not an ISO-8601 timestamp',
    )
  })

  it('refuses an empty body', () => {
    const error = parseErr('')
    expect(error.code).toBe('malformed_xml')
    expect(error.reason).toContain('Start tag expected')
  })

  it('refuses a whitespace-only body', () => {
    expect(parseErr(' \n\t ').code).toBe('malformed_xml')
  })

  it('gives a reason without "undefined" in it when the body has no element at all', () => {
    for (const xml of ['', '   ', '<?xml version="1.0"?>', '<!-- only a comment -->']) {
      const error = parseErr(xml)
      expect(error.code).toBe('malformed_xml')
      expect(error.reason).not.toContain('undefined')
    }
  })

  it.each([
    ['plain text', 'hello world', "char 'h' is not expected"],
    ['JSON', '{"OrderId":"1"}', "char '{' is not expected"],
    ['form data', 'OrderType=portins&OrderId=1', "char 'O' is not expected"],
    ['HTML', '<html><body><p>hi<br></p></body></html>', 'malformed XML'],
  ])('refuses text that is not XML: %s', (_label, text, reason) => {
    expectRefused(text, 'malformed_xml', reason)
  })

  it('refuses two root elements', () => {
    const one = N(`${ORDER}<Status>FOC</Status>`)
    expectRefused(one + one, 'malformed_xml', 'Multiple possible root nodes found')
    expectRefused(one + '<Other/>', 'malformed_xml', /root/)
    expectRefused(one + 'trailing text', 'malformed_xml', 'Extra text at the end')
  })

  it('refuses two <Notification> roots when the second one is self-closing', () => {
    // must be a well-formedness error, not "a Notification with no fields"
    expectRefused(N(`${ORDER}<Status>FOC</Status>`) + '<Notification/>', 'malformed_xml', /root/)
  })

  it('refuses elements nested deeper than the parser allows', () => {
    const deep = N(`${ORDER}${'<a>'.repeat(40)}x${'</a>'.repeat(40)}`)
    expectRefused(deep, 'malformed_xml', 'Maximum nested tags exceeded')
  })

  it('accepts moderately nested unknown elements', () => {
    const nested = N(`${ORDER}${'<a>'.repeat(20)}x${'</a>'.repeat(20)}`)
    expect(parseOrder(nested).orderId).toBe(LIFECYCLE_ID)
  })
})

describe('parseNotification: never throws', () => {
  /** Deterministic pseudo-random generator (mulberry32) so a failure can be reproduced. */
  function rng(seed: number): () => number {
    let a = seed >>> 0
    return () => {
      a = (a + 0x6d2b79f5) >>> 0
      let t = a
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  const garbage: [string, string][] = [
    ['a single <', '<'],
    ['a single >', '>'],
    ['a single &', '&'],
    ['NUL', '\0'],
    ['lone surrogates', '\uD800\uDFFF\uDBFF'],
    ['only a closing tag', '</Notification>'],
    ['mismatched case', '<Notification></notification>'],
    ['angle soup', '<<<>>>'],
    ['empty tag name', '<></>'],
    ['unterminated comment', '<Notification><!-- '],
    ['unterminated CDATA', '<Notification><![CDATA['],
    ['unterminated PI', '<?xml version="1.0"'],
    ['attribute without value', '<Notification a=>'],
    ['unquoted attribute', '<Notification a=b></Notification>'],
    ['duplicate attribute', '<Notification a="1" a="2"></Notification>'],
    ['CDATA at top level', '<![CDATA[<Notification/>]]>'],
    ['10,000 nested <a>', '<a>'.repeat(10_000) + '</a>'.repeat(10_000)],
    ['10,000 unclosed <a>', '<a>'.repeat(10_000)],
    ['10,000 nested inside Notification', '<Notification>' + '<a>'.repeat(10_000) + '</a>'.repeat(10_000) + '</Notification>'],
    ['very long attribute', `<Notification a="${'x'.repeat(1_000_000)}"><Status>X</Status></Notification>`],
    ['very long attribute, unterminated', `<Notification a="${'x'.repeat(200_000)}`],
    ['very long tag name', `<${'N'.repeat(100_000)}/>`],
    ['many unknown siblings, no type', '<Notification>' + '<X>1</X>'.repeat(20_000) + '</Notification>'],
    ['entity bomb without DTD', N(`${ORDER}<Note>${'&lol;'.repeat(10_000)}`)],
    ['DTD hidden after whitespace', '\n\n<!DOCTYPE x [<!ENTITY a "b">]><Notification/>'],
  ]

  it.each(garbage)('returns {ok:false} for %s', (_label, input) => {
    let result: ReturnType<typeof parseNotification> | undefined
    expect(() => {
      result = parseNotification(input)
    }).not.toThrow()
    expect(result?.ok).toBe(false)
    if (result && !result.ok) {
      expect(typeof result.error.code).toBe('string')
      expect(typeof result.error.reason).toBe('string')
      expect(result.error.reason).not.toMatch(/[\r\n]/)
    }
  })

  it('returns {ok:false} for random bytes read as text', () => {
    const next = rng(0x5eed)
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(next() * 512)
      const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256))
      const text = Buffer.from(bytes).toString('latin1')
      const asUtf8 = new TextDecoder().decode(bytes)
      for (const input of [text, asUtf8, '<' + text]) {
        let result: ReturnType<typeof parseNotification> | undefined
        expect(() => {
          result = parseNotification(input)
        }, `input #${i}`).not.toThrow()
        expect(result?.ok, `input #${i}`).toBe(false)
      }
    }
  })

  it('never throws on XML-looking token soup (it may or may not parse)', () => {
    const tokens = [
      '<Notification>',
      '</Notification>',
      '<OrderType>',
      '</OrderType>',
      '<OrderId>',
      '</OrderId>',
      '<Status>',
      '</Status>',
      '<EventType>',
      '</EventType>',
      '<CompletedTelephoneNumbers>',
      '</CompletedTelephoneNumbers>',
      '<TelephoneNumber>',
      '</TelephoneNumber>',
      '<LastModifiedDate>',
      '</LastModifiedDate>',
      'portins',
      'abc-123',
      '2025-03-18T14:00:00Z',
      '9195550001',
      '&amp;',
      '&',
      '<',
      '>',
      '"',
      "'",
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '<?xml version="1.0"?>',
      ' ',
      '\n',
      '/>',
      '<a ',
      'x="1"',
    ]
    const next = rng(42)
    for (let i = 0; i < 2000; i++) {
      const count = 1 + Math.floor(next() * 30)
      const input = Array.from({ length: count }, () => tokens[Math.floor(next() * tokens.length)]).join('')
      let result: ReturnType<typeof parseNotification> | undefined
      expect(() => {
        result = parseNotification(input)
      }, input).not.toThrow()
      expect(typeof result?.ok, input).toBe('boolean')
    }
  })
})
