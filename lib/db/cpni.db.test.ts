// CPNI (account number, ZIP, subscriber name) leaves the database layer masked from every read a screen,
// an API response or an export uses; it comes out in clear only through a reveal, which is audited
// without the values. Both providers.
import { createHash, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPortoutValidationRequestXml } from '../bandwidth/build-portout-validation-request'
import { buildPortoutValidationResponse } from '../bandwidth/build-portout-validation-response'
import { parsePortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import { redactPortoutPin } from '../bandwidth/redact-portout-pin'
import { evaluatePortoutRequest, hashPortoutPin } from '../portout/evaluate-portout-request'
import { policySchema } from '../portout/portout-policy'
import { listAudit } from './audit'
import { getNumberHistory } from './get-number'
import { importSubscribersCsv } from './import-subscribers'
import { getDelivery, listDeliveries } from './list-deliveries'
import { getPortoutRequest, listPortoutRequests, revealPortoutRequest } from './list-portout-requests'
import { buildPortoutEvidence, evidenceToCsv } from './portout-evidence'
import { findSubscriberRecords, recordPortoutAnswer } from './portout-requests'
import type { ReceivedDelivery } from './record-delivery'
import { revealSubscriber, searchSubscribers, setSubscriberLock, upsertSubscribers } from './subscribers'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const operator = { id: 'op-1', email: 'op@example.com' }
const secret = 'secret-for-tests-0123456789abcdef'
const NUMBER = '+19075550142'

// Distinctive values, and the fragments of them that must never show (the fragments survive JSON and XML escaping).
const RECORD = { accountNumber: 'QZX-REC-4471902', zipCode: '99577', subscriberName: 'Zephyrine Quillfeather' }
const SENT = { accountNumber: 'QZX-REQ-8830156', zipCode: '99599', subscriberName: '=HYPERLINK("http://evil.example/x","Click me")' }
const CLEAR = ['4471902', '99577', 'Zephyrine', 'Quillfeather', '8830156', '99599', 'HYPERLINK', 'evil.example']

const shows = (value: unknown) => CLEAR.filter((clear) => JSON.stringify(value).includes(clear))

describe.each(testProviders())('CPNI masking on %s', (provider) => {
  let t: TestDatabase
  let requestId: string
  let deliveryId: string

  beforeAll(async () => {
    t = await createTestDatabase(provider)
    const c = t.connections
    await upsertSubscribers(c, operator, [{ telephoneNumber: NUMBER, pin: '4321', status: 'active', tags: [], ...RECORD }], secret, 'api')
    // A denial under a policy that reveals the record's account, ZIP and name in AcceptableValues.
    const policy = policySchema.parse({
      rules: [{ id: 'pin', kind: 'pin_match', params: {}, scope: { type: 'all' }, mode: 'enforce', enabled: true }],
      reveal: { telephoneNumbers: true, accountNumber: true, zipCode: true, subscriberName: true },
    })
    const xml = buildPortoutValidationRequestXml({ pon: 'CPNI-1', pin: '9999', telephoneNumbers: ['9075550142'], ...SENT })
    const parsed = parsePortoutValidationRequest(xml)
    if (!parsed.ok) throw new Error(parsed.error.reason)
    const { pin, ...request } = parsed.value
    const pinHash = hashPortoutPin(pin!, secret)
    const decision = evaluatePortoutRequest({ ...request, pinHash }, await findSubscriberRecords(c, [NUMBER]), policy, { now: new Date() })
    const responseXml = buildPortoutValidationResponse(decision)
    expect(responseXml).toContain(RECORD.accountNumber) // the answer to Bandwidth does carry them
    const body = redactPortoutPin(xml)
    const delivery: ReceivedDelivery = {
      id: randomUUID(),
      endpoint: 'portout-validation',
      source: 'test',
      receivedAt: new Date(),
      contentType: 'application/xml',
      headers: {},
      bodySha256: createHash('sha256').update(xml).digest('hex'),
      bodySize: Buffer.byteLength(xml),
      body,
      bodyEncoding: 'utf8',
      bodyTruncated: false,
    }
    deliveryId = delivery.id
    requestId = await recordPortoutAnswer(c, delivery, {
      requestKey: randomUUID(),
      pon: 'CPNI-1',
      numbers: [NUMBER],
      request: { ...request, pinGiven: true, pinHash },
      decision,
      responseXml,
      policyVersion: null,
      latencyMs: 3,
      fallbackReason: null,
    })
  })
  afterAll(async () => t?.drop())

  it('masks every read the screens, the API and the masked export use', async () => {
    const c = t.connections
    const reads = {
      list: await listPortoutRequests(c, { limit: 50 }),
      detail: await getPortoutRequest(c, requestId),
      number: await getNumberHistory(c, NUMBER),
      deliveries: await listDeliveries(c, { limit: 50 }),
      delivery: await getDelivery(c, deliveryId),
      subscribers: await searchSubscribers(c, { limit: 50 }, { byCpni: true }),
      byNumber: await searchSubscribers(c, { q: '(907) 555-0142', limit: 50 }, { byCpni: false }),
      evidence: await buildPortoutEvidence(c, requestId),
      evidenceCsv: evidenceToCsv(await buildPortoutEvidence(c, requestId)),
      audit: await listAudit(c, { limit: 50 }),
    }
    expect(Object.fromEntries(Object.entries(reads).map(([k, v]) => [k, shows(v)]))).toEqual(
      Object.fromEntries(Object.keys(reads).map((k) => [k, []])),
    )
    // Masked, not emptied: the last characters tell records apart.
    expect(reads.detail.masked).toEqual({ accountNumber: '••••0156', zipCode: '••••99', subscriberName: '••••me")', pinGiven: true })
    expect(reads.detail.responseXml).toContain('<AccountNumber>••••1902</AccountNumber>')
    expect(reads.delivery).toMatchObject({ cpniMasked: true })
    expect(reads.delivery.body).toContain('<AccountNumber>••••0156</AccountNumber>')
    expect(reads.byNumber.records).toMatchObject([
      { telephoneNumber: NUMBER, cpni: 'masked', accountNumber: '••••1902', zipCode: '••••77', subscriberName: '••••ther' },
    ])
    expect(reads.evidence).toMatchObject({ cpni: 'masked', request: { accountNumber: '••••0156' } })
  })

  it('searches by account or name only for those who may reveal CPNI', async () => {
    const c = t.connections
    for (const q of [RECORD.accountNumber, 'Zephyr']) {
      expect((await searchSubscribers(c, { q, limit: 50 }, { byCpni: false })).records, q).toEqual([])
      expect(
        (await searchSubscribers(c, { q, limit: 50 }, { byCpni: true })).records.map((r) => r.telephoneNumber),
        q,
      ).toEqual([NUMBER])
    }
  })

  it('reveals one request or one record in clear, and audits each reveal without the values', async () => {
    const c = t.connections
    const revealed = await revealPortoutRequest(c, operator, requestId)
    expect(revealed).toMatchObject({ id: requestId, cpni: 'revealed', sent: SENT })
    expect(revealed.requestXml).toContain(`<AccountNumber>${SENT.accountNumber}</AccountNumber>`)
    expect(revealed.requestXml).toContain('<Pin>(withheld)</Pin>')
    expect(revealed.responseXml).toContain(`<AccountNumber>${RECORD.accountNumber}</AccountNumber>`)

    const record = await revealSubscriber(c, operator, NUMBER)
    expect(record.record).toMatchObject({ telephoneNumber: NUMBER, cpni: 'revealed', hasPin: true, ...RECORD })
    expect(JSON.stringify(record)).not.toMatch(/4321|pinHash/)
    await expect(revealSubscriber(c, operator, '+19075550199')).rejects.toMatchObject({ code: 'not_found' })

    const { entries } = await listAudit(c, { action: 'cpni.reveal', limit: 10 })
    expect(entries.map((e) => [e.actorEmail, e.target])).toEqual([
      [operator.email, `subscriber ${NUMBER}`],
      [operator.email, `port-out request ${requestId}`],
    ])
    expect(entries[0].after).toEqual({ shown: 'account number, ZIP code, subscriber name' })
    expect(shows(entries)).toEqual([])
  })

  it('exports in clear only when revealed, audited, with formulas neutralised in the CSV', async () => {
    const c = t.connections
    const before = (await listAudit(c, { action: 'cpni.reveal', limit: 50 })).entries.length
    const clear = await buildPortoutEvidence(c, requestId, { reveal: true, actor: operator, format: 'csv' })
    expect(clear).toMatchObject({ cpni: 'revealed', request: SENT, subscriberRecordsNow: [RECORD] })
    expect(clear.rawRequest).toContain(SENT.accountNumber)
    const csv = evidenceToCsv(clear)
    const [header, row] = csv.split('\r\n')
    expect(header.split(',').slice(5, 8)).toEqual(['"request_account"', '"request_zip"', '"request_name"'])
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example/x"",""Click me"")"`)
    expect(row).toContain(`"${RECORD.subscriberName}"`)
    expect(row).toContain(`"'${NUMBER}"`) // E.164 starts with +: neutralised like any formula
    expect(csv).not.toMatch(/(^|,)"?[=+\-@]/m)
    const entries = (await listAudit(c, { action: 'cpni.reveal', limit: 50 })).entries
    expect(entries.length).toBe(before + 1)
    expect(entries[0]).toMatchObject({ target: `port-out request ${requestId}`, after: { shown: 'evidence export (csv)' } })
  })

  it('keeps CPNI out of the import preview and the audit of an account lock', async () => {
    const c = t.connections
    const csv = `telephone_number,account_number,zip_code,subscriber_name\n9075550143,${RECORD.accountNumber},${RECORD.zipCode},${RECORD.subscriberName}\n`
    const preview = await importSubscribersCsv(c, operator, csv, { commit: false, secret })
    expect(preview.preview).toMatchObject([{ telephoneNumber: '+19075550143', accountNumber: '••••1902' }])
    expect(shows(preview)).toEqual([])
    await setSubscriberLock(c, operator, { accountNumber: RECORD.accountNumber }, { locked: true })
    const lock = (await listAudit(c, { action: 'subscribers.lock', limit: 1 })).entries[0]
    expect(lock.target).toBe('account ••••1902')
  })
})
