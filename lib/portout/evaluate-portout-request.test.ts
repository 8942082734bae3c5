import { describe, expect, it } from 'vitest'
import { readFixture } from '@/test/support/fixtures'
import { buildPortoutValidationResponse } from '../bandwidth/build-portout-validation-response'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import { parsePortoutValidationRequest, type PortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import {
  buildFallbackDecision,
  evaluatePortoutRequest,
  hashPortoutPin,
  normalizeSubscriberName,
  type Decision,
  type EvaluationRequest,
  type SubscriberRecord,
} from './evaluate-portout-request'
import { DEFAULT_POLICY, policySchema, type Policy, type PolicyInput } from './portout-policy'

// ---------------------------------------------------------------------------------------------
// helpers

const SECRET = 'unit-test-pin-secret'
const NOW = new Date('2025-03-26T12:00:00Z')
const hash = (pin: string) => hashPortoutPin(pin, SECRET)

/** Drops the XML declaration and the whitespace between elements: layout is not meaning. */
function canonical(xml: string): string {
  return xml
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '')
    .replace(/>\s+</g, '><')
    .trim()
}

/** The request as the route hands it over: parsed, with the PIN replaced by its hash. */
function withPinHash(request: PortoutValidationRequest): EvaluationRequest {
  const { pin, ...rest } = request
  return pin === undefined ? rest : { ...rest, pinHash: hash(pin) }
}

function fromFixture(name: string): EvaluationRequest {
  const parsed = parsePortoutValidationRequest(readFixture(name))
  if (!parsed.ok) throw new Error(parsed.error.reason)
  return withPinHash(parsed.value)
}

function request(fields: Omit<Partial<PortoutValidationRequest>, 'e164'> & { numbers: string[] }): EvaluationRequest {
  const { numbers, ...rest } = fields
  return withPinHash({ ...rest, telephoneNumbers: numbers, e164: numbers.map(normalizeTelephoneNumber) })
}

function record(number: string, over: Partial<SubscriberRecord> = {}): SubscriberRecord {
  return {
    e164: normalizeTelephoneNumber(number)!,
    accountNumber: 'BAN-77310452',
    pinHash: hash('480213'),
    zipCode: '27609',
    subscriberName: 'Oak City Dental Partners LLC',
    status: 'active',
    tags: [],
    lock: null,
    ...over,
  }
}

const recordsOf = (...records: SubscriberRecord[]) => new Map(records.map((r) => [r.e164, r]))

type RuleInput = NonNullable<PolicyInput['rules']>[number]
type RuleSpec = { kind: RuleInput['kind'] } & Partial<Omit<RuleInput, 'kind'>> & Record<string, unknown>

/** Rules get ids r1, r2… in order; scope all, enforce, enabled unless said otherwise. */
function policy(rules: RuleSpec[], over: Omit<PolicyInput, 'rules'> = {}): Policy {
  return policySchema.parse({
    rules: rules.map((r, i) => ({ id: `r${i + 1}`, scope: { type: 'all' }, mode: 'enforce', enabled: true, ...r })),
    ...over,
  })
}

function evaluate(req: EvaluationRequest, records: Map<string, SubscriberRecord>, p: Policy, now = NOW): Decision {
  return evaluatePortoutRequest(req, records, p, { now })
}

const codes = (d: Decision) => d.errors.map((e) => e.code)
const xmlOf = (d: Decision) => canonical(buildPortoutValidationResponse(d))

const OAK = ['9195550301', '9195550302', '9195550315']
const oakRecords = () => recordsOf(...OAK.map((n) => record(n)))
const oakRequest = (over: Omit<Partial<PortoutValidationRequest>, 'e164' | 'telephoneNumbers'> = {}) =>
  request({
    pon: 'WC-LSR-20250325-0419',
    pin: '480213',
    accountNumber: 'BAN-77310452',
    zipCode: '27609',
    subscriberName: 'Oak City Dental Partners LLC',
    numbers: OAK,
    ...over,
  })

// ---------------------------------------------------------------------------------------------

