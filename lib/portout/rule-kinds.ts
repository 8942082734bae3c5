// One descriptor per port-out rule kind: its options (zod), the codes it answers, the request field it
// reads, how it is described and edited. The policy schema, the engine's checks, the describer, the
// draft model and the rule editor are all derived from this table (rule-kinds.test.ts ties them).
import { z } from 'zod'
import { normalizeTelephoneNumber } from '../bandwidth/normalize-telephone-number'
import { CODE_DESCRIPTIONS, RECOGNISED_CODES, recognisedCodeSchema, type RecognisedCode } from './response-codes'

/** The request fields a rule can read, by their XML element (the engine reads the PIN only as its keyed hash). */
export const REQUEST_FIELDS = {
  pin: { element: 'Pin', noun: 'PIN', aNoun: 'a PIN' },
  accountNumber: { element: 'AccountNumber', noun: 'account number', aNoun: 'an account number' },
  zipCode: { element: 'ZipCode', noun: 'ZIP code', aNoun: 'a ZIP code' },
  subscriberName: { element: 'SubscriberName', noun: 'subscriber name', aNoun: 'a subscriber name' },
  telephoneNumbers: { element: 'TelephoneNumbers', noun: 'telephone numbers', aNoun: 'telephone numbers' },
} as const
export type RequestField = keyof typeof REQUEST_FIELDS

/**
 * How a kind judges, one engine check per family: `required` (the field must be present), `match` (the
 * field must agree with the record), `number` (the number itself), `count`, `lock`, and `exemption`.
 */
export type RuleFamily = 'required' | 'match' | 'number' | 'count' | 'lock' | 'exemption'

/** What a *_match rule does when the request lacks its field: deny with the "missing" code, or pass. */
export const WHEN_ABSENT = ['fail', 'pass'] as const
export type WhenAbsent = (typeof WHEN_ABSENT)[number]

/** One input of the rule editor. `name` is the key in the form values and in `params` (for error messages). */
export type ParamField = { name: string; label: string; hint?: string; /** Takes two columns of the editor. */ wide?: boolean } & (
  | { input: 'number'; min: number; max: number }
  | { input: 'select'; options: readonly { value: string; label: string }[] }
  | { input: 'text'; maxLength?: number }
  /** An ISO instant, edited in the operator's local time. */
  | { input: 'instant' }
)
/** The editor holds every option as text; `fromForm` turns it back into params for the schema to check. */
export type FormValues = Readonly<Record<string, string>>

export type DescribeOptions = { formatInstant: (iso: string) => string }

type Codes = { absent?: RecognisedCode; failed?: RecognisedCode }

export type KindDescriptor<P extends z.ZodType = z.ZodType, F extends RuleFamily = RuleFamily, C extends Codes = Codes> = {
  /** A short name an operator reads in lists. */
  label: string
  /** What the kind checks, in one sentence. */
  help: string
  family: F
  /** The request field it reads, if any. */
  field: RequestField | null
  /** `number`: a failure judges the number itself (it is left out of AcceptableValues); `request`: the request's fields. */
  judges: 'number' | 'request' | null
  /** The fixed codes: `absent` when the field is missing, `failed` when the check fails. locked_denied's code is an option. */
  codes: C
  params: P
  /** The options of a newly added rule. */
  defaultParams: (now: Date) => z.output<P>
  /** Every code a rule with these options can answer, the main one first; none for an exemption. */
  codesOf: (params: z.output<P>) => RecognisedCode[]
  /** The options in a few words ("max 10"), or '' for a kind without options. */
  describeParams: (params: z.output<P>, o: DescribeOptions) => string
  /** The rule in one sentence, options included. */
  sentence: (params: z.output<P>, o: DescribeOptions) => string
  form: {
    fields: readonly ParamField[]
    toForm: (params: z.output<P>) => FormValues
    fromForm: (values: FormValues) => unknown
  }
}

/** Scope tags, account numbers, an unlock's PON. */
export const labelSchema = z.string().trim().min(1).max(100)

// ---------------------------------------------------------------------------------------------
// Families

const noParams = z.strictObject({}).default({})
/** What a kind without options has in common. */
const WITHOUT_OPTIONS = {
  params: noParams,
  defaultParams: () => ({}),
  describeParams: () => '',
  form: { fields: [], toForm: () => ({}), fromForm: () => ({}) },
}

function required(
  field: RequestField,
  code: RecognisedCode,
  help: string,
): KindDescriptor<typeof noParams, 'required', { absent: RecognisedCode }> & { field: RequestField } {
  return {
    label: `${capitalise(REQUEST_FIELDS[field].noun)} required`,
    help,
    family: 'required',
    field,
    judges: 'request',
    codes: { absent: code },
    codesOf: () => [code],
    sentence: () => help,
    ...WITHOUT_OPTIONS,
  }
}

