// Policies approved before the *_match rules had `whenAbsent` are stored without it: they must parse and
// answer exactly as they did. test/fixtures/portout/decisions-before-when-absent.json holds what the engine
// at commit 0a3e0a3 answered for two such policies over a grid of requests (each field absent, right, wrong).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluatePortoutRequest, hashPortoutPin, type Decision, type SubscriberRecord } from './evaluate-portout-request'
import { policySchema } from './portout-policy'

type StoredRecord = Omit<SubscriberRecord, 'lock'> & { lock: null | { until: string | null; reason: string } }
type Case = [
  [
    policy: string,
    pon: string | null,
    pin: string | null,
    account: string | null,
    zip: string | null,
    name: string | null,
    numbers: string,
  ],
  string,
]
type Golden = { secret: string; now: string; records: StoredRecord[]; policies: Record<string, unknown>; cases: Case[] }

const golden = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures/portout/decisions-before-when-absent.json'), 'utf8'),
) as Golden

/** The answer and every fired rule (id, mode, code, numbers); the operator-facing reason text may be reworded. */
function summarise(d: Decision): string {
  const av = d.acceptableValues ? ` av=${JSON.stringify(d.acceptableValues)}` : ''
  const fired = d.fired.map((f) => `${f.ruleId}:${f.mode}:${f.code}:${f.numbers.map((n) => n.slice(-4)).join(',')}`).join(' ')
  return `${d.portable ? 'portable' : `denied ${d.errors.map((e) => e.code).join(',')}`}${av} fired=[${fired}]`
}

describe('policies stored before whenAbsent existed', () => {
  it('parse, and their *_match rules read as whenAbsent "fail"', () => {
    for (const stored of Object.values(golden.policies)) {
      const policy = policySchema.parse(stored)
      for (const rule of policy.rules)
        if (rule.kind === 'pin_match' || rule.kind === 'account_match' || rule.kind === 'zip_match' || rule.kind === 'name_match')
          expect(rule.params).toEqual({ whenAbsent: 'fail' })
    }
  })

  it(`answer all ${golden.cases.length} recorded requests exactly as before`, () => {
    expect(golden.cases.length).toBe(288)
    const records = new Map(
      golden.records.map((r) => [
        r.e164,
        { ...r, lock: r.lock && { ...r.lock, until: r.lock.until === null ? null : new Date(r.lock.until) } },
      ]),
    )
    const policies = Object.fromEntries(Object.entries(golden.policies).map(([name, json]) => [name, policySchema.parse(json)]))
    const now = new Date(golden.now)
    const actual = golden.cases.map(([input]) => {
      const [policy, pon, pin, accountNumber, zipCode, subscriberName, numbers] = input
      const telephoneNumbers = numbers.split(' ')
      const request = {
        ...(pon !== null && { pon }),
        ...(pin !== null && { pinHash: hashPortoutPin(pin, golden.secret) }),
        ...(accountNumber !== null && { accountNumber }),
        ...(zipCode !== null && { zipCode }),
        ...(subscriberName !== null && { subscriberName }),
        telephoneNumbers,
        e164: telephoneNumbers.map((n) => `+1${n}`),
      }
      return [input, summarise(evaluatePortoutRequest(request, records, policies[policy], { now }))]
    })
    expect(actual).toEqual(golden.cases)
  })
})
