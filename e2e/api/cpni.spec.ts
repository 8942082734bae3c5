// CPNI (account number, ZIP, subscriber name) through HTTP: no API response a viewer can get holds a clear
// value, operators get masked values too unless they reveal (each reveal audited, 403 for viewers), and the
// clear evidence CSV neutralises formulas (a winning carrier controls what the request says).
import type { APIRequestContext } from '@playwright/test'
import { buildPortoutValidationRequestXml } from '../../lib/bandwidth/build-portout-validation-request'
import { E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { emailFor, expect, test } from '../support/test'
import { basicAuth } from '../support/webhooks'

const RESPONDER = '/api/webhooks/bandwidth/portout-validation'

async function approvePolicy(operator: APIRequestContext, admin: APIRequestContext, summary: string, policy: unknown): Promise<void> {
  const proposed = await operator.post('/api/policy/proposals', { data: { summary, policy } })
  expect(proposed.status(), await proposed.text()).toBe(201)
  const { proposal } = await proposed.json()
  const decided = await admin.post(`/api/policy/proposals/${proposal.id}`, { data: { decision: 'approve', comment: 'e2e' } })
  expect(decided.status(), await decided.text()).toBe(200)
}

test('viewers never get CPNI in clear; operators reveal it on demand, audited; the clear CSV neutralises formulas', async ({
  request: admin,
  signInAs,
}) => {
  test.setTimeout(90_000)
  const suffix = String(Date.now()).slice(-4)
  const number = `907555${suffix}`
  const e164 = `+1${number}`
  // Distinctive values, and the fragments of them that must never show (they survive JSON and XML escaping).
  const record = { accountNumber: `QZX-REC-${suffix}71902`, zipCode: '99577', subscriberName: `Zephyrine Quillfeather ${suffix}` }
  const sent = {
    accountNumber: `QZX-REQ-${suffix}30156`,
    zipCode: '99599',
    subscriberName: '=HYPERLINK("http://evil.example/x","Click me")',
  }
  const clear = [record.accountNumber, sent.accountNumber, '99577', '99599', 'Zephyrine', 'Quillfeather', 'HYPERLINK', 'evil.example']
  const leaks = (text: string) => clear.filter((c) => text.includes(c))

  const operator = await signInAs('operator')
  const viewer = await signInAs('viewer')
  expect(
    (await operator.post('/api/subscribers', { data: { records: [{ telephoneNumber: number, pin: '4321', ...record }] } })).status(),
  ).toBe(200)

  // A policy whose denials tell Bandwidth the account, ZIP and name on file: the response XML carries the record's CPNI.
  const { active } = await (await admin.get('/api/policy/proposals')).json()
  const revealing = {
    ...active.policy,
    rules: [{ id: 'pin', kind: 'pin_match', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true }],
    reveal: { telephoneNumbers: true, accountNumber: true, zipCode: true, subscriberName: true },
  }
  await approvePolicy(operator, admin, `CPNI e2e ${suffix}`, revealing)
  try {
    const answered = await admin.post(RESPONDER, {
      data: buildPortoutValidationRequestXml({ pon: `CPNI-${suffix}`, pin: '9999', telephoneNumbers: [number], ...sent }),
      headers: {
        'Content-Type': 'application/xml',
        Authorization: basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password),
      },
    })
    expect(await answered.text()).toContain(`<AccountNumber>${record.accountNumber}</AccountNumber>`) // Bandwidth does get them
    const requestId = answered.headers()['x-portwatch-portout-request']
    const { deliveryId } = await (await admin.get(`/api/portouts/${requestId}`)).json()

    // Every response that carries CPNI, as a viewer and as an operator who has not revealed anything.
    const paths = [
      '/api/portouts?limit=50',
      `/api/portouts/${requestId}`,
      `/api/numbers/${number}`,
      '/api/deliveries?endpoint=portout-validation&limit=50',
      `/api/deliveries/${deliveryId}`,
      '/api/subscribers?limit=200',
      `/api/subscribers?q=${number}`,
      `/api/portouts/${requestId}/evidence?format=json`,
      `/api/portouts/${requestId}/evidence?format=csv`,
    ]
    for (const [who, ctx] of [
      ['viewer', viewer],
      ['operator', operator],
    ] as const) {
      for (const path of paths) {
        const res = await ctx.get(path)
        expect(res.status(), `${who} ${path}`).toBe(200)
        expect(leaks(await res.text()), `${who} ${path}`).toEqual([])
      }
    }
    const detail = await (await viewer.get(`/api/portouts/${requestId}`)).json()
    expect(detail.masked).toMatchObject({ accountNumber: '••••0156', zipCode: '••••99', subscriberName: '••••me")', pinGiven: true })
    expect(detail.responseXml).toContain('<AccountNumber>••••1902</AccountNumber>')
    const delivery = await (await viewer.get(`/api/deliveries/${deliveryId}`)).json()
    expect(delivery).toMatchObject({ cpniMasked: true })
    expect(delivery.body).toContain('<AccountNumber>••••0156</AccountNumber>')
    expect((await (await viewer.get(`/api/subscribers?q=${number}`)).json()).records).toMatchObject([
      { telephoneNumber: e164, cpni: 'masked', accountNumber: '••••1902', zipCode: '••••77', hasPin: true },
    ])

    // A viewer cannot search by account or name (that would spell a masked name out letter by letter); an operator can.
    for (const q of [record.accountNumber, 'Zephyrine']) {
      expect((await (await viewer.get(`/api/subscribers?q=${encodeURIComponent(q)}`)).json()).records, q).toEqual([])
      const found = (await (await operator.get(`/api/subscribers?q=${encodeURIComponent(q)}`)).json()).records
      expect(
        found.map((r: { telephoneNumber: string }) => r.telephoneNumber),
        q,
      ).toEqual([e164])
      expect(leaks(JSON.stringify(found))).toEqual([])
    }

    // Viewers may not reveal, in any form.
    for (const res of [
      await viewer.post(`/api/portouts/${requestId}/reveal`, { failOnStatusCode: false }),
      await viewer.post(`/api/portouts/${requestId}/evidence?format=csv`, { failOnStatusCode: false }),
      await viewer.post('/api/subscribers/reveal', { data: { telephoneNumber: number }, failOnStatusCode: false }),
    ]) {
      expect(res.status()).toBe(403)
      expect(leaks(await res.text())).toEqual([])
    }

    // An operator reveals the request, the record and the evidence; each reveal is one audit entry without the values.
    const revealed = await (await operator.post(`/api/portouts/${requestId}/reveal`)).json()
    expect(revealed).toMatchObject({ id: requestId, cpni: 'revealed', sent })
    expect(revealed.requestXml).toContain(`<AccountNumber>${sent.accountNumber}</AccountNumber>`)
    expect(revealed.requestXml).toContain('<Pin>(withheld)</Pin>')
    expect(revealed.responseXml).toContain(`<SubscriberName>${record.subscriberName}</SubscriberName>`)
    const revealedRecord = await operator.post('/api/subscribers/reveal', { data: { telephoneNumber: `(907) 555-${suffix}` } })
    expect(revealedRecord.headers()['cache-control']).toBe('no-store')
    expect((await revealedRecord.json()).record).toMatchObject({ telephoneNumber: e164, cpni: 'revealed', hasPin: true, ...record })
    expect(
      (await operator.post('/api/subscribers/reveal', { data: { telephoneNumber: '9075550000' }, failOnStatusCode: false })).status(),
    ).toBe(404)

    const csvRes = await operator.post(`/api/portouts/${requestId}/evidence?format=csv`)
    expect(csvRes.headers()['content-disposition']).toBe(`attachment; filename="portout-${requestId}-cpni.csv"`)
    const csv = await csvRes.text()
    const [header, row] = csv.split('\r\n')
    expect(header).toContain('"request_account","request_zip","request_name"')
    expect(row).toContain(`"${sent.accountNumber}"`)
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example/x"",""Click me"")"`)
    expect(row).toContain(`"${record.subscriberName}"`)
    // No cell a spreadsheet would run: every cell is quoted and none starts with = + - @.
    expect(csv).not.toMatch(/(^|,)"?[=+\-@\t\r]/m)
    const clearJson = await (await operator.post(`/api/portouts/${requestId}/evidence?format=json`)).json()
    expect(clearJson).toMatchObject({ cpni: 'revealed', request: sent, subscriberRecordsNow: [record] })

    const audit = await (await admin.get(`/api/audit?action=cpni.reveal&actor=${encodeURIComponent(emailFor('operator'))}&limit=10`)).json()
    expect(audit.entries.slice(0, 4).map((e: { target: string; after: { shown: string } }) => [e.target, e.after.shown])).toEqual([
      [`port-out request ${requestId}`, 'evidence export (json)'],
      [`port-out request ${requestId}`, 'evidence export (csv)'],
      [`subscriber ${e164}`, 'account number, ZIP code, subscriber name'],
      [`port-out request ${requestId}`, 'request fields, raw request and response'],
    ])
    expect(leaks(JSON.stringify(audit))).toEqual([])

    // Locking a whole account is audited with the account masked.
    expect((await operator.post('/api/subscribers/lock', { data: { accountNumber: record.accountNumber, locked: true } })).status()).toBe(
      200,
    )
    const lock = (await (await admin.get('/api/audit?action=subscribers.lock&limit=1')).json()).entries[0]
    expect(lock.target).toBe('account ••••1902')
    await operator.post('/api/subscribers/lock', { data: { accountNumber: record.accountNumber, locked: false } })
  } finally {
    await approvePolicy(operator, admin, `CPNI e2e ${suffix}: back`, active.policy)
  }
})
