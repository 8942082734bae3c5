// GET /api/metrics as Prometheus scrapes it: with an API token of the metrics:read scope (a subscribers:sync
// token is refused), each counter moving by exactly what this test sent, the queue read from the database,
// and nothing of what was sent (numbers, ids, usernames, PINs) in any label.
import { randomUUID } from 'node:crypto'
import type { APIRequestContext } from '@playwright/test'
import { askToPortOut, uniqueNumber } from '../support/portout'
import { expect, test } from '../support/test'
import { basicAuth, NOTIFICATIONS_URL, orderXml, postNotification } from '../support/webhooks'

/** One sample of the exposition text, or 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = (m[2] ?? '').split(',').filter(Boolean)
    if (wanted.every((w) => have.includes(w))) return Number(m[3])
  }
  return 0
}

async function createToken(request: APIRequestContext, scope: string): Promise<string> {
  const res = await request.post('/api/settings/api-tokens', { data: { name: `Prometheus ${randomUUID().slice(0, 6)}`, scope } })
  expect(res.status(), await res.text()).toBe(201)
  return ((await res.json()) as { token: string }).token
}

test('a scraper with a metrics:read token reads counters that move by exactly what happened, without a number or an id in them', async ({
  request,
  playwright,
  baseURL,
}) => {
  const token = await createToken(request, 'metrics:read')
  const syncToken = await createToken(request, 'subscribers:sync')
  const scraper = await playwright.request.newContext({ baseURL })
  try {
    const scrape = async (bearer = token) => {
      const res = await scraper.get('/api/metrics', { headers: { Authorization: `Bearer ${bearer}` }, failOnStatusCode: false })
      return { status: res.status(), type: res.headers()['content-type'], text: await res.text() }
    }
    const refused = await scrape(syncToken)
    expect(refused.status).toBe(401)
    expect(JSON.parse(refused.text).message).toMatch(/scope/)
    expect((await scraper.get('/api/metrics', { failOnStatusCode: false })).status()).toBe(401)

    const before = await scrape()
    expect(before.status).toBe(200)
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/)
    const tn = uniqueNumber()
    const order = orderXml({ status: 'SUBMITTED', tns: [tn] })
    expect((await postNotification(scraper, order.xml)).status()).toBe(200)
    expect((await postNotification(scraper, order.xml)).status()).toBe(200) // a duplicate
    expect((await postNotification(scraper, '<Notification><Status>')).status()).toBe(400)
    const wrong = await scraper.post(NOTIFICATIONS_URL, {
      data: order.xml,
      headers: { 'Content-Type': 'application/xml', Authorization: basicAuth('metrics-intruder', 'nope') },
      failOnStatusCode: false,
    })
    expect(wrong.status()).toBe(401)
    const pin = '4821'
    const answer = await askToPortOut(scraper, {
      pon: `PON-${randomUUID().slice(0, 8)}`,
      telephoneNumbers: [tn],
      accountNumber: 'ACCT-METRICS-77',
      pin,
      zipCode: '27601',
      subscriberName: 'Metrics Hardware',
    })
    expect(answer).toContain('<Portable>')
    const after = await scrape()
    expect(after.status).toBe(200)

    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after.text, name, labels) - sample(before.text, name, labels)
    const received = 'portwatch_notifications_received_total'
    expect(delta(received, { source: 'webhook', kind: 'portins', outcome: 'accepted' })).toBe(1)
    expect(delta(received, { source: 'webhook', kind: 'portins', outcome: 'duplicate' })).toBe(1)
    expect(delta(received, { source: 'webhook', kind: 'unreadable', outcome: 'rejected' })).toBe(1)
    expect(delta('portwatch_notification_acknowledge_seconds_count', { status: '200' })).toBe(2)
    expect(delta('portwatch_notification_acknowledge_seconds_count', { status: '400' })).toBe(1)
    expect(delta('portwatch_webhook_auth_failures_total', { endpoint: 'notifications', credentials: 'wrong' })).toBe(1)
    expect(delta('portwatch_portout_decisions_total', { kind: 'decided', result: 'portable' })).toBe(1)
    expect(delta('portwatch_portout_answer_seconds_count', { kind: 'decided' })).toBe(1)
    // The queue comes from the database: every state is a series, whatever this process has done.
    for (const state of ['pending', 'running', 'retrying', 'dead'])
      expect(after.text).toMatch(new RegExp(`^portwatch_jobs\\{state="${state}"\\} \\d+$`, 'm'))
    expect(after.text).toMatch(/^portwatch_job_oldest_due_seconds \d+$/m)
    expect(after.text).toMatch(/^portwatch_process_resident_memory_bytes \d+/m)

    const labels = [...after.text.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).join('\n')
    for (const secret of [tn, order.orderId, 'metrics-intruder', 'ACCT-METRICS-77', '27601', 'Metrics Hardware', pin])
      expect(labels, secret).not.toContain(secret)
    for (const secret of [token, syncToken]) expect(after.text).not.toContain(secret)
  } finally {
    await scraper.dispose()
  }
})