describe('evaluatePortoutRequest: the response fixtures', () => {
  const STRICT: RuleSpec[] = [
    { kind: 'number_known' },
    { kind: 'number_active' },
    { kind: 'locked_denied', params: { code: '7516' } },
    { kind: 'pin_required' },
    { kind: 'pin_match' },
    { kind: 'account_required' },
    { kind: 'account_match' },
    { kind: 'zip_match' },
    { kind: 'name_match' },
    { kind: 'max_numbers', params: { max: 50 } },
  ]

  it('allows the full request whose every field matches, echoing its PON (response-allow.xml)', () => {
    const d = evaluate(fromFixture('portout-validation-request-full.xml'), oakRecords(), policy(STRICT))
    expect(d).toEqual({ portable: true, pon: 'WC-LSR-20250325-0419', errors: [], fired: [], monitored: [] })
    expect(d.acceptableValues).toBeUndefined()
    expect(xmlOf(d)).toBe(canonical(readFixture('portout-validation-response-allow.xml')))
  })

  it('answers a missing PIN and a wrong account with 7512 and 7511 plus the values on file (deny-errors-acceptable-values.xml)', () => {
    const req = fromFixture('portout-validation-request-missing-pin.xml')
    const records = recordsOf(
      record('5125550962', { accountNumber: '900172653', zipCode: '78704', subscriberName: 'Maria E Delgado', pinHash: hash('660914') }),
    )
    const p = policy([{ kind: 'pin_required' }, { kind: 'pin_match' }, { kind: 'account_match' }, { kind: 'zip_match' }], {
      reveal: { telephoneNumbers: true, accountNumber: true, zipCode: true, subscriberName: true },
    })
    const d = evaluate(req, records, p)

    expect(d.portable).toBe(false)
    expect(d.errors).toEqual([
      { code: '7512', description: 'Required PIN missing' },
      { code: '7511', description: 'Invalid account code' },
    ])
    expect(d.acceptableValues).toEqual({
      accountNumber: '900172653',
      zipCode: '78704',
      subscriberName: 'Maria E Delgado',
      telephoneNumbers: ['5125550962'],
    })
    expect(d.fired.map((f) => [f.ruleId, f.kind, f.code, f.numbers])).toEqual([
      ['r1', 'pin_required', '7512', ['+15125550962']],
      ['r2', 'pin_match', '7512', ['+15125550962']],
      ['r3', 'account_match', '7511', ['+15125550962']],
    ])

    // Same document as the fixture, except our fixed descriptions and no <Pin> (never revealed).
    const fixture = canonical(readFixture('portout-validation-response-deny-errors-acceptable-values.xml'))
      .replace('<Pin>660914</Pin>', '')
      .replace('Required PIN missing: the account holder has a transfer PIN on file', 'Required PIN missing')
      .replace('Invalid Account Code: the account number does not match our records', 'Invalid account code')
    expect(xmlOf(d)).toBe(fixture)
    expect(xmlOf(d)).not.toContain('660914')
  })

  it('answers an unknown number with 7516 and lists only the known one (deny-tn-not-recognized.xml)', () => {
    const req = fromFixture('portout-validation-request-pin-only-no-account-zip.xml')
    const records = recordsOf(record('6155550720', { pinHash: hash('0048') }))
    // A PIN-based policy: this request carries no AccountNumber, ZipCode or SubscriberName.
    const p = policy([
      { kind: 'number_known' },
      { kind: 'number_active' },
      { kind: 'locked_denied', params: { code: '7516' } },
      { kind: 'pin_required' },
      { kind: 'pin_match' },
    ])
    const d = evaluate(req, records, p)

    expect(d.portable).toBe(false)
    expect(d.errors).toEqual([{ code: '7516', description: 'Telephone number not recognized or invalid for this account' }])
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['6155550720'] })
    expect(d.fired).toEqual([
      { ruleId: 'r1', kind: 'number_known', mode: 'enforce', code: '7516', numbers: ['+16155550721'], reason: 'number not in our records' },
    ])

    // Same document as the fixture, except our description names no number (it reaches the carrier).
    const fixture = canonical(readFixture('portout-validation-response-deny-tn-not-recognized.xml')).replace(
      'Telephone Number not recognized or invalid for this account: 6155550721',
      'Telephone number not recognized or invalid for this account',
    )
    expect(xmlOf(d)).toBe(fixture)
  })

  it('the strict policy on the same request also asks for the missing fields', () => {
    const req = fromFixture('portout-validation-request-pin-only-no-account-zip.xml')
    const d = evaluate(req, recordsOf(record('6155550720', { pinHash: hash('0048') })), policy(STRICT))
    expect(codes(d)).toEqual(['7516', '7510', '7514', '7519'])
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['6155550720'] })
  })
})

