// The port-out responder through HTTP: auth, allow, denials by an approved policy, Bandwidth's
// retries answered identically across a policy change, unreadable requests answered with the fallback.
import { buildPortoutValidationRequestXml } from '../../lib/bandwidth/build-portout-validation-request'
import { E2E_PORTOUT_CREDENTIALS } from '../../playwright.config'
import { expect, test } from '../support/test'
import { basicAuth, fixture } from '../support/webhooks'

const URL_PATH = '/api/webhooks/bandwidth/portout-validation'
const auth = basicAuth(E2E_PORTOUT_CREDENTIALS.username, E2E_PORTOUT_CREDENTIALS.password)
const canonical = (xml: string) =>
  xml
    .replace(/<\?xml[^>]*\?>/, '')
    .replace(/>\s+</g, '><')
    .trim()

const povXml = (o: { pon: string; pin?: string; account?: string; numbers: string[] }) =>
  buildPortoutValidationRequestXml({ pon: o.pon, pin: o.pin, accountNumber: o.account, telephoneNumbers: o.numbers })

test('challenges without credentials, and accepts credentials sent without a challenge', async ({ request }) => {
  const body = fixture('portout-validation-request-minimal-tns-only.xml')
  const anonymous = await request.post(URL_PATH, {
    data: body,
    headers: { 'Content-Type': 'application/xml', Authorization: '' },
    failOnStatusCode: false,
  })
  expect(anonymous.status()).toBe(401)
  expect(anonymous.headers()['www-authenticate']).toMatch(/^Basic realm=/)
  const wrongPair = await request.post(URL_PATH, {
    data: body,
    headers: { 'Content-Type': 'application/xml', Authorization: basicAuth() },
    failOnStatusCode: false,
  })
  expect(wrongPair.status(), 'the notifications pair must not open the port-out responder').toBe(401)
  const res = await request.post(URL_PATH, { data: body, headers: { 'Content-Type': 'application/xml', Authorization: auth } })
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toMatch(/^application\/xml/)
  // The admin sees this pair, apart from the notifications pair, on the settings API.
  const revealed = await (await request.post('/api/settings/credentials/reveal?endpoint=portout')).json()
  expect(revealed).toMatchObject({ source: 'environment', current: E2E_PORTOUT_CREDENTIALS })
  const settings = await (await request.get('/api/settings')).json()
  expect(settings.portoutCredentials).toMatchObject({ source: 'environment', username: E2E_PORTOUT_CREDENTIALS.username })
  expect(settings.webhookUrls.portoutValidation).toMatch(/\/api\/webhooks\/bandwidth\/portout-validation$/)
})

