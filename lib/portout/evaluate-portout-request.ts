import { createHmac, timingSafeEqual } from 'node:crypto'
import type { AcceptableValues } from '../bandwidth/build-portout-validation-response'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import type { PortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import {
  CODE_DESCRIPTIONS,
  RULE_KIND_CODES,
  type Policy,
  type RecognisedCode,
  type Rule,
  type RuleKind,
  type RuleMode,
  type RuleScope,
} from './portout-policy'

/** What we hold about one of our numbers. */
export type SubscriberRecord = {
  e164: string
  accountNumber: string
  /** HMAC-SHA-256 (hex) of the port-out PIN, see `hashPortoutPin`; null when no PIN is on file. */
  pinHash: string | null
  zipCode: string | null
  subscriberName: string | null
  status: 'active' | 'inactive'
  tags: string[]
  /** `until: null` = locked until someone unlocks it. */
  lock: null | { until: Date | null; reason: string }
}

/** The request as parsed, plus the hash of its PIN. The engine reads `pinHash`, never `pin`. */
export type EvaluationRequest = PortoutValidationRequest & { pinHash?: string }

export type DecisionError = { code: RecognisedCode; description: string }

export type FiredRule = {
  ruleId: string
  kind: RuleKind | 'fallback'
  mode: RuleMode
  code: RecognisedCode
  /** E.164 (or the text as received when it is not a number), in request order. */
  numbers: string[]
  /** Operator-facing: may name fields, never values of PINs. Not sent to Bandwidth. */
  reason: string
}

/** Shaped so that it can be handed straight to `buildPortoutValidationResponse`. */
export type Decision = {
  portable: boolean
  /** Echoed from the request. */
  pon?: string
  /** One per code, in the order the rules first raised them; empty when portable. */
  errors: DecisionError[]
  /** Only on a denial, and only what `policy.reveal` allows. */
  acceptableValues?: AcceptableValues
  /** Every failed check, enforced and monitored, in rule order. */
  fired: FiredRule[]
  /** The monitor-mode subset of `fired`: "would have denied". */
  monitored: FiredRule[]
}

/** The PIN hash that both the request and the stored record must use. `secret` comes from the caller. */
export function hashPortoutPin(pin: string, secret: string): string {
  return createHmac('sha256', secret).update(pin, 'utf8').digest('hex')
}

/**
 * Decides a port-out validation request. Rules run in order (disabled ones skipped; unlocks are
 * exemptions that apply wherever they sit). An enforced failure denies; a monitored one is only recorded.
 */
export function evaluatePortoutRequest(
  request: EvaluationRequest,
  records: ReadonlyMap<string, SubscriberRecord>,
  policy: Policy,
  clock: { now: Date },
): Decision {
  const entries = toEntries(request, records)
  if (entries.length === 0) return buildFallbackDecision(policy, 'request has no telephone numbers', request.pon)

  const unlocked = unlockedNumbers(policy.rules, entries, request.pon, clock.now)
  const fired: FiredRule[] = []
  for (const rule of policy.rules) {
    if (!rule.enabled || rule.kind === 'unlock') continue
    const inScope = entries.filter((e) => isInScope(rule.scope, e.record))
    const failure = checkRule(rule, inScope, request, { now: clock.now, unlocked })
    if (failure) fired.push({ ruleId: rule.id, kind: rule.kind, mode: rule.mode, ...failure })
  }

  const enforced = fired.filter((f) => f.mode === 'enforce')
  const monitored = fired.filter((f) => f.mode === 'monitor')
  const base = { ...(request.pon !== undefined && { pon: request.pon }), fired, monitored }
  if (enforced.length === 0) return { portable: true, ...base, errors: [] }

  const codes = [...new Set(enforced.map((f) => f.code))]
  const errors = codes.map((code) => ({ code, description: CODE_DESCRIPTIONS[code] }))
  const acceptableValues = revealAcceptableValues(policy.reveal, request, entries, enforced)
  return { portable: false, ...base, errors, ...(acceptableValues && { acceptableValues }) }
}

/** The policy's fallback answer, for a request that cannot be evaluated (e.g. it did not parse). */
export function buildFallbackDecision(policy: Policy, reason: string, pon?: string): Decision {
  const withPon = pon !== undefined ? { pon } : {}
  const fallback = policy.fallback
  if (fallback.portable) return { portable: true, ...withPon, errors: [], fired: [], monitored: [] }
  const hit: FiredRule = { ruleId: 'fallback', kind: 'fallback', mode: 'enforce', code: fallback.code, numbers: [], reason }
  return { portable: false, ...withPon, errors: [{ code: fallback.code, description: fallback.description }], fired: [hit], monitored: [] }
}

/**
 * Lower-case, no diacritics, punctuation as spaces, `&` as "and", trailing corporate suffixes dropped
 * (also spelled with dots, "L.L.C."), spaces collapsed: "Oak City Dental Partners, L.L.C." → "oak city dental partners".
 */
export function normalizeSubscriberName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
  for (;;) {
    const last = words.at(-1)
    if (words.length > 1 && last !== undefined && CORPORATE_SUFFIXES.has(last)) {
      words.pop()
      continue
    }
    // "L.L.C." became "l l c": a trailing run of single letters that spells a suffix.
    let start = words.length
    while (start > 0 && words[start - 1].length === 1) start--
    if (start > 0 && words.length - start >= 2 && CORPORATE_SUFFIXES.has(words.slice(start).join(''))) {
      words.length = start
      continue
    }
    return words.join(' ')
  }
}