describe('evaluatePortoutRequest: each rule kind', () => {
  it('pin_required: passes with a Pin, fails with 7512 on every in-scope number without one', () => {
    const p = policy([{ kind: 'pin_required' }])
    expect(evaluate(oakRequest(), oakRecords(), p).portable).toBe(true)
    const d = evaluate(oakRequest({ pin: undefined }), oakRecords(), p)
    expect(codes(d)).toEqual(['7512'])
    expect(d.fired).toEqual([
      {
        ruleId: 'r1',
        kind: 'pin_required',
        mode: 'enforce',
        code: '7512',
        numbers: ['+19195550301', '+19195550302', '+19195550315'],
        reason: 'request has no Pin',
      },
    ])
  })

  it('pin_match: compares hashes; a wrong PIN is 7513 on the numbers whose PIN differs', () => {
    const p = policy([{ kind: 'pin_match' }])
    expect(evaluate(oakRequest(), oakRecords(), p).portable).toBe(true)

    const records = recordsOf(record(OAK[0]), record(OAK[1], { pinHash: hash('111111') }), record(OAK[2]))
    const d = evaluate(oakRequest(), records, p)
    expect(codes(d)).toEqual(['7513'])
    expect(d.errors[0].description).toBe('PIN invalid')
    expect(d.fired[0].numbers).toEqual(['+19195550302'])
    expect(d.fired[0].reason).not.toContain('480213')
  })

  it('pin_match: leading zeros matter ("0048" is not "48")', () => {
    const records = recordsOf(record('6155550720', { pinHash: hash('48') }))
    const d = evaluate(fromFixture('portout-validation-request-pin-only-no-account-zip.xml'), records, policy([{ kind: 'pin_match' }]))
    expect(codes(d)).toEqual(['7513'])
    const ok = evaluate(
      fromFixture('portout-validation-request-pin-only-no-account-zip.xml'),
      recordsOf(record('6155550720', { pinHash: hash('0048') })),
      policy([{ kind: 'pin_match' }]),
    )
    expect(ok.portable).toBe(true)
  })

  it('pin_match: a missing Pin is no way around it (7512 where a PIN is on file); no PIN on file passes', () => {
    const records = recordsOf(record(OAK[0]), record(OAK[1], { pinHash: null }), record(OAK[2], { pinHash: null }))
    const d = evaluate(oakRequest({ pin: undefined }), records, policy([{ kind: 'pin_match' }]))
    expect(codes(d)).toEqual(['7512'])
    expect(d.fired[0].numbers).toEqual(['+19195550301'])
    const none = recordsOf(...OAK.map((n) => record(n, { pinHash: null })))
    expect(evaluate(oakRequest({ pin: undefined }), none, policy([{ kind: 'pin_match' }])).portable).toBe(true)
    expect(evaluate(oakRequest({ pin: '999999' }), none, policy([{ kind: 'pin_match' }])).portable).toBe(true)
  })

  it('pin_match: reads only pinHash, never the PIN itself; a malformed hash is a mismatch, not a crash', () => {
    const plain: EvaluationRequest = { ...oakRequest(), pin: '480213' }
    delete plain.pinHash
    expect(codes(evaluate(plain, oakRecords(), policy([{ kind: 'pin_match' }])))).toEqual(['7512'])
    expect(codes(evaluate({ ...oakRequest(), pinHash: 'zz' }, oakRecords(), policy([{ kind: 'pin_match' }])))).toEqual(['7513'])
    expect(
      codes(evaluate({ ...oakRequest(), pinHash: hash('480213').slice(0, 32) }, oakRecords(), policy([{ kind: 'pin_match' }]))),
    ).toEqual(['7513'])
    expect(
      evaluate({ ...oakRequest(), pinHash: hash('480213').toUpperCase() }, oakRecords(), policy([{ kind: 'pin_match' }])).portable,
    ).toBe(true)
  })

  it('account_required: 7510 without AccountNumber', () => {
    const p = policy([{ kind: 'account_required' }])
    expect(evaluate(oakRequest(), oakRecords(), p).portable).toBe(true)
    expect(codes(evaluate(oakRequest({ accountNumber: undefined }), oakRecords(), p))).toEqual(['7510'])
  })

  it('account_match: ignores case, spaces and dashes; 7511 on a different account; 7510 when absent', () => {
    const p = policy([{ kind: 'account_match' }])
    expect(evaluate(oakRequest({ accountNumber: 'ban 77310452' }), oakRecords(), p).portable).toBe(true)
    const d = evaluate(oakRequest({ accountNumber: 'BAN-77310453' }), oakRecords(), p)
    expect(codes(d)).toEqual(['7511'])
    expect(d.fired[0].numbers).toHaveLength(3)
    expect(codes(evaluate(oakRequest({ accountNumber: undefined }), oakRecords(), p))).toEqual(['7510'])
  })

  it('zip_required: 7514 without ZipCode', () => {
    const p = policy([{ kind: 'zip_required' }])
    expect(evaluate(oakRequest(), oakRecords(), p).portable).toBe(true)
    expect(codes(evaluate(oakRequest({ zipCode: undefined }), oakRecords(), p))).toEqual(['7514'])
  })

  it('zip_match: ZIP+4 matches its ZIP, postal codes ignore spacing; 7515 on a mismatch; 7514 when absent', () => {
    const p = policy([{ kind: 'zip_match' }])
    expect(evaluate(oakRequest({ zipCode: '27609-1234' }), oakRecords(), p).portable).toBe(true)
    expect(codes(evaluate(oakRequest({ zipCode: '27610' }), oakRecords(), p))).toEqual(['7515'])
    expect(codes(evaluate(oakRequest({ zipCode: undefined }), oakRecords(), p))).toEqual(['7514'])
    const canada = recordsOf(...OAK.map((n) => record(n, { zipCode: 'V6B 1A1' })))
    expect(evaluate(oakRequest({ zipCode: 'v6b1a1' }), canada, p).portable).toBe(true)
    expect(codes(evaluate(oakRequest({ zipCode: 'V6B 1A2' }), canada, p))).toEqual(['7515'])
    const noZip = recordsOf(...OAK.map((n) => record(n, { zipCode: null })))
    expect(evaluate(oakRequest({ zipCode: undefined }), noZip, p).portable).toBe(true)
  })

  it('name_match: compares normalised names; 7519 on a mismatch or an absent name', () => {
    const p = policy([{ kind: 'name_match' }])
    expect(evaluate(oakRequest({ subscriberName: 'OAK CITY DENTAL PARTNERS, L.L.C.' }), oakRecords(), p).portable).toBe(true)
    const d = evaluate(oakRequest({ subscriberName: 'Oak City Orthodontics LLC' }), oakRecords(), p)
    expect(codes(d)).toEqual(['7519'])
    expect(d.errors[0].description).toBe('Customer information does not match')
    expect(codes(evaluate(oakRequest({ subscriberName: undefined }), oakRecords(), p))).toEqual(['7519'])
  })

  it('number_known: 7516 on numbers without a record, including ones that are not numbers at all', () => {
    const p = policy([{ kind: 'number_known' }])
    expect(evaluate(oakRequest(), oakRecords(), p).portable).toBe(true)
    const d = evaluate(request({ numbers: ['9195550301', '9195550399', 'garbage'] }), oakRecords(), p)
    expect(codes(d)).toEqual(['7516'])
    expect(d.fired[0].numbers).toEqual(['+19195550399', 'garbage'])
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['9195550301'] })
  })

  it('number_active: 7518 on inactive numbers', () => {
    const p = policy([{ kind: 'number_active' }])
    expect(evaluate(oakRequest(), oakRecords(), p).portable).toBe(true)
    const records = recordsOf(record(OAK[0]), record(OAK[1]), record(OAK[2], { status: 'inactive' }))
    const d = evaluate(oakRequest(), records, p)
    expect(codes(d)).toEqual(['7518'])
    expect(d.fired[0].numbers).toEqual(['+19195550315'])
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['9195550301', '9195550302'] })
  })

  it('max_numbers: 7517 past the limit (the 40-number request), fine at the limit', () => {
    const req = fromFixture('portout-validation-request-many-tns.xml')
    const records = recordsOf(...req.telephoneNumbers.map((n) => record(n)))
    expect(evaluate(req, records, policy([{ kind: 'max_numbers', params: { max: 40 } }])).portable).toBe(true)
    const d = evaluate(req, records, policy([{ kind: 'max_numbers', params: { max: 39 } }]))
    expect(codes(d)).toEqual(['7517'])
    expect(d.errors[0].description).toBe('Too many telephone numbers in request')
    expect(d.fired[0].reason).toContain('40 numbers')
    // a request-level failure: every number is still an acceptable number
    expect(d.acceptableValues?.telephoneNumbers).toEqual(req.telephoneNumbers)
  })

  it('max_numbers: counts distinct numbers', () => {
    const d = evaluate(
      request({ numbers: ['9195550301', '+19195550301', '(919) 555-0301'] }),
      oakRecords(),
      policy([{ kind: 'max_numbers', params: { max: 1 } }]),
    )
    expect(d.portable).toBe(true)
  })
})