const whenAbsentParams = z.strictObject({ whenAbsent: z.enum(WHEN_ABSENT).default('fail') }).default({ whenAbsent: 'fail' })

/** Absent `fail` (the default, so policies stored before the option keep their meaning) or `pass`. */
function match(
  field: RequestField,
  codes: { absent: RecognisedCode; failed: RecognisedCode },
  help: string,
): KindDescriptor<typeof whenAbsentParams, 'match', { absent: RecognisedCode; failed: RecognisedCode }> & { field: RequestField } {
  const { noun, aNoun } = REQUEST_FIELDS[field]
  return {
    label: `${capitalise(noun)} must match`,
    help,
    family: 'match',
    field,
    judges: 'request',
    codes,
    params: whenAbsentParams,
    defaultParams: () => ({ whenAbsent: 'fail' }),
    codesOf: (p) => (p.whenAbsent === 'fail' && codes.absent !== codes.failed ? [codes.failed, codes.absent] : [codes.failed]),
    describeParams: (p) =>
      p.whenAbsent === 'pass' ? `only when the request carries ${aNoun}` : `a missing ${noun} answers ${codes.absent}`,
    sentence: (p) =>
      p.whenAbsent === 'pass'
        ? `${help}, checked only when the request carries one`
        : `${help}; a request without one is denied with ${codes.absent}`,
    form: {
      fields: [
        {
          name: 'whenAbsent',
          label: `When the request has no ${noun}`,
          input: 'select',
          wide: true,
          options: [
            { value: 'fail', label: `Deny with ${codes.absent} — ${CODE_DESCRIPTIONS[codes.absent]}` },
            { value: 'pass', label: `Pass: check the ${noun} only when the request carries one` },
          ],
        },
      ],
      toForm: (p) => ({ whenAbsent: p.whenAbsent }),
      fromForm: (v) => ({ whenAbsent: v.whenAbsent }),
    },
  }
}

function number(code: RecognisedCode, label: string, help: string): KindDescriptor<typeof noParams, 'number', { failed: RecognisedCode }> {
  return {
    label,
    help,
    family: 'number',
    field: 'telephoneNumbers',
    judges: 'number',
    codes: { failed: code },
    codesOf: () => [code],
    sentence: () => help,
    ...WITHOUT_OPTIONS,
  }
}

const maxParams = z.strictObject({ max: z.int().min(1).max(1000) })
const lockParams = z.strictObject({ code: recognisedCodeSchema })
const unlockParams = z.strictObject({
  numbers: z
    .array(z.string().regex(/^\+[1-9]\d{7,14}$/, 'numbers must be E.164, e.g. +19195550301'))
    .min(1)
    .max(1000),
  /** Only a request with exactly this PON is let through. */
  pon: labelSchema.optional(),
  /** Valid strictly before this instant. */
  until: z.iso.datetime({ offset: true }),
})

const codeOptions = RECOGNISED_CODES.map((c) => ({ value: c, label: `${c} — ${CODE_DESCRIPTIONS[c]}` }))
const DAY_MS = 24 * 3_600_000

// ---------------------------------------------------------------------------------------------
// The table. Its order is the order the editor offers the kinds in.