const CORPORATE_SUFFIXES = new Set(['llc', 'inc', 'corp', 'co', 'ltd', 'company', 'incorporated', 'corporation', 'limited'])

// ---------------------------------------------------------------------------------------------

type Entry = {
  /** The number as received. */
  raw: string
  /** E.164, or the trimmed text when it is not a number: how it is named in `fired`. */
  key: string
  record: SubscriberRecord | undefined
}

type Failure = { code: RecognisedCode; numbers: string[]; reason: string }
type Context = { now: Date; unlocked: ReadonlySet<string> }

// The rules that judge a number itself. A number failing one of these (enforced) is left out of
// AcceptableValues/TelephoneNumbers; the *_match rules judge the request's fields, not the number.
const NUMBER_KINDS: ReadonlySet<FiredRule['kind']> = new Set(['number_known', 'number_active', 'locked_denied'])

/** One entry per distinct number, in request order. */
function toEntries(request: EvaluationRequest, records: ReadonlyMap<string, SubscriberRecord>): Entry[] {
  const seen = new Set<string>()
  const out: Entry[] = []
  request.telephoneNumbers.forEach((raw, i) => {
    const e164 = request.e164[i] !== undefined ? request.e164[i] : normalizeTelephoneNumber(raw)
    const key = e164 ?? raw.trim()
    if (seen.has(key)) return
    seen.add(key)
    out.push({ raw, key, record: e164 === null ? undefined : records.get(e164) })
  })
  return out
}

/** A number without a record is in scope only of rules that apply to all numbers. */
function isInScope(scope: RuleScope, record: SubscriberRecord | undefined): boolean {
  if (scope.type === 'all') return true
  if (!record) return false
  if (scope.type === 'tag') return record.tags.includes(scope.tag)
  return scopeAccounts(scope.accounts).has(normalizeAccount(record.accountNumber))
}

// A policy is parsed once per version and then reused for every request, so its account lists are
// normalized once too: a policy with dozens of account-scoped rules would otherwise normalize every
// listed account for every rule and every number of every request (measured: a tenth of the responder's CPU).
const normalizedAccounts = new WeakMap<readonly string[], ReadonlySet<string>>()
function scopeAccounts(accounts: readonly string[]): ReadonlySet<string> {
  let set = normalizedAccounts.get(accounts)
  if (!set) normalizedAccounts.set(accounts, (set = new Set(accounts.map(normalizeAccount))))
  return set
}

