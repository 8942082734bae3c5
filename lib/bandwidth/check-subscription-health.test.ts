import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { checkSubscriptionHealth, isDeliveryFailing } from './check-subscription-health'
import { parseSubscriptions, type BandwidthSubscription } from './parse-api-response'

const URL_ = 'https://dash.example.net/api/bandwidth/notifications'
const x = {
  orderTypes: ['portins', 'orders'],
  eventTypes: ['MESSAGING_LOST'],
  callbackUrl: URL_,
  currentUsername: 'bw-webhook',
  previousUsername: 'bw-old',
}
const sub = (
  id: string,
  over: Partial<BandwidthSubscription> = {},
  cb: Partial<NonNullable<BandwidthSubscription['callback']>> = {},
): BandwidthSubscription => ({
  subscriptionId: id,
  orderType: 'portins',
  callback: { url: URL_, expiry: '31536000', status: '200 OK', username: 'bw-webhook', ...cb },
  ...over,
})

describe('checkSubscriptionHealth', () => {
  it('reads the fixture: orders healthy, portins missing (only a single-order one), the event without credentials, the email one stray', () => {
    const r = parseSubscriptions(readFixture('api/subscriptions-list-response.xml'))
    if (!r.ok) throw new Error(r.error.reason)
    const items = checkSubscriptionHealth(r.value.subscriptions, x)
    expect(items.find((i) => i.orderType === 'orders' && !i.stray)).toMatchObject({
      healthy: true,
      problems: [],
      expiresInDays: 364,
      lastStatus: '200 OK',
      pair: 'current',
    })
    expect(items.find((i) => i.orderType === 'portins' && !i.stray)).toEqual({
      orderType: 'portins',
      healthy: false,
      problems: ['missing'],
    })
    expect(items.find((i) => i.eventType === 'MESSAGING_LOST')).toMatchObject({
      healthy: false,
      problems: ['credentials_missing'],
      pair: 'none',
    })
    const single = items.find((i) => i.orderId)
    expect(single).toMatchObject({ stray: true, problems: ['credentials_missing', 'expiring', 'delivery_failing'], expiresInDays: 27 })
    expect(items.find((i) => i.orderType === 'portouts')).toMatchObject({ stray: true, problems: ['url_mismatch'] })
  })

  it('finds a URL pointing elsewhere, a foreign pair, the previous pair, and duplicates (the best one kept as the main item)', () => {
    const items = checkSubscriptionHealth(
      [
        sub('elsewhere', {}, { url: 'https://old.example.net/hook' }),
        sub('good'),
        sub('o1', { orderType: 'orders' }, { username: 'someone-else' }),
        sub('e1', { orderType: undefined, eventType: 'MESSAGING_LOST' }, { username: 'bw-old', status: 'READY' }),
      ],
      x,
    )
    const portins = items.filter((i) => i.orderType === 'portins')
    expect(portins.map((i) => [i.subscriptionId, i.problems])).toEqual([
      ['good', []],
      ['elsewhere', ['url_mismatch', 'duplicate']],
    ])
    expect(items.find((i) => i.subscriptionId === 'o1')).toMatchObject({ problems: ['credentials_mismatch'], pair: 'other' })
    expect(items.find((i) => i.subscriptionId === 'e1')).toMatchObject({ healthy: true, pair: 'previous' })
  })

  it('matches order types in any spelling and does not check the URL when ours is unknown', () => {
    const items = checkSubscriptionHealth([sub('p', { orderType: 'PortIns' }, { url: 'https://anything.test/' })], {
      ...x,
      callbackUrl: undefined,
      orderTypes: ['portins'],
      eventTypes: [],
    })
    expect(items).toMatchObject([{ orderType: 'portins', subscriptionId: 'p', healthy: true }])
  })

  it('READY and 2xx are fine; 401, 500 and free text are failing', () => {
    expect([undefined, 'READY', '200 OK', '202'].map(isDeliveryFailing)).toEqual([false, false, false, false])
    expect(['401 Unauthorized', '500 Internal Server Error', 'Connection failed'].map(isDeliveryFailing)).toEqual([true, true, true])
  })
})