describe('evaluatePortoutRequest: what an absent field means to a *_match rule (whenAbsent)', () => {
  // field → the request key that carries it, a right and a wrong value for the Oak City records, the codes.
  const MATCH = [
    { kind: 'pin_match', key: 'pin', right: '480213', wrong: '000000', absent: '7512', failed: '7513', element: 'Pin' },
    {
      kind: 'account_match',
      key: 'accountNumber',
      right: 'ban 77310452',
      wrong: 'BAN-1',
      absent: '7510',
      failed: '7511',
      element: 'AccountNumber',
    },
    { kind: 'zip_match', key: 'zipCode', right: '27609-1234', wrong: '27610', absent: '7514', failed: '7515', element: 'ZipCode' },
    {
      kind: 'name_match',
      key: 'subscriberName',
      right: 'OAK CITY DENTAL PARTNERS, L.L.C.',
      wrong: 'Oak City Orthodontics',
      absent: '7519',
      failed: '7519',
      element: 'SubscriberName',
    },
  ] as const

  describe.each(MATCH)('$kind', ({ kind, key, right, wrong, absent, failed, element }) => {
    const rule = (whenAbsent?: 'fail' | 'pass'): RuleSpec => ({ kind, ...(whenAbsent && { params: { whenAbsent } }) })
    const without = () => oakRequest({ [key]: undefined })

    it.each([undefined, 'fail'] as const)(`whenAbsent %s: an absent field answers ${absent} on every number with a value on file`, (w) => {
      const d = evaluate(without(), oakRecords(), policy([rule(w)]))
      expect(codes(d)).toEqual([absent])
      expect(d.fired[0].numbers).toEqual(OAK.map((n) => `+1${n}`))
      expect(d.fired[0].reason).toMatch(new RegExp(`^request has no ${element}, and .+ is on file$`))
    })

    it('whenAbsent pass: an absent field passes, and nothing fires', () => {
      const d = evaluate(without(), oakRecords(), policy([rule('pass')]))
      expect(d).toEqual({ portable: true, pon: 'WC-LSR-20250325-0419', errors: [], fired: [], monitored: [] })
    })

    it.each(['fail', 'pass'] as const)(`whenAbsent %s: a present field is still checked (right passes, wrong answers ${failed})`, (w) => {
      expect(evaluate(oakRequest({ [key]: right }), oakRecords(), policy([rule(w)])).portable).toBe(true)
      const d = evaluate(oakRequest({ [key]: wrong }), oakRecords(), policy([rule(w)]))
      expect(codes(d)).toEqual([failed])
      expect(d.fired[0].reason).toMatch(new RegExp(`^${element} does not match the .+ on file$`))
    })

    it.each(['fail', 'pass'] as const)('whenAbsent %s: in monitor mode it only records', (w) => {
      const d = evaluate(without(), oakRecords(), policy([{ ...rule(w), mode: 'monitor' }]))
      expect(d.portable).toBe(true)
      expect(d.monitored.map((f) => f.code)).toEqual(w === 'fail' ? [absent] : [])
    })
  })

  it('"check the ZIP only when the request carries one": no ZIP is portable, a wrong ZIP is 7515, a right one passes', () => {
    const p = policy([{ kind: 'zip_match', params: { whenAbsent: 'pass' } }])
    expect(evaluate(oakRequest({ zipCode: undefined }), oakRecords(), p).portable).toBe(true)
    expect(codes(evaluate(oakRequest({ zipCode: '10001' }), oakRecords(), p))).toEqual(['7515'])
    expect(evaluate(oakRequest({ zipCode: '27609' }), oakRecords(), p).portable).toBe(true)
  })

  it('a pass rule next to a *_required rule: the field is required by the other rule, checked by this one', () => {
    const p = policy([{ kind: 'zip_required' }, { kind: 'zip_match', params: { whenAbsent: 'pass' } }])
    const d = evaluate(oakRequest({ zipCode: undefined }), oakRecords(), p)
    expect(d.fired.map((f) => [f.ruleId, f.code])).toEqual([['r1', '7514']])
  })

  it('a missing SubscriberName is no name mismatch unless the rule requires a name', () => {
    const requires = policy([{ kind: 'name_match' }])
    const optional = policy([{ kind: 'name_match', params: { whenAbsent: 'pass' } }])
    expect(evaluate(oakRequest({ subscriberName: undefined }), oakRecords(), optional).portable).toBe(true)
    const d = evaluate(oakRequest({ subscriberName: undefined }), oakRecords(), requires)
    expect(codes(d)).toEqual(['7519'])
    expect(d.fired[0].reason).toBe('request has no SubscriberName, and a subscriber name is on file')
    // A "name" with no letter or digit names nobody: absent, not wrong.
    expect(evaluate(oakRequest({ subscriberName: ' - ' }), oakRecords(), optional).portable).toBe(true)
    expect(evaluate(oakRequest({ subscriberName: ' - ' }), oakRecords(), requires).fired[0].reason).toMatch(
      /^request has no SubscriberName/,
    )
    // ...and a real name is still compared.
    expect(codes(evaluate(oakRequest({ subscriberName: 'Someone Else' }), oakRecords(), optional))).toEqual(['7519'])
    expect(evaluate(oakRequest({ subscriberName: 'Someone Else' }), oakRecords(), optional).fired[0].reason).toBe(
      'SubscriberName does not match the subscriber name on file',
    )
  })

  it('records with nothing on file pass whatever the request carries, in both modes of whenAbsent', () => {
    const none = recordsOf(...OAK.map((n) => record(n, { pinHash: null, zipCode: null, subscriberName: null })))
    for (const whenAbsent of ['fail', 'pass'] as const)
      for (const kind of ['pin_match', 'zip_match', 'name_match'] as const) {
        expect(
          evaluate(
            oakRequest({ pin: undefined, zipCode: undefined, subscriberName: undefined }),
            none,
            policy([{ kind, params: { whenAbsent } }]),
          ).portable,
        ).toBe(true)
      }
  })

  it('refuses any other whenAbsent, and whenAbsent on the *_required kinds', () => {
    const rule = (kind: string, params: unknown) => ({ id: 'r1', kind, params, scope: { type: 'all' }, mode: 'enforce', enabled: true })
    expect(policySchema.safeParse({ rules: [rule('zip_match', { whenAbsent: 'skip' })] }).success).toBe(false)
    expect(policySchema.safeParse({ rules: [rule('zip_required', { whenAbsent: 'pass' })] }).success).toBe(false)
    expect(policySchema.safeParse({ rules: [rule('zip_match', { whenAbsent: 'pass' })] }).success).toBe(true)
  })
})