/** Numbers let past locked_denied by an enabled, enforced, unexpired unlock whose PON (if any) matches. */
function unlockedNumbers(rules: readonly Rule[], entries: readonly Entry[], pon: string | undefined, now: Date): Set<string> {
  const out = new Set<string>()
  for (const rule of rules) {
    if (rule.kind !== 'unlock' || !rule.enabled || rule.mode !== 'enforce') continue
    if (!(now.getTime() < Date.parse(rule.params.until))) continue
    if (rule.params.pon !== undefined && rule.params.pon !== pon) continue
    const numbers = new Set(rule.params.numbers)
    for (const e of entries) if (numbers.has(e.key) && isInScope(rule.scope, e.record)) out.add(e.key)
  }
  return out
}

function checkRule(rule: Rule, inScope: readonly Entry[], request: EvaluationRequest, ctx: Context): Failure | null {
  switch (rule.kind) {
    case 'pin_required':
      return requireField(inScope, request.pinHash, RULE_KIND_CODES.pin_required, 'request has no Pin')
    case 'account_required':
      return requireField(inScope, request.accountNumber, RULE_KIND_CODES.account_required, 'request has no AccountNumber')
    case 'zip_required':
      return requireField(inScope, request.zipCode, RULE_KIND_CODES.zip_required, 'request has no ZipCode')
    case 'max_numbers':
      if (inScope.length <= rule.params.max) return null
      return failure(
        RULE_KIND_CODES.max_numbers,
        inScope,
        `request has ${inScope.length} numbers in scope, more than the ${rule.params.max} allowed`,
      )

    // A *_match rule with the field absent fails with the "missing" code: leaving the PIN out must not
    // be a way around a PIN check. Records with nothing on file have nothing to match and pass.
    case 'pin_match': {
      const onFile = inScope.filter((e) => e.record?.pinHash != null)
      if (request.pinHash === undefined) return failure('7512', onFile, 'request has no Pin, and a PIN is on file')
      const hash = request.pinHash
      return failure(
        RULE_KIND_CODES.pin_match,
        onFile.filter((e) => !hashesEqual(hash, e.record!.pinHash!)),
        'Pin does not match the PIN on file',
      )
    }
    case 'account_match': {
      const onFile = inScope.filter((e) => e.record !== undefined)
      const given = request.accountNumber
      if (given === undefined) return failure('7510', onFile, 'request has no AccountNumber')
      const mismatched = onFile.filter((e) => normalizeAccount(e.record!.accountNumber) !== normalizeAccount(given))
      return failure(RULE_KIND_CODES.account_match, mismatched, 'AccountNumber does not match the account on file')
    }
    case 'zip_match': {
      const onFile = inScope.filter((e) => e.record?.zipCode != null)
      const given = request.zipCode
      if (given === undefined) return failure('7514', onFile, 'request has no ZipCode, and a ZIP code is on file')
      return failure(
        RULE_KIND_CODES.zip_match,
        onFile.filter((e) => !zipsMatch(given, e.record!.zipCode!)),
        'ZipCode does not match the ZIP code on file',
      )
    }
    case 'name_match': {
      // No "name missing" code exists, so a missing name is a mismatch (7519) too.
      const onFile = inScope.filter((e) => e.record?.subscriberName != null)
      const given = request.subscriberName
      if (given === undefined) return failure(RULE_KIND_CODES.name_match, onFile, 'request has no SubscriberName, and a name is on file')
      const name = normalizeSubscriberName(given)
      const mismatched = onFile.filter((e) => normalizeSubscriberName(e.record!.subscriberName!) !== name)
      return failure(RULE_KIND_CODES.name_match, mismatched, 'SubscriberName does not match the name on file')
    }

    case 'number_known':
      return failure(
        RULE_KIND_CODES.number_known,
        inScope.filter((e) => !e.record),
        'number not in our records',
      )
    case 'number_active':
      return failure(
        RULE_KIND_CODES.number_active,
        inScope.filter((e) => e.record?.status === 'inactive'),
        'number is not active',
      )
    case 'locked_denied': {
      const locked = inScope.filter((e) => isLocked(e.record, ctx.now) && !ctx.unlocked.has(e.key))
      return failure(rule.params.code, locked, `number is locked: ${lockReasons(locked, ctx.now)}`)
    }
    case 'unlock':
      return null
  }
}

