// Ties everything derived from the rule-kind descriptors together: the schema, the engine, the editor's
// form, the codes, and the README's table of kinds.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluatePortoutRequest, hashPortoutPin, type EvaluationRequest, type SubscriberRecord } from './evaluate-portout-request'
import { policySchema, type Rule } from './portout-policy'
import { RECOGNISED_CODES, type RecognisedCode } from './response-codes'
import { describeKind, REQUEST_FIELDS, RULE_KIND_DESCRIPTORS, RULE_KINDS, WHEN_ABSENT, type RuleKind } from './rule-kinds'

const NOW = new Date('2025-03-26T12:00:00Z')
const SECRET = 'rule-kinds-test'
const E164 = '+19195550301'

/** Options worth testing for each kind: the defaults, except where the default is incomplete (an unlock names numbers). */
function sampleParams(kind: RuleKind): unknown {
  if (kind === 'unlock') return { numbers: [E164], until: '2025-04-01T00:00:00Z', pon: 'PON-1' }
  return describeKind(kind).defaultParams(NOW)
}
const ruleOf = (kind: RuleKind, params = sampleParams(kind)): Rule =>
  policySchema.parse({ rules: [{ id: 'r', kind, params, scope: { type: 'all' }, mode: 'enforce', enabled: true }] }).rules[0]

const record: SubscriberRecord = {
  e164: E164,
  accountNumber: 'BAN-1',
  pinHash: hashPortoutPin('480213', SECRET),
  zipCode: '27609',
  subscriberName: 'Oak City Dental',
  status: 'inactive',
  tags: [],
  lock: { until: null, reason: 'x' },
}

/** A request each kind's rule fails on (with the record above, or none for number_known). Unlock never fails. */
const FAILING: Record<Exclude<RuleKind, 'unlock'>, EvaluationRequest> = {
  pin_required: { telephoneNumbers: [E164], e164: [E164] },
  pin_match: { telephoneNumbers: [E164], e164: [E164], pinHash: hashPortoutPin('000000', SECRET) },
  account_required: { telephoneNumbers: [E164], e164: [E164] },
  account_match: { telephoneNumbers: [E164], e164: [E164], accountNumber: 'BAN-2' },
  zip_required: { telephoneNumbers: [E164], e164: [E164] },
  zip_match: { telephoneNumbers: [E164], e164: [E164], zipCode: '10001' },
  name_match: { telephoneNumbers: [E164], e164: [E164], subscriberName: 'Someone Else' },
  number_known: { telephoneNumbers: ['9195550399'], e164: ['+19195550399'] },
  number_active: { telephoneNumbers: [E164], e164: [E164] },
  max_numbers: {
    telephoneNumbers: Array.from({ length: 11 }, (_, i) => `91955503${10 + i}`),
    e164: Array.from({ length: 11 }, (_, i) => `+191955503${10 + i}`),
  },
  locked_denied: { telephoneNumbers: [E164], e164: [E164] },
}