describe('evaluatePortoutRequest: locks and unlocks', () => {
  const lockedRecords = (lock: SubscriberRecord['lock']) => recordsOf(record(OAK[0], { lock }), record(OAK[1]), record(OAK[2]))
  const lockRule: RuleSpec = { kind: 'locked_denied', params: { code: '7519' } }
  const unlock = (params: { numbers: string[]; until: string; pon?: string }, over: Partial<RuleSpec> = {}): RuleSpec => ({
    kind: 'unlock',
    ...over,
    params,
  })

  it('denies a number locked indefinitely, with the code the admin chose', () => {
    const d = evaluate(oakRequest(), lockedRecords({ until: null, reason: 'fraud report #88' }), policy([lockRule]))
    expect(d.errors).toEqual([{ code: '7519', description: 'Customer information does not match' }])
    expect(d.fired[0]).toMatchObject({ kind: 'locked_denied', code: '7519', numbers: ['+19195550301'] })
    expect(d.fired[0].reason).toContain('fraud report #88')
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['9195550302', '9195550315'] })
    expect(xmlOf(d)).not.toContain('fraud')
  })

  it('denies while a lock with an expiry runs, and not once it has expired', () => {
    const lock = { until: new Date('2025-04-01T00:00:00Z'), reason: 'customer asked' }
    expect(codes(evaluate(oakRequest(), lockedRecords(lock), policy([lockRule]), new Date('2025-03-31T23:59:59Z')))).toEqual(['7519'])
    expect(evaluate(oakRequest(), lockedRecords(lock), policy([lockRule]), new Date('2025-04-01T00:00:00Z')).portable).toBe(true)
    expect(evaluate(oakRequest(), lockedRecords(lock), policy([lockRule]), new Date('2025-05-01T00:00:00Z')).portable).toBe(true)
  })

  it('a lock alone does nothing without a locked_denied rule', () => {
    expect(evaluate(oakRequest(), lockedRecords({ until: null, reason: 'x' }), policy([{ kind: 'pin_match' }])).portable).toBe(true)
  })

  it('an unlock lets the number through until its time, then no longer', () => {
    const rules = [lockRule, unlock({ numbers: ['+19195550301'], until: '2025-03-27T00:00:00Z' })]
    const records = lockedRecords({ until: null, reason: 'x' })
    expect(evaluate(oakRequest(), records, policy(rules), new Date('2025-03-26T23:59:59Z')).portable).toBe(true)
    expect(codes(evaluate(oakRequest(), records, policy(rules), new Date('2025-03-27T00:00:00Z')))).toEqual(['7519'])
    expect(codes(evaluate(oakRequest(), records, policy(rules), new Date('2025-03-28T00:00:00Z')))).toEqual(['7519'])
  })

  it('an unlock with a PON lets through only that PON', () => {
    const rules = [lockRule, unlock({ numbers: ['+19195550301'], pon: 'WC-LSR-20250325-0419', until: '2025-04-30T00:00:00+02:00' })]
    const records = lockedRecords({ until: null, reason: 'x' })
    expect(evaluate(oakRequest(), records, policy(rules)).portable).toBe(true)
    expect(codes(evaluate(oakRequest({ pon: 'SOMEONE-ELSE' }), records, policy(rules)))).toEqual(['7519'])
    expect(codes(evaluate(oakRequest({ pon: undefined }), records, policy(rules)))).toEqual(['7519'])
  })

  it('an unlock works wherever it sits in the list, but not for other numbers, nor disabled, nor in monitor mode', () => {
    const records = lockedRecords({ until: null, reason: 'x' })
    const until = '2025-04-01T00:00:00Z'
    expect(evaluate(oakRequest(), records, policy([unlock({ numbers: ['+19195550301'], until }), lockRule])).portable).toBe(true)
    expect(codes(evaluate(oakRequest(), records, policy([lockRule, unlock({ numbers: ['+19195550302'], until })])))).toEqual(['7519'])
    expect(
      codes(evaluate(oakRequest(), records, policy([lockRule, unlock({ numbers: ['+19195550301'], until }, { enabled: false })]))),
    ).toEqual(['7519'])
    expect(
      codes(evaluate(oakRequest(), records, policy([lockRule, unlock({ numbers: ['+19195550301'], until }, { mode: 'monitor' })]))),
    ).toEqual(['7519'])
  })

  it('an unlock lifts only the lock: other rules still apply to the number', () => {
    const records = recordsOf(record(OAK[0], { lock: { until: null, reason: 'x' }, status: 'inactive' }), record(OAK[1]), record(OAK[2]))
    const d = evaluate(
      oakRequest(),
      records,
      policy([lockRule, { kind: 'number_active' }, unlock({ numbers: ['+19195550301'], until: '2025-04-01T00:00:00Z' })]),
    )
    expect(codes(d)).toEqual(['7518'])
    expect(d.fired.map((f) => f.kind)).toEqual(['number_active'])
  })
})

