import { createHmac, timingSafeEqual } from 'node:crypto'
import type { AcceptableValues } from '../bandwidth/build-portout-validation-response'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import type { PortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import type { Policy, Rule, RuleMode, RuleOf, RuleScope } from './portout-policy'
import { CODE_DESCRIPTIONS, type RecognisedCode } from './response-codes'
import { REQUEST_FIELDS, RULE_KIND_DESCRIPTORS, type KindsOf, type RequestField, type RuleKind } from './rule-kinds'

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
export function isInScope(scope: RuleScope, record: SubscriberRecord | undefined): boolean {
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

/** Numbers let past locked_denied by an unlock rule (see `unlockExempts`). */
function unlockedNumbers(rules: readonly Rule[], entries: readonly Entry[], pon: string | undefined, now: Date): Set<string> {
  const out = new Set<string>()
  for (const rule of rules) {
    if (rule.kind !== 'unlock') continue
    for (const e of entries) if (unlockExempts(rule, e.key, e.record, pon, now)) out.add(e.key)
  }
  return out
}

/** An enabled, enforced, unexpired unlock that lists the number, has it in scope, and whose PON (if it has one) is `pon`. */
export function unlockExempts(
  rule: RuleOf<'unlock'>,
  e164: string,
  record: SubscriberRecord | undefined,
  pon: string | undefined,
  now: Date,
): boolean {
  if (!rule.enabled || rule.mode !== 'enforce') return false
  if (!(now.getTime() < Date.parse(rule.params.until))) return false
  if (rule.params.pon !== undefined && rule.params.pon !== pon) return false
  return rule.params.numbers.includes(e164) && isInScope(rule.scope, record)
}

type Check<R extends Rule> = (rule: R, inScope: readonly Entry[], request: EvaluationRequest, ctx: Context) => Failure | null

/** One check per kind (TypeScript insists on every kind); codes and fields come from the kind's descriptor. */
const CHECKS: { [K in RuleKind]: Check<RuleOf<K>> } = {
  pin_required: requiredCheck('pin_required'),
  account_required: requiredCheck('account_required'),
  zip_required: requiredCheck('zip_required'),
  pin_match: matchCheck('pin_match', (r) => r.pinHash, hashesEqual),
  account_match: matchCheck(
    'account_match',
    (r) => r.accountNumber,
    (a, b) => normalizeAccount(a) === normalizeAccount(b),
  ),
  zip_match: matchCheck('zip_match', (r) => r.zipCode, zipsMatch),
  name_match: matchCheck(
    'name_match',
    (r) => r.subscriberName,
    (a, b) => normalizeSubscriberName(a) === normalizeSubscriberName(b),
  ),
  number_known: (_rule, inScope) =>
    failure(
      RULE_KIND_DESCRIPTORS.number_known.codes.failed,
      inScope.filter((e) => !e.record),
      'number not in our records',
    ),
  number_active: (_rule, inScope) =>
    failure(
      RULE_KIND_DESCRIPTORS.number_active.codes.failed,
      inScope.filter((e) => e.record?.status === 'inactive'),
      'number is not active',
    ),
  max_numbers: (rule, inScope) => {
    if (inScope.length <= rule.params.max) return null
    return failure(
      RULE_KIND_DESCRIPTORS.max_numbers.codes.failed,
      inScope,
      `request has ${inScope.length} numbers in scope, more than the ${rule.params.max} allowed`,
    )
  },
  locked_denied: (rule, inScope, _request, ctx) => {
    const locked = inScope.filter((e) => isLocked(e.record, ctx.now) && !ctx.unlocked.has(e.key))
    return failure(rule.params.code, locked, `number is locked: ${lockReasons(locked, ctx.now)}`)
  },
  // An exemption never denies: it is applied up front, by `unlockedNumbers`.
  unlock: () => null,
}

function checkRule(rule: Rule, inScope: readonly Entry[], request: EvaluationRequest, ctx: Context): Failure | null {
  // CHECKS is keyed by kind, so this is the check of this rule's kind; TypeScript cannot correlate the two.
  const check = CHECKS[rule.kind] as Check<Rule>
  return check(rule, inScope, request, ctx)
}

/** A field as the engine may read it: the PIN only as its hash. Missing, blank, or a name that names nobody: undefined. */
function requestValue(request: EvaluationRequest, field: RequestField): string | undefined {
  if (field === 'pin') return request.pinHash
  if (field === 'accountNumber') return request.accountNumber
  if (field === 'zipCode') return request.zipCode
  if (field === 'subscriberName') {
    // "-" or "..." has no letter or digit: no name was given, which is not the same as a wrong name.
    const name = request.subscriberName
    return name !== undefined && normalizeSubscriberName(name) !== '' ? name : undefined
  }
  return undefined
}

function requiredCheck(kind: KindsOf<'required'>): Check<Rule> {
  const { field, codes } = RULE_KIND_DESCRIPTORS[kind]
  const reason = `request has no ${REQUEST_FIELDS[field].element}`
  return (_rule, inScope, request) => (requestValue(request, field) === undefined ? failure(codes.absent, inScope, reason) : null)
}

/**
 * A *_match rule compares the request's field with every in-scope record that has a value on file (nothing
 * on file, nothing to match: it passes). When the request lacks the field, `whenAbsent: 'fail'` (the
 * default) answers the "missing" code, so leaving the PIN out is no way around a PIN check; `'pass'`
 * checks the field only when the request carries it.
 */
function matchCheck(
  kind: KindsOf<'match'>,
  onFile: (record: SubscriberRecord) => string | null,
  same: (given: string, onFile: string) => boolean,
): Check<RuleOf<KindsOf<'match'>>> {
  const { field, codes } = RULE_KIND_DESCRIPTORS[kind]
  const { element, noun, aNoun } = REQUEST_FIELDS[field]
  return (rule, inScope, request) => {
    const withValue = inScope.filter((e) => e.record !== undefined && onFile(e.record) != null)
    const given = requestValue(request, field)
    if (given === undefined) {
      if (rule.params.whenAbsent === 'pass') return null
      return failure(codes.absent, withValue, `request has no ${element}, and ${aNoun} is on file`)
    }
    return failure(
      codes.failed,
      withValue.filter((e) => !same(given, onFile(e.record!)!)),
      `${element} does not match the ${noun} on file`,
    )
  }
}

function failure(code: RecognisedCode, failing: readonly Entry[], reason: string): Failure | null {
  return failing.length === 0 ? null : { code, numbers: failing.map((e) => e.key), reason }
}

/** A lock without an end, or one whose end is still ahead. */
export function isLocked(record: SubscriberRecord | undefined, now: Date): boolean {
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
    // A number failing a rule that judges the number itself is not acceptable; a failed field check leaves it listed.
    const failed = new Set(enforced.filter((f) => judgesTheNumber(f.kind)).flatMap((f) => f.numbers))
    out.telephoneNumbers = entries.filter((e) => !failed.has(e.key)).map((e) => e.raw)
  }
  for (const key of ['accountNumber', 'zipCode', 'subscriberName'] as const) if (out[key] === undefined) delete out[key]
  return Object.keys(out).length > 0 ? out : undefined
}

function judgesTheNumber(kind: FiredRule['kind']): boolean {
  return kind !== 'fallback' && RULE_KIND_DESCRIPTORS[kind].judges === 'number'
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