function requireField(inScope: readonly Entry[], value: string | undefined, code: RecognisedCode, reason: string): Failure | null {
  return value === undefined ? failure(code, inScope, reason) : null
}

function failure(code: RecognisedCode, failing: readonly Entry[], reason: string): Failure | null {
  return failing.length === 0 ? null : { code, numbers: failing.map((e) => e.key), reason }
}

function isLocked(record: SubscriberRecord | undefined, now: Date): boolean {
  const lock = record?.lock
  if (!lock) return false
  return lock.until === null || now.getTime() < lock.until.getTime()
}

function lockReasons(locked: readonly Entry[], now: Date): string {
  const reasons = locked.map((e) => {
    const lock = e.record!.lock!
    return `${oneLine(lock.reason)} (${lock.until ? `until ${lock.until.toISOString()}` : 'no expiry'})`
  })
  return [...new Set(reasons)].join('; ') || `locked at ${now.toISOString()}`
}

/** Hex digests compared in constant time; anything else (wrong length, not hex) is simply unequal. */
function hashesEqual(a: string, b: string): boolean {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  if (x.length !== y.length || x.length === 0 || x.length % 2 !== 0 || !HEX.test(x) || !HEX.test(y)) return false
  return timingSafeEqual(Buffer.from(x, 'hex'), Buffer.from(y, 'hex'))
}
const HEX = /^[0-9a-f]+$/

/** Account codes are compared ignoring case, spaces and dashes ("ban-7731 0452" = "BAN77310452"). */
function normalizeAccount(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase()
}

/** US ZIP+4 matches its 5-digit ZIP; other postal codes compare ignoring case, spaces and dashes. */
function zipsMatch(a: string, b: string): boolean {
  const x = normalizeAccount(a)
  const y = normalizeAccount(b)
  if (/^\d{5}(\d{4})?$/.test(x) && /^\d{5}(\d{4})?$/.test(y)) return x.slice(0, 5) === y.slice(0, 5)
  return x === y
}

function revealAcceptableValues(
  reveal: Policy['reveal'],
  request: EvaluationRequest,
  entries: readonly Entry[],
  enforced: readonly FiredRule[],
): AcceptableValues | undefined {
  const out: AcceptableValues = {}
  const known = entries.flatMap((e) => (e.record ? [e.record] : []))
  if (reveal.accountNumber)
    out.accountNumber = agreedValue(
      known.map((r) => r.accountNumber),
      normalizeAccount,
    )
  if (reveal.zipCode)
    out.zipCode = agreedValue(
      known.map((r) => r.zipCode),
      normalizeAccount,
    )
  if (reveal.subscriberName)
    out.subscriberName = agreedValue(
      known.map((r) => r.subscriberName),
      normalizeSubscriberName,
    )
  if (reveal.telephoneNumbers) {
    const failed = new Set(enforced.filter((f) => NUMBER_KINDS.has(f.kind)).flatMap((f) => f.numbers))
    out.telephoneNumbers = entries.filter((e) => !failed.has(e.key)).map((e) => e.raw)
  }
  for (const key of ['accountNumber', 'zipCode', 'subscriberName'] as const) if (out[key] === undefined) delete out[key]
  return Object.keys(out).length > 0 ? out : undefined
}

/** The first value when every record has one and they all agree (after `normalize`); else nothing. */
function agreedValue(values: readonly (string | null)[], normalize: (v: string) => string): string | undefined {
  const first = values[0]
  if (first == null) return undefined
  const target = normalize(first)
  return values.every((v) => v != null && normalize(v) === target) ? first : undefined
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200)
}