describe('evaluatePortoutRequest: several errors in one answer', () => {
  it('lists each code once, in rule order, with every failing number kept internally', () => {
    const records = recordsOf(
      record(OAK[0], { status: 'inactive' }),
      record(OAK[1], { pinHash: hash('000000') }),
      record(OAK[2], { status: 'inactive' }),
    )
    const p = policy([
      { kind: 'pin_match' },
      { kind: 'number_active' },
      { kind: 'zip_match' },
      { kind: 'account_match' },
      { kind: 'pin_required' },
    ])
    const d = evaluate(oakRequest({ zipCode: '10001' }), records, p)
    expect(codes(d)).toEqual(['7513', '7518', '7515'])
    expect(d.fired.map((f) => [f.ruleId, f.code, f.numbers])).toEqual([
      ['r1', '7513', ['+19195550302']],
      ['r2', '7518', ['+19195550301', '+19195550315']],
      ['r3', '7515', ['+19195550301', '+19195550302', '+19195550315']],
    ])
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['9195550302'] })
    expect(xmlOf(d)).toBe(
      '<PortOutValidationResponse><Portable>false</Portable><PON>WC-LSR-20250325-0419</PON><Errors>' +
        '<Error><Code>7513</Code><Description>PIN invalid</Description></Error>' +
        '<Error><Code>7518</Code><Description>Telephone number not active</Description></Error>' +
        '<Error><Code>7515</Code><Description>Invalid ZIP code</Description></Error>' +
        '</Errors><AcceptableValues><TelephoneNumbers><TelephoneNumber>9195550302</TelephoneNumber></TelephoneNumbers></AcceptableValues>' +
        '</PortOutValidationResponse>',
    )
  })

  it('merges two rules that raise the same code into one Error', () => {
    const d = evaluate(
      oakRequest({ pin: undefined }),
      oakRecords(),
      policy([{ kind: 'pin_required' }, { kind: 'pin_match' }, { kind: 'locked_denied', params: { code: '7512' } }]),
    )
    expect(d.errors).toEqual([{ code: '7512', description: 'Required PIN missing' }])
    expect(d.fired.map((f) => f.ruleId)).toEqual(['r1', 'r2'])
  })

  it('flags the missing fields of the pin-only request: 7510 and 7514', () => {
    const req = fromFixture('portout-validation-request-pin-only-no-account-zip.xml')
    const records = recordsOf(record('6155550720', { pinHash: hash('0048') }), record('6155550721', { pinHash: hash('0048') }))
    const d = evaluate(
      req,
      records,
      policy([{ kind: 'pin_required' }, { kind: 'pin_match' }, { kind: 'account_required' }, { kind: 'zip_required' }]),
    )
    expect(codes(d)).toEqual(['7510', '7514'])
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['6155550720', '6155550721'] })
  })

  it('reports unknown numbers as not recognised, and does not blame them for field checks', () => {
    const d = evaluate(
      request({ numbers: ['9195550301', '9195550399'], pin: '999999' }),
      oakRecords(),
      policy([{ kind: 'number_known' }, { kind: 'pin_match' }]),
    )
    expect(d.fired.map((f) => [f.code, f.numbers])).toEqual([
      ['7516', ['+19195550399']],
      ['7513', ['+19195550301']],
    ])
  })
})