describe('rule-kind descriptors', () => {
  it('are the kinds, in the order the editor offers them', () => {
    expect(RULE_KINDS).toEqual(Object.keys(RULE_KIND_DESCRIPTORS))
    expect(RULE_KINDS).toEqual([
      'pin_required',
      'pin_match',
      'account_required',
      'account_match',
      'zip_required',
      'zip_match',
      'name_match',
      'number_known',
      'number_active',
      'max_numbers',
      'locked_denied',
      'unlock',
    ])
  })

  it.each(RULE_KINDS)('%s: the policy schema accepts it with its options and refuses an unknown option', (kind) => {
    expect(ruleOf(kind).kind).toBe(kind)
    const bad = { rules: [{ id: 'r', kind, params: { nonsense: 1 }, scope: { type: 'all' }, mode: 'enforce', enabled: true }] }
    expect(policySchema.safeParse(bad).success).toBe(false)
  })

  it.each(RULE_KINDS)('%s: every code it names is a 75xx code Bandwidth recognises', (kind) => {
    const d = describeKind(kind)
    const codes: RecognisedCode[] = [...Object.values(d.codes), ...d.codesOf(ruleOf(kind).params)]
    for (const code of codes) {
      expect(code).toMatch(/^75\d\d$/)
      expect(RECOGNISED_CODES).toContain(code)
    }
    if (d.family !== 'exemption') expect(d.codesOf(ruleOf(kind).params).length).toBeGreaterThan(0)
    else expect(d.codesOf(ruleOf(kind).params)).toEqual([])
  })

  it.each(RULE_KINDS)('%s: says what it is, and reads a request field that exists', (kind) => {
    const d = describeKind(kind)
    expect(d.label.length).toBeGreaterThan(3)
    expect(d.help).toMatch(/^[A-Z].*[^.]$/) // a sentence the UI punctuates
    expect(d.sentence(ruleOf(kind).params, { formatInstant: (iso) => iso })).toMatch(/^[A-Z]/)
    if (d.field !== null) expect(Object.keys(REQUEST_FIELDS)).toContain(d.field)
  })

  it.each(RULE_KINDS)('%s: the editor round-trips its options, and has an input for each', (kind) => {
    const d = describeKind(kind)
    const params = ruleOf(kind).params
    const values = d.form.toForm(params)
    expect(d.params.parse(d.form.fromForm(values))).toEqual(params)
    expect(Object.keys(values).sort()).toEqual(d.form.fields.map((f) => f.name).sort())
    for (const key of Object.keys(params)) expect(d.form.fields.map((f) => f.name)).toContain(key)
  })

  it('families: required kinds answer a missing field; match kinds a missing and a wrong one, and offer whenAbsent', () => {
    for (const kind of RULE_KINDS) {
      const d = describeKind(kind)
      if (d.family === 'required') {
        expect(d.codes.absent).toBeDefined()
        expect(d.field).not.toBe('telephoneNumbers')
      }
      if (d.family === 'match') {
        expect([d.codes.absent, d.codes.failed].every(Boolean)).toBe(true)
        for (const whenAbsent of WHEN_ABSENT) expect(ruleOf(kind, { whenAbsent }).params).toEqual({ whenAbsent })
        expect(ruleOf(kind, {}).params).toEqual({ whenAbsent: 'fail' })
        const field = d.form.fields.find((f) => f.name === 'whenAbsent')
        expect(field?.input === 'select' && field.options.map((o) => o.value)).toEqual([...WHEN_ABSENT])
      }
    }
    expect(RULE_KINDS.filter((k) => describeKind(k).family === 'match')).toEqual(['pin_match', 'account_match', 'zip_match', 'name_match'])
  })

  // The engine has a check for every kind, answers with the descriptor's codes, and drops a number from
  // AcceptableValues exactly when the descriptor says the kind judges the number.
  it.each(RULE_KINDS.filter((k): k is Exclude<RuleKind, 'unlock'> => k !== 'unlock'))(
    '%s: the engine fails it with one of its codes',
    (kind) => {
      const rule = ruleOf(kind)
      const policy = policySchema.parse({ rules: [rule] })
      const d = evaluatePortoutRequest(FAILING[kind], new Map([[E164, record]]), policy, { now: NOW })
      expect(d.portable).toBe(false)
      expect(describeKind(kind).codesOf(rule.params)).toContain(d.errors[0].code)
      const failedNumbers = d.fired[0].numbers
      const listed = d.acceptableValues?.telephoneNumbers ?? []
      const dropped = FAILING[kind].telephoneNumbers.filter((n, i) => failedNumbers.includes(FAILING[kind].e164[i]!) && !listed.includes(n))
      expect(dropped.length > 0).toBe(describeKind(kind).judges === 'number')
    },
  )

  it('unlock never denies', () => {
    const policy = policySchema.parse({ rules: [ruleOf('unlock')] })
    expect(
      evaluatePortoutRequest({ telephoneNumbers: [E164], e164: [E164] }, new Map([[E164, record]]), policy, { now: NOW }).portable,
    ).toBe(true)
  })

  it('README lists every kind with its codes (between the rule-kinds markers)', () => {
    const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
    const table = /<!-- rule-kinds:start -->\n([\s\S]*?)\n<!-- rule-kinds:end -->/.exec(readme)?.[1]
    const expected = [
      '| Kind | What it checks | Codes | Options |',
      '|---|---|---|---|',
      ...RULE_KINDS.map((kind) => {
        const d = describeKind(kind)
        const codes = kind === 'locked_denied' ? 'chosen (`code`)' : d.codesOf(ruleOf(kind).params).join(', ') || 'never denies'
        const options = d.form.fields.map((f) => `\`${f.name}\``).join(', ') || '—'
        return `| \`${kind}\` | ${d.help} | ${codes} | ${options} |`
      }),
    ].join('\n')
    expect(table, `README.md should hold, between the markers:\n${expected}`).toBe(expected)
  })
})