test('answers by the approved policy, repeats its answer to retries, and falls back on unreadable requests', async ({
  request,
  signInAs,
}) => {
  test.setTimeout(60_000)
  const suffix = String(Date.now()).slice(-3)
  const known = [`919555${suffix}1`, `919555${suffix}2`]
  const operator = await signInAs('operator')
  const viewer = await signInAs('viewer')

  // Subscriber records: operators may write them, viewers may not.
  const records = known.map((n) => ({
    telephoneNumber: n,
    accountNumber: `ACCT-${suffix}`,
    pin: '0048',
    zipCode: '27609',
    subscriberName: 'Oak City Dental LLC',
    tags: ['business'],
  }))
  expect((await viewer.post('/api/subscribers', { data: { records }, failOnStatusCode: false })).status()).toBe(403)
  expect((await operator.post('/api/subscribers', { data: { records } })).status()).toBe(200)
  const listed = await (await viewer.get(`/api/subscribers?q=${known[0]}`)).json()
  expect(listed.records[0]).toMatchObject({ telephoneNumber: `+1${known[0]}`, hasPin: true })
  expect(JSON.stringify(listed)).not.toContain('0048')

  // A request answered before the policy changes…
  const post = (xml: string) =>
    request.post(URL_PATH, { data: xml, headers: { 'Content-Type': 'application/xml; charset=utf-8', Authorization: auth } })
  const early = povXml({ pon: `EARLY-${suffix}`, pin: '9999', numbers: [known[0]] })
  const before = await post(early)
  const beforeXml = await before.text()

  // …then an operator proposes rules; the proposer cannot approve, another admin can.
  const { active } = await (await request.get('/api/policy/proposals')).json()
  const policy = {
    ...active.policy,
    rules: [
      { id: 'pin', kind: 'pin_match', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true },
      { id: 'known', kind: 'number_known', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true },
      { id: 'zip-watch', kind: 'zip_required', params: {}, scope: { type: 'all' }, mode: 'monitor', enabled: true },
    ],
  }
  const proposed = await operator.post('/api/policy/proposals', { data: { summary: 'Require the PIN and known numbers', policy } })
  expect(proposed.status()).toBe(201)
  const { proposal } = await proposed.json()
  expect(
    (
      await operator.post(`/api/policy/proposals/${proposal.id}`, {
        data: { decision: 'approve', comment: 'mine' },
        failOnStatusCode: false,
      })
    ).status(),
  ).toBe(403)
  const approved = await request.post(`/api/policy/proposals/${proposal.id}`, {
    data: { decision: 'approve', comment: 'checked with fraud team' },
  })
  expect(approved.status()).toBe(200)
  const version = (await approved.json()).proposal.resultingVersion
  expect(version).toBe(active.version + 1)

  // Bandwidth's retry of the early request gets the identical answer, although the policy changed.
  const retry = await post(early)
  expect(retry.headers()['x-portwatch-portout']).toBe('retry')
  expect(await retry.text()).toBe(beforeXml)
  const log = await (await request.get('/api/portouts?limit=50')).json()
  const earlyRow = log.requests.find((r: { pon: string }) => r.pon === `EARLY-${suffix}`)
  expect(earlyRow).toMatchObject({ attempts: 2, policyVersion: active.version })

  // Wrong PIN → 7513; the PIN with its leading zeros → allowed; an unknown number → 7516 with only the known one acceptable.
  const wrongPin = canonical(await (await post(povXml({ pon: `WRONG-${suffix}`, pin: '48', numbers: known }))).text())
  expect(wrongPin).toContain('<Portable>false</Portable>')
  expect(wrongPin).toContain('<Code>7513</Code>')
  expect(wrongPin).not.toContain('0048')
  const right = canonical(await (await post(povXml({ pon: `RIGHT-${suffix}`, pin: '0048', numbers: known }))).text())
  expect(right).toBe(`<PortOutValidationResponse><Portable>true</Portable><PON>RIGHT-${suffix}</PON></PortOutValidationResponse>`)
  const unknown = `919555${suffix}9`
  const partly = canonical(await (await post(povXml({ pon: `UNKNOWN-${suffix}`, pin: '0048', numbers: [known[0], unknown] }))).text())
  expect(partly).toContain('<Code>7516</Code>')
  expect(partly).toContain(
    `<AcceptableValues><TelephoneNumbers><TelephoneNumber>${known[0]}</TelephoneNumber></TelephoneNumbers></AcceptableValues>`,
  )
  const row = (await (await request.get('/api/portouts?limit=50')).json()).requests.find(
    (r: { pon: string }) => r.pon === `UNKNOWN-${suffix}`,
  )
  expect(row).toMatchObject({ portable: false, errorCodes: ['7516'], policyVersion: version })
  // The raw log keeps the request, but never the PIN.
  const raw = await (await request.get(`/api/deliveries/${row.deliveryId}`)).json()
  expect(raw.body).toContain(`<PON>UNKNOWN-${suffix}</PON>`)
  expect(raw.body).toContain('<Pin>(withheld)</Pin>')
  expect(raw.body).not.toContain('0048')
  // The monitor-mode rule is recorded as "would have denied" without changing the answer.
  const rightRow = (await (await request.get('/api/portouts?limit=50')).json()).requests.find(
    (r: { pon: string }) => r.pon === `RIGHT-${suffix}`,
  )
  expect(rightRow.decision.monitored.map((m: { ruleId: string }) => m.ruleId)).toEqual(['zip-watch'])

  // The number page shows the requests for that number.
  const number = await (await request.get(`/api/numbers/${unknown}`)).json()
  expect(number.portoutRequests.map((r: { pon: string }) => r.pon)).toEqual([`UNKNOWN-${suffix}`])

  // Unreadable: answered 200 with the approved fallback (default: Portable=false, 7598), and recorded with the reason.
  for (const bad of ['<PortOutValidationRequest><PON>X</PON></PortOutValidationRequest>', '<PortOutValidationRequest><PON>', 'not xml']) {
    const res = await post(bad)
    expect(res.status()).toBe(200)
    expect(res.headers()['x-portwatch-portout']).toBe('fallback')
    const xml = canonical(await res.text())
    expect(xml).toContain('<Portable>false</Portable>')
    expect(xml).toContain('<Code>7598</Code>')
  }
  const fallbacks = (await (await request.get('/api/portouts?limit=10')).json()).requests.filter(
    (r: { fallbackReason: string | null }) => r.fallbackReason,
  )
  expect(fallbacks.length).toBeGreaterThanOrEqual(3)

  // Put the policy back so other tests see the default.
  const reset = await operator.post('/api/policy/proposals', { data: { summary: 'Back to no rules', policy: { ...policy, rules: [] } } })
  await request.post(`/api/policy/proposals/${(await reset.json()).proposal.id}`, {
    data: { decision: 'approve', comment: 'test cleanup' },
  })
})