describe('evaluatePortoutRequest: scope', () => {
  const tagged = () =>
    recordsOf(
      record(OAK[0], { tags: ['vip'], accountNumber: 'BAN-1' }),
      record(OAK[1], { tags: ['vip', 'pbx'], accountNumber: 'BAN-2' }),
      record(OAK[2], { tags: [], accountNumber: 'BAN-3' }),
    )

  it('a tag scope applies only to numbers whose record has the tag', () => {
    const d = evaluate(oakRequest({ pin: '000000' }), tagged(), policy([{ kind: 'pin_match', scope: { type: 'tag', tag: 'vip' } }]))
    expect(d.fired[0].numbers).toEqual(['+19195550301', '+19195550302'])
    const none = evaluate(oakRequest({ pin: '000000' }), tagged(), policy([{ kind: 'pin_match', scope: { type: 'tag', tag: 'gold' } }]))
    expect(none.portable).toBe(true)
  })

  it('an accounts scope applies only to numbers of those accounts (compared like account numbers)', () => {
    const d = evaluate(
      oakRequest({ pin: '000000' }),
      tagged(),
      policy([{ kind: 'pin_match', scope: { type: 'accounts', accounts: ['ban 3', 'BAN-9'] } }]),
    )
    expect(d.fired[0].numbers).toEqual(['+19195550315'])
  })

  it('a *_required rule fires only when the request has a number in its scope', () => {
    const p = policy([{ kind: 'pin_required', scope: { type: 'tag', tag: 'vip' } }])
    expect(codes(evaluate(oakRequest({ pin: undefined }), tagged(), p))).toEqual(['7512'])
    const d = evaluate(request({ numbers: [OAK[2]] }), tagged(), p)
    expect(d.portable).toBe(true)
    expect(d.fired).toEqual([])
  })

  it('numbers without a record are in scope only of "all" rules', () => {
    const req = request({ numbers: ['9195550399'] })
    expect(evaluate(req, tagged(), policy([{ kind: 'number_known', scope: { type: 'tag', tag: 'vip' } }])).portable).toBe(true)
    expect(codes(evaluate(req, tagged(), policy([{ kind: 'pin_required', scope: { type: 'accounts', accounts: ['BAN-1'] } }])))).toEqual([])
    expect(codes(evaluate(req, tagged(), policy([{ kind: 'pin_required' }])))).toEqual(['7512'])
  })

  it('max_numbers counts the numbers in its scope', () => {
    const p = policy([{ kind: 'max_numbers', params: { max: 1 }, scope: { type: 'tag', tag: 'vip' } }])
    expect(codes(evaluate(oakRequest(), tagged(), p))).toEqual(['7517'])
    expect(evaluate(request({ numbers: [OAK[0], OAK[2]] }), tagged(), p).portable).toBe(true)
  })
})

describe('evaluatePortoutRequest: monitor mode and disabled rules', () => {
  it('a monitored failure is recorded as "would have denied" and does not change the answer', () => {
    const d = evaluate(oakRequest({ pin: '000000' }), oakRecords(), policy([{ kind: 'pin_match', mode: 'monitor' }]))
    expect(d.portable).toBe(true)
    expect(d.errors).toEqual([])
    expect(d.acceptableValues).toBeUndefined()
    expect(d.monitored).toEqual([
      {
        ruleId: 'r1',
        kind: 'pin_match',
        mode: 'monitor',
        code: '7513',
        numbers: OAK.map((n) => `+1${n}`),
        reason: 'Pin does not match the PIN on file',
      },
    ])
    expect(d.fired).toEqual(d.monitored)
    expect(xmlOf(d)).toBe('<PortOutValidationResponse><Portable>true</Portable><PON>WC-LSR-20250325-0419</PON></PortOutValidationResponse>')
  })

  it('with enforced and monitored failures, only the enforced ones reach the answer; fired keeps both in rule order', () => {
    const records = recordsOf(record(OAK[0]), record(OAK[1], { status: 'inactive' }), record(OAK[2]))
    const d = evaluate(oakRequest({ pin: '000000' }), records, policy([{ kind: 'pin_match', mode: 'monitor' }, { kind: 'number_active' }]))
    expect(codes(d)).toEqual(['7518'])
    expect(d.fired.map((f) => [f.ruleId, f.mode])).toEqual([
      ['r1', 'monitor'],
      ['r2', 'enforce'],
    ])
    expect(d.monitored.map((f) => f.ruleId)).toEqual(['r1'])
    // a monitored number-level failure does not remove a number from AcceptableValues either
    const m = evaluate(oakRequest(), records, policy([{ kind: 'number_active', mode: 'monitor' }, { kind: 'pin_required' }]))
    expect(m.portable).toBe(true)
    const both = evaluate(
      oakRequest({ pin: undefined }),
      records,
      policy([{ kind: 'number_active', mode: 'monitor' }, { kind: 'pin_required' }]),
    )
    expect(both.acceptableValues).toEqual({ telephoneNumbers: OAK })
  })

  it('a disabled rule is skipped entirely', () => {
    const d = evaluate(oakRequest({ pin: '000000' }), oakRecords(), policy([{ kind: 'pin_match', enabled: false }]))
    expect(d).toEqual({ portable: true, pon: 'WC-LSR-20250325-0419', errors: [], fired: [], monitored: [] })
  })

  it('no rules: every request is portable', () => {
    expect(evaluate(request({ numbers: ['9195550399'] }), new Map(), DEFAULT_POLICY).portable).toBe(true)
  })
})

describe('evaluatePortoutRequest: AcceptableValues', () => {
  const deny = policy([{ kind: 'pin_required' }])
  const all = { reveal: { telephoneNumbers: true, accountNumber: true, zipCode: true, subscriberName: true } }

  it('by default reveals only the numbers, as received', () => {
    const d = evaluate(request({ numbers: ['(919) 555-0301', '+19195550302'] }), oakRecords(), deny)
    expect(d.acceptableValues).toEqual({ telephoneNumbers: ['(919) 555-0301', '+19195550302'] })
  })

  it('reveals account, ZIP and name only when allowed and only when every known record agrees', () => {
    const p = policy([{ kind: 'pin_required' }], all)
    expect(evaluate(oakRequest({ pin: undefined }), oakRecords(), p).acceptableValues).toEqual({
      accountNumber: 'BAN-77310452',
      zipCode: '27609',
      subscriberName: 'Oak City Dental Partners LLC',
      telephoneNumbers: OAK,
    })
    const mixed = recordsOf(
      record(OAK[0]),
      record(OAK[1], { accountNumber: 'BAN-2', zipCode: null }),
      record(OAK[2], { subscriberName: 'Oak City Dental Partners, L.L.C.' }),
    )
    expect(evaluate(oakRequest({ pin: undefined }), mixed, p).acceptableValues).toEqual({
      subscriberName: 'Oak City Dental Partners LLC',
      telephoneNumbers: OAK,
    })
  })

  it('reveals nothing from records when no number is known, and nothing at all when reveal is off', () => {
    const p = policy([{ kind: 'number_known' }], all)
    expect(evaluate(request({ numbers: ['9195550399'] }), oakRecords(), p).acceptableValues).toEqual({ telephoneNumbers: [] })
    expect(xmlOf(evaluate(request({ numbers: ['9195550399'] }), oakRecords(), p))).toContain(
      '<AcceptableValues><TelephoneNumbers></TelephoneNumbers></AcceptableValues>',
    )
    const off = policy([{ kind: 'pin_required' }], { reveal: { telephoneNumbers: false } })
    const d = evaluate(oakRequest({ pin: undefined }), oakRecords(), off)
    expect(d.acceptableValues).toBeUndefined()
    expect(xmlOf(d)).not.toContain('AcceptableValues')
  })

  it('never reveals a PIN or its hash', () => {
    const d = evaluate(oakRequest({ pin: '000000' }), oakRecords(), policy([{ kind: 'pin_match' }], all))
    expect(d.acceptableValues).not.toHaveProperty('pin')
    const json = JSON.stringify(d)
    expect(json).not.toContain(hash('480213'))
    expect(json).not.toContain(hash('000000'))
    expect(json).not.toContain('480213')
  })

  it('keeps each number once, in request order', () => {
    const d = evaluate(request({ numbers: ['9195550302', '9195550301', '9195550302'] }), oakRecords(), deny)
    expect(d.acceptableValues?.telephoneNumbers).toEqual(['9195550302', '9195550301'])
    expect(d.fired[0].numbers).toEqual(['+19195550302', '+19195550301'])
  })
})

