import { expect, test } from '../support/test'
import { basicAuth, fixture, fixtureNames, NOTIFICATIONS_URL, orderXml, postNotification } from '../support/webhooks'

test.describe('notifications receiver', () => {
  test('challenges a request without credentials and stores nothing of it', async ({ request }) => {
    const { orderId, xml } = orderXml({ status: 'SUBMITTED' })
    const before = await (await request.get('/api/deliveries?limit=200')).json()

    const first = await request.post(NOTIFICATIONS_URL, {
      data: xml,
      headers: { 'Content-Type': 'application/xml' },
      failOnStatusCode: false,
    })
    expect(first.status()).toBe(401)
    expect(first.headers()['www-authenticate']).toMatch(/^Basic realm="portwatch"/)
    const wrong = await request.post(NOTIFICATIONS_URL, {
      data: xml,
      headers: { 'Content-Type': 'application/xml', Authorization: basicAuth('e2e-bandwidth', 'wrong') },
      failOnStatusCode: false,
    })
    expect(wrong.status()).toBe(401)
    expect(wrong.headers()['www-authenticate']).toMatch(/^Basic /)

    expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(404)
    const after = await (await request.get('/api/deliveries?limit=200')).json()
    expect(after.deliveries.length).toBe(before.deliveries.length)

    // Bandwidth repeats the same body with credentials after the challenge.
    const repeat = await postNotification(request, xml)
    expect(repeat.status()).toBe(200)
    expect((await (await request.get(`/api/orders/${orderId}`)).json()).order.status).toBe('SUBMITTED')
  })

  test('accepts and normalizes every sample order notification', async ({ request }) => {
    for (const name of fixtureNames('order-')) {
      const xml = fixture(name)
      const res = await postNotification(request, xml)
      expect(res.status(), name).toBe(200)
      const orderId = /<OrderId>([^<]+)<\/OrderId>/.exec(xml)![1]
      const body = await (await request.get(`/api/orders/${orderId}`)).json()
      const step = body.timeline.find((s: { id: string }) => s.id === res.headers()['x-portwatch-notification'])
      expect(step, name).toBeTruthy()
      expect(step.orderType, name).toBe(/<OrderType>([^<]+)<\/OrderType>/.exec(xml)![1])
      expect(step.status, name).toBe(/<Status>([^<]+)<\/Status>/.exec(xml)?.[1].toUpperCase() ?? null)
      expect(step.numbers, name).toEqual([...xml.matchAll(/<TelephoneNumber>([^<]+)<\/TelephoneNumber>/g)].map((m) => m[1]))
      expect(step.rawXml, name).toBe(xml)
      const message = /<Message>([^<]+)<\/Message>/.exec(xml)?.[1] ?? null
      expect(step.message, name).toBe(message)
      expect(step.errorCode, name).toBe(message && /^(\d{3,6}):/.test(message) ? message.split(':')[0] : null)
    }
  })

  test('accepts every sample event, with either number list name', async ({ request }) => {
    for (const name of fixtureNames('event-')) {
      const xml = fixture(name)
      const res = await postNotification(request, xml)
      expect(res.status(), name).toBe(200)
      const numbers = [...xml.matchAll(/<TelephoneNumber>([^<]+)<\/TelephoneNumber>/g)].map((m) => m[1])
      const page = await (await request.get(`/api/events?kind=event&number=${encodeURIComponent(numbers[0])}`)).json()
      const event = page.notifications.find((n: { id: string }) => n.id === res.headers()['x-portwatch-notification'])
      expect(event, name).toMatchObject({ kind: 'event', eventType: 'MESSAGING_LOST', numbers })
    }
  })

  test('tolerates text/xml, a missing content type, a BOM and pretty or compact layout', async ({ request, baseURL }) => {
    const { orderId, xml } = orderXml({ status: 'FOC', lmd: '2025-06-01T10:00:00.000Z' })
    expect((await postNotification(request, xml, { 'Content-Type': 'text/xml' })).status()).toBe(200)
    // fetch sends a byte body with no Content-Type header at all.
    const noType = orderXml({ status: 'FOC' })
    const res = await fetch(new URL(NOTIFICATIONS_URL, baseURL), {
      method: 'POST',
      body: new TextEncoder().encode(noType.xml),
      headers: { Authorization: basicAuth() },
    })
    expect(res.status).toBe(200)
    expect((await (await request.get(`/api/orders/${noType.orderId}`)).json()).order.status).toBe('FOC')
    const bom = orderXml({ status: 'COMPLETE' })
    expect((await postNotification(request, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bom.xml)]))).status()).toBe(200)
    expect((await (await request.get(`/api/orders/${bom.orderId}`)).json()).order.status).toBe('COMPLETE')
    expect((await (await request.get(`/api/orders/${orderId}`)).json()).order.status).toBe('FOC')
  })

  test('answers 200 to sequential and concurrent duplicates and keeps one timeline entry', async ({ request }) => {
    const { orderId, xml } = orderXml({ status: 'EXCEPTION', lmd: '2025-06-02T10:00:00.000Z' })
    const responses = await Promise.all(Array.from({ length: 8 }, () => postNotification(request, xml)))
    responses.push(await postNotification(request, xml))
    expect(responses.map((r) => r.status())).toEqual(Array(9).fill(200))
    expect(responses.filter((r) => r.headers()['x-portwatch-outcome'] === 'accepted')).toHaveLength(1)
    const order = await (await request.get(`/api/orders/${orderId}`)).json()
    expect(order.timeline).toHaveLength(1)
    const dups = await (await request.get('/api/deliveries?outcome=duplicate&limit=200')).json()
    const ids = responses.filter((r) => r.headers()['x-portwatch-outcome'] === 'duplicate').map((r) => r.headers()['x-portwatch-delivery'])
    for (const id of ids) expect(dups.deliveries.map((d: { id: string }) => d.id)).toContain(id)
  })

  test('orders the timeline by LastModifiedDate and never regresses the status', async ({ request }) => {
    const orderId = orderXml().orderId
    const steps = [
      { status: 'COMPLETE', lmd: '2025-07-04T12:00:00.000Z' },
      { status: 'PENDING_DOCUMENTS', lmd: '2025-07-01T12:00:00.000Z' },
      { status: 'FOC', lmd: '2025-07-03T12:00:00.000Z' },
      { status: 'SUBMITTED', lmd: '2025-07-02T12:00:00.000Z' },
    ]
    for (const s of steps) expect((await postNotification(request, orderXml({ orderId, ...s }).xml)).status()).toBe(200)
    const body = await (await request.get(`/api/orders/${orderId}`)).json()
    expect(body.order.status).toBe('COMPLETE')
    expect(body.timeline.map((s: { status: string }) => s.status)).toEqual(['PENDING_DOCUMENTS', 'SUBMITTED', 'FOC', 'COMPLETE'])
    expect(body.timeline.map((s: { sincePreviousStatusMs: number | null }) => s.sincePreviousStatusMs)).toEqual([
      null,
      86_400_000,
      86_400_000,
      86_400_000,
    ])
  })

  test.describe('bad input: a 4xx with a one-line reason, kept in the deliveries log', () => {
    const cases: { name: string; body: string | Buffer; status: number; reason: RegExp; headers?: Record<string, string> }[] = [
      {
        name: 'malformed XML',
        body: '<Notification><OrderId>x</Notification>',
        status: 400,
        reason: /(^|^400 )malformed XML at line 1, column 25: Expected closing tag 'OrderId' \(opened at line 1, column 15\)/,
      },
      {
        // A BOM, then a pretty-printed CRLF body: the position is the one an editor shows (line 3, column 14).
        name: 'malformed XML after a BOM, with CRLF line ends',
        body: Buffer.from('\uFEFF<?xml version="1.0"?>\r\n<Notification>\r\n  <Status>FOC</Stat>\r\n</Notification>\r\n', 'utf8'),
        status: 400,
        reason: /(^|^400 )malformed XML at line 3, column 14: Expected closing tag 'Status' \(opened at line 3, column 3\)/,
      },
      {
        name: 'a body cut short',
        body: '<Notification>\n  <OrderType>portins</OrderType>\n  <Status>FO',
        status: 400,
        reason: /(^|^400 )malformed XML at line 3, column 13: the body ends before <Status> is closed/,
      },
      {
        name: 'wrong root element',
        body: fixture('portout-validation-request-full.xml'),
        status: 400,
        reason: /expected a <Notification> root element/,
      },
      {
        name: 'order without OrderId',
        body: '<Notification><OrderType>portins</OrderType><Status>FOC</Status></Notification>',
        status: 400,
        reason: /without OrderId/,
      },
      { name: 'invalid UTF-8', body: Buffer.from([0x3c, 0x4e, 0x3e, 0xc3, 0x28, 0xff]), status: 400, reason: /not valid UTF-8/ },
      {
        name: 'DOCTYPE with entities',
        body: '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Notification><Note>&lol2;</Note></Notification>',
        status: 400,
        reason: /DOCTYPE and ENTITY/,
      },
      {
        name: 'external entity',
        body: '<?xml version="1.0"?><!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]><Notification><Note>&x;</Note></Notification>',
        status: 400,
        reason: /DOCTYPE and ENTITY/,
      },
      {
        name: '__proto__ element',
        body: '<Notification><__proto__><polluted>1</polluted></__proto__><EventType>MESSAGING_LOST</EventType></Notification>',
        status: 400,
        reason: /__proto__/,
      },
      {
        name: 'JSON content type',
        body: '{"OrderId":"x"}',
        status: 415,
        reason: /Content-Type must be application\/xml/,
        headers: { 'Content-Type': 'application/json' },
      },
      { name: 'empty body', body: '', status: 400, reason: /empty/ },
    ]
    for (const c of cases) {
      test(c.name, async ({ request }) => {
        const res = await postNotification(request, c.body, c.headers)
        expect(res.status()).toBe(c.status)
        const text = await res.text()
        expect(text).toMatch(c.reason)
        expect(text.trim().split('\n')).toHaveLength(1)
        const log = await (await request.get('/api/deliveries?outcome=rejected&limit=50')).json()
        const kept = log.deliveries.find((d: { id: string }) => d.id === res.headers()['x-portwatch-delivery'])
        expect(kept).toMatchObject({ outcome: 'rejected', httpStatus: c.status })
        expect(kept.reason).toMatch(c.reason)
        expect((await request.get('/api/health')).status()).toBe(200)
      })
    }

    test('a body over the size limit gets 413 and its first bytes are kept', async ({ request }) => {
      const big = `<Notification><Note>${'x'.repeat(2 * 1024 * 1024 + 10)}</Note></Notification>`
      const res = await postNotification(request, big)
      expect(res.status()).toBe(413)
      expect(await res.text()).toMatch(/larger than the 2097152-byte limit/)
      const log = await (await request.get('/api/deliveries?outcome=rejected&limit=50')).json()
      expect(log.deliveries.map((d: { id: string }) => d.id)).toContain(res.headers()['x-portwatch-delivery'])
      const kept = await (await request.get(`/api/deliveries/${res.headers()['x-portwatch-delivery']}`)).json()
      expect(kept.bodyTruncated).toBe(true)
      expect(kept.body.startsWith('<Notification><Note>xxx')).toBe(true)
      expect(kept.body.length).toBeLessThanOrEqual(64 * 1024)
      expect(kept.bodySize).toBeGreaterThan(2 * 1024 * 1024)
    })
  })

  test('the read API refuses bad parameters with a reason', async ({ request }) => {
    for (const [url, reason] of [
      ['/api/events?kind=bogus', /kind/],
      ['/api/orders?limit=0', /limit/],
      ['/api/orders?cursor=nonsense', /cursor/],
      ['/api/orders?from=yesterday', /from/],
      ['/api/deliveries?outcome=maybe', /outcome/],
      ['/api/numbers/not-a-number', /not a telephone number/],
    ] as const) {
      const res = await request.get(url)
      expect(res.status(), url).toBe(400)
      expect((await res.json()).message, url).toMatch(reason)
    }
    expect((await request.get('/api/orders/00000000-0000-0000-0000-000000000000')).status()).toBe(404)
  })

  test('finds a number in three formats', async ({ request }) => {
    const tn = `919555${String(Date.now()).slice(-4)}`
    const { orderId, xml } = orderXml({ type: 'orders', status: 'COMPLETE', tns: [tn] })
    expect((await postNotification(request, xml)).status()).toBe(200)
    for (const form of [tn, `+1${tn}`, `(${tn.slice(0, 3)}) ${tn.slice(3, 6)}-${tn.slice(6)}`]) {
      const body = await (await request.get(`/api/numbers/${encodeURIComponent(form)}`)).json()
      expect(body.e164, form).toBe(`+1${tn}`)
      expect(
        body.orders.map((o: { orderId: string }) => o.orderId),
        form,
      ).toEqual([orderId])
      const search = await (await request.get(`/api/orders?q=${encodeURIComponent(form)}`)).json()
      expect(
        search.orders.map((o: { orderId: string }) => o.orderId),
        form,
      ).toEqual([orderId])
    }
  })
})