test('CSV import previews per-row errors and commits all or nothing; backtest and evidence export', async ({ request, signInAs }) => {
  test.setTimeout(60_000)
  const operator = await signInAs('operator')
  const suffix = String(Date.now()).slice(-3)
  const a = `704555${suffix}1`
  const b = `704555${suffix}2`
  const bad = `telephone_number,account_number,pin,zip_code,subscriber_name,status,tags\n${a},ACC-${suffix},0007,28202,"Queen City Bakery, Inc",active,retail|vip\nnot-a-number,ACC-${suffix},12,,,,\n`
  const csv = (body: string, commit: boolean) =>
    operator.post(`/api/subscribers/import?commit=${commit}`, { data: body, headers: { 'Content-Type': 'text/csv' } })

  const refused = await (await csv(bad, true)).json()
  expect(refused.committed).toBe(false)
  expect(refused.errors).toEqual([
    { line: 3, column: 'telephone_number', reason: '"not-a-number" is not a telephone number' },
    { line: 3, column: 'pin', reason: 'PIN must be 4 to 10 digits' },
  ])
  expect((await (await request.get(`/api/subscribers?q=${a}`)).json()).records).toEqual([]) // nothing was written

  const good = bad.replace(/not-a-number,.*\n/, `${b},ACC-${suffix},,,,inactive,\n`)
  const preview = await (await csv(good, false)).json()
  expect(preview).toMatchObject({ rows: 2, errors: [], committed: false })
  expect(preview.preview[0]).toMatchObject({
    telephoneNumber: `+1${a}`,
    subscriberName: '•••• Inc', // CPNI masked, like on every screen
    tags: ['retail', 'vip'],
    hasPin: true,
  })
  expect(JSON.stringify(preview)).not.toContain('0007')
  expect(JSON.stringify(preview)).not.toContain('Queen City')
  const done = await (await csv(good, true)).json()
  expect(done).toMatchObject({ committed: true, created: 2, updated: 0 })
  const stored = (await (await request.get(`/api/subscribers?q=ACC-${suffix}`)).json()).records
  expect(stored.map((r: { telephoneNumber: string; status: string }) => [r.telephoneNumber, r.status])).toEqual([
    [`+1${a}`, 'active'],
    [`+1${b}`, 'inactive'],
  ])

  // A request answered under the current policy, then a proposal that would deny inactive numbers: the backtest shows the change.
  const pov = povXml({ pon: `BT-${suffix}`, pin: '0007', numbers: [b] })
  const answered = await request.post(URL_PATH, { data: pov, headers: { 'Content-Type': 'application/xml', Authorization: auth } })
  const requestId = answered.headers()['x-portwatch-portout-request']
  const { active } = await (await request.get('/api/policy/proposals')).json()
  const { proposal } = await (
    await operator.post('/api/policy/proposals', {
      data: {
        summary: 'Deny inactive numbers',
        policy: {
          ...active.policy,
          rules: [{ id: 'active', kind: 'number_active', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true }],
        },
      },
    })
  ).json()
  const backtest = await (await request.get(`/api/policy/proposals/${proposal.id}/backtest`)).json()
  const change = backtest.changes.find((ch: { requestId: string }) => ch.requestId === requestId)
  expect(change).toMatchObject({
    pon: `BT-${suffix}`,
    actual: { portable: true, errorCodes: [] },
    proposed: { portable: false, errorCodes: ['7518'] },
  })
  expect(backtest.compared).toBeGreaterThanOrEqual(backtest.changed)
  await request.post(`/api/policy/proposals/${proposal.id}`, { data: { decision: 'reject', comment: 'backtest only' } })

  // Evidence export: JSON and CSV, the PIN withheld.
  const json = await request.get(`/api/portouts/${requestId}/evidence?format=json`)
  expect(json.headers()['content-disposition']).toBe(`attachment; filename="portout-${requestId}.json"`)
  const evidence = await json.json()
  expect(evidence).toMatchObject({ request: { id: requestId, pon: `BT-${suffix}`, numbers: [`+1${b}`] }, answer: { portable: true } })
  expect(evidence.rawRequest).toContain('<Pin>(withheld)</Pin>')
  expect(JSON.stringify(evidence)).not.toContain('0007')
  const csvOut = await (await request.get(`/api/portouts/${requestId}/evidence?format=csv`)).text()
  expect(csvOut.split('\r\n')[0]).toMatch(/^"request_id","first_received_at","attempts","pon","telephone_number",/)
  expect(csvOut.split('\r\n')[1]).toContain(`"${requestId}",`)
  expect(csvOut).toContain(`"'+1${b}"`) // a cell starting with + could be read as a formula: neutralised
})