describe('buildFallbackDecision and requests that cannot be evaluated', () => {
  it('denies with 7598 "Invalid request" by default', () => {
    const d = buildFallbackDecision(DEFAULT_POLICY, 'malformed XML at line 1', 'PON-1')
    expect(d).toEqual({
      portable: false,
      pon: 'PON-1',
      errors: [{ code: '7598', description: 'Invalid request' }],
      fired: [{ ruleId: 'fallback', kind: 'fallback', mode: 'enforce', code: '7598', numbers: [], reason: 'malformed XML at line 1' }],
      monitored: [],
    })
    expect(xmlOf(d)).toBe(
      '<PortOutValidationResponse><Portable>false</Portable><PON>PON-1</PON><Errors><Error><Code>7598</Code><Description>Invalid request</Description></Error></Errors></PortOutValidationResponse>',
    )
  })

  it('follows the policy: allow, or deny with the chosen code and text', () => {
    expect(buildFallbackDecision(policySchema.parse({ fallback: { portable: true } }), 'x')).toEqual({
      portable: true,
      errors: [],
      fired: [],
      monitored: [],
    })
    const d = buildFallbackDecision(policySchema.parse({ fallback: { portable: false, code: '7516', description: 'Not ours' } }), 'x')
    expect(d.errors).toEqual([{ code: '7516', description: 'Not ours' }])
  })

  it('is the answer to a request with no numbers', () => {
    const d = evaluate({ pon: 'P', telephoneNumbers: [], e164: [] }, oakRecords(), policy([{ kind: 'pin_required' }]))
    expect(codes(d)).toEqual(['7598'])
    expect(d.pon).toBe('P')
  })
})

describe('evaluatePortoutRequest: determinism', () => {
  it('gives the same decision for the same input, whatever the order of the records map', () => {
    const req = oakRequest({ pin: '000000', zipCode: '10001' })
    const p = policy([{ kind: 'zip_match' }, { kind: 'pin_match' }, { kind: 'number_known' }])
    const a = evaluate(req, recordsOf(...OAK.map((n) => record(n))), p)
    const b = evaluate(req, recordsOf(...[...OAK].reverse().map((n) => record(n))), p)
    expect(b).toEqual(a)
    expect(codes(a)).toEqual(['7515', '7513'])
  })

  it('does not mutate its inputs', () => {
    const req = oakRequest({ pin: undefined })
    const records = oakRecords()
    const p = policy([{ kind: 'pin_required' }, { kind: 'locked_denied', params: { code: '7598' } }])
    const snapshot = JSON.stringify([req, [...records], p])
    evaluate(req, records, p)
    expect(JSON.stringify([req, [...records], p])).toBe(snapshot)
  })
})

describe('normalizeSubscriberName', () => {
  it.each([
    ['Oak City Dental Partners LLC', 'oak city dental partners'],
    ['OAK CITY DENTAL PARTNERS, L.L.C.', 'oak city dental partners'],
    ['  Garment   District Logistics, Inc. ', 'garment district logistics'],
    ['Acme Co Ltd', 'acme'],
    ['Acme Company Incorporated', 'acme'],
    ['Acme Corp.', 'acme'],
    ['José Müller-Lüdenscheidt', 'jose muller ludenscheidt'],
    ['Smith & Sons', 'smith and sons'],
    ["O'Brien", 'o brien'],
    ['Maria E. Delgado', 'maria e delgado'],
    ['Co', 'co'],
    ['Inc', 'inc'],
    ['Coco Inc', 'coco'],
    ['Costco', 'costco'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSubscriberName(input)).toBe(expected)
  })

  it('keeps a suffix word that is not at the end', () => {
    expect(normalizeSubscriberName('The Company Store')).toBe('the company store')
  })
})

describe('hashPortoutPin', () => {
  it('is hex HMAC-SHA-256, keyed, and keeps leading zeros significant', () => {
    expect(hash('0048')).toMatch(/^[0-9a-f]{64}$/)
    expect(hash('0048')).toBe(hash('0048'))
    expect(hash('0048')).not.toBe(hash('48'))
    expect(hashPortoutPin('0048', 'other-secret')).not.toBe(hash('0048'))
  })
})