export const RULE_KIND_DESCRIPTORS = {
  pin_required: required('pin', '7512', 'The request must carry a PIN'),
  pin_match: match('pin', { absent: '7512', failed: '7513' }, 'The PIN must match the one on file'),
  account_required: required('accountNumber', '7510', 'The request must carry an account number'),
  account_match: match('accountNumber', { absent: '7510', failed: '7511' }, 'The account number must match the record'),
  zip_required: required('zipCode', '7514', 'The request must carry a ZIP code'),
  zip_match: match('zipCode', { absent: '7514', failed: '7515' }, 'The ZIP code must match the record'),
  // No "name missing" code exists: a rule that requires a name answers a missing one with 7519 too.
  name_match: match('subscriberName', { absent: '7519', failed: '7519' }, 'The subscriber name must match the record'),
  number_known: number('7516', 'Number known', 'Every number must have a subscriber record'),
  number_active: number('7518', 'Number active', 'Every number must be active'),
  max_numbers: {
    label: 'At most N numbers',
    help: 'At most this many numbers per request',
    family: 'count',
    field: 'telephoneNumbers',
    judges: 'request',
    codes: { failed: '7517' },
    params: maxParams,
    defaultParams: () => ({ max: 10 }),
    codesOf: () => ['7517'],
    describeParams: (p) => `max ${p.max}`,
    sentence: (p) => `At most ${p.max} ${p.max === 1 ? 'number' : 'numbers'} per request`,
    form: {
      fields: [{ name: 'max', label: 'Maximum numbers per request', input: 'number', min: 1, max: 1000 }],
      toForm: (p) => ({ max: String(p.max) }),
      fromForm: (v) => ({ max: Number(v.max) }),
    },
  } satisfies KindDescriptor<typeof maxParams, 'count', { failed: RecognisedCode }>,
  locked_denied: {
    label: 'Locked numbers denied',
    help: 'Numbers locked by an operator are denied',
    family: 'lock',
    field: 'telephoneNumbers',
    judges: 'number',
    codes: {},
    params: lockParams,
    defaultParams: () => ({ code: '7518' }),
    codesOf: (p) => [p.code],
    describeParams: (p) => `answers ${p.code}`,
    sentence: (p) => `Numbers locked by an operator are denied with ${p.code}`,
    form: {
      fields: [{ name: 'code', label: 'Answer locked numbers with', input: 'select', options: codeOptions, wide: true }],
      toForm: (p) => ({ code: p.code }),
      fromForm: (v) => ({ code: v.code }),
    },
  } satisfies KindDescriptor<typeof lockParams, 'lock', Record<never, never>>,
  unlock: {
    label: 'Time-boxed unlock',
    // An unlock lifts locked_denied only: every other rule still applies to the number.
    help: 'Exempts numbers from locked_denied until a time (never denies)',
    family: 'exemption',
    field: null,
    judges: null,
    codes: {},
    params: unlockParams,
    defaultParams: (now) => ({ numbers: [], until: new Date(now.getTime() + DAY_MS).toISOString() }),
    codesOf: () => [],
    describeParams: (p, o) => `${p.numbers.join(', ')}${p.pon ? `, PON ${p.pon}` : ''}, until ${o.formatInstant(p.until)}`,
    sentence: (p, o) =>
      `Exempts ${p.numbers.join(', ') || 'no numbers'} from locked_denied${p.pon ? ` for PON ${p.pon}` : ''} until ${o.formatInstant(p.until)}`,
    form: {
      fields: [
        { name: 'numbers', label: 'Numbers to exempt', hint: 'Any format, separated by commas or spaces', input: 'text', wide: true },
        { name: 'pon', label: 'Only for PON (optional)', input: 'text', maxLength: 100 },
        { name: 'until', label: 'Until', hint: 'Your local time; the exemption ends at this instant', input: 'instant' },
      ],
      toForm: (p) => ({ numbers: p.numbers.join(', '), pon: p.pon ?? '', until: p.until }),
      fromForm: (v) => ({
        numbers: splitNumbers(v.numbers ?? '').map((n) => normalizeTelephoneNumber(n) ?? n),
        until: v.until,
        ...(v.pon?.trim() ? { pon: v.pon.trim() } : {}),
      }),
    },
  } satisfies KindDescriptor<typeof unlockParams, 'exemption', Record<never, never>>,
} as const

export type RuleKind = keyof typeof RULE_KIND_DESCRIPTORS
export type RuleKindDescriptors = typeof RULE_KIND_DESCRIPTORS
export const RULE_KINDS = Object.keys(RULE_KIND_DESCRIPTORS) as RuleKind[]
/** The kinds of one family, e.g. `KindsOf<'match'>` = pin_match | account_match | zip_match | name_match. */
export type KindsOf<F extends RuleFamily> = { [K in RuleKind]: RuleKindDescriptors[K]['family'] extends F ? K : never }[RuleKind]

/** The descriptor of a kind, typed loosely: for code that handles every kind alike (the describer, the editor). */
export function describeKind(kind: RuleKind): KindDescriptor {
  return RULE_KIND_DESCRIPTORS[kind] as KindDescriptor
}

export function isRuleKind(value: string): value is RuleKind {
  return Object.hasOwn(RULE_KIND_DESCRIPTORS, value)
}

/** Commas, semicolons or spaces between the items of a typed list. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Numbers typed in any format: "(919) 555-0301, +19195550302" or "+19195550301 +19195550302". */
function splitNumbers(text: string): string[] {
  return text.split(/[,;\n]+/).flatMap((part) => {
    const item = part.trim()
    if (item === '') return []
    // A space inside one number ("(919) 555-0301") or between several ("+1919… +1919…").
    return normalizeTelephoneNumber(item) ? [item] : item.split(/\s+/)
  })
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
