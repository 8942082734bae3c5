import { describe, expect, it } from 'vitest'
import { buildAlertMessage } from './build-alert-message'
import { maskAlertPayload, WITHHELD } from './mask-alert-payload'

describe('maskAlertPayload', () => {
  it('keeps numbers, masks CPNI, withholds secrets, at any depth', () => {
    const out = maskAlertPayload({
      telephoneNumber: '+19195550100',
      accountNumber: 'BAN-77310452',
      zipCode: '27609',
      subscriberName: 'Ada Lovelace',
      pin: '1234',
      nested: [{ password: 'hunter2', apiToken: 'tok', billingTelephoneNumber: '9195550199', name: 'Grace' }],
      kind: 'order.exception',
    })
    expect(out).toEqual({
      telephoneNumber: '+19195550100',
      accountNumber: '••••0452',
      zipCode: '••••09',
      subscriberName: '••••lace',
      pin: WITHHELD,
      nested: [{ password: WITHHELD, apiToken: WITHHELD, billingTelephoneNumber: '9195550199', name: '••••ce' }],
      kind: 'order.exception',
    })
  })

  it('masks CPNI and PINs inside free text and XML', () => {
    const text = maskAlertPayload('<AccountNumber>BAN-77310452</AccountNumber><Pin>4321</Pin> pin=9876 ok')
    expect(text).not.toContain('77310452')
    expect(text).not.toContain('4321')
    expect(text).not.toContain('9876')
    expect(text).toContain('ok')
  })

  it('an alert message carries no CPNI even when the detail has some', () => {
    const m = buildAlertMessage(
      {
        id: 'i1',
        kind: 'portout.denied',
        severity: 'warning',
        subjectKey: 'portout:r1',
        subjectLabel: 'port-out PON-1',
        state: 'open',
        count: 1,
        firstSeenAt: 'a',
        lastSeenAt: 'b',
        lastDetail: 'denied: <ZipCode>27609</ZipCode> pin: 1111',
        orderType: null,
      },
      'opened',
      'https://pw.example/',
    )
    expect(JSON.stringify(m)).not.toContain('27609')
    expect(JSON.stringify(m)).not.toContain('1111')
    expect(m.url).toBe('https://pw.example/attention?issue=i1')
    expect(m.title).toContain('Port-out denied')
  })
})
