import { z } from 'zod'

/**
 * The error codes Bandwidth acts on (spec §5.4): 7510–7515, 7519 and 7598 put the port in Exception,
 * 7516–7518 cancel it. Any other code is ignored and the port proceeds, so a policy can use only these.
 */
export const RECOGNISED_CODES = ['7510', '7511', '7512', '7513', '7514', '7515', '7516', '7517', '7518', '7519', '7598'] as const
export type RecognisedCode = (typeof RECOGNISED_CODES)[number]

/**
 * The Description sent with each code. It reaches the winning carrier (§9.17), so it is fixed text
 * that names no subscriber, number, account or value.
 */
export const CODE_DESCRIPTIONS: Readonly<Record<RecognisedCode, string>> = {
  '7510': 'Required account code missing',
  '7511': 'Invalid account code',
  '7512': 'Required PIN missing',
  '7513': 'PIN invalid',
  '7514': 'Required ZIP code missing',
  '7515': 'Invalid ZIP code',
  '7516': 'Telephone number not recognized or invalid for this account',
  '7517': 'Too many telephone numbers in request',
  '7518': 'Telephone number not active',
  '7519': 'Customer information does not match',
  '7598': 'Invalid request',
}

export const RULE_KINDS = [
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
] as const
export type RuleKind = (typeof RULE_KINDS)[number]

/** The code each kind answers with. locked_denied uses the code in its params; unlock never denies. */
export const RULE_KIND_CODES = {
  pin_required: '7512',
  pin_match: '7513',
  account_required: '7510',
  account_match: '7511',
  zip_required: '7514',
  zip_match: '7515',
  name_match: '7519',
  number_known: '7516',
  number_active: '7518',
  max_numbers: '7517',
} as const satisfies Partial<Record<RuleKind, RecognisedCode>>

const recognisedCodeSchema = z.enum(RECOGNISED_CODES)
const idSchema = z.string().trim().min(1).max(64)
const labelSchema = z.string().trim().min(1).max(100)

const scopeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z.strictObject({ type: z.literal('tag'), tag: labelSchema }),
  z.strictObject({ type: z.literal('accounts'), accounts: z.array(labelSchema).min(1).max(1000) }),
])

const ruleBase = z.strictObject({
  id: idSchema,
  scope: scopeSchema,
  mode: z.enum(['enforce', 'monitor']),
  enabled: z.boolean(),
})

const noParams = z.strictObject({}).default({})
const simpleRule = <K extends Exclude<RuleKind, 'max_numbers' | 'locked_denied' | 'unlock'>>(kind: K) =>
  ruleBase.extend({ kind: z.literal(kind), params: noParams })

const ruleSchema = z.discriminatedUnion('kind', [
  simpleRule('pin_required'),
  simpleRule('pin_match'),
  simpleRule('account_required'),
  simpleRule('account_match'),
  simpleRule('zip_required'),
  simpleRule('zip_match'),
  simpleRule('name_match'),
  simpleRule('number_known'),
  simpleRule('number_active'),
  ruleBase.extend({ kind: z.literal('max_numbers'), params: z.strictObject({ max: z.int().min(1).max(1000) }) }),
  ruleBase.extend({ kind: z.literal('locked_denied'), params: z.strictObject({ code: recognisedCodeSchema }) }),
  ruleBase.extend({
    kind: z.literal('unlock'),
    params: z.strictObject({
      numbers: z
        .array(z.string().regex(/^\+[1-9]\d{7,14}$/, 'numbers must be E.164, e.g. +19195550301'))
        .min(1)
        .max(1000),
      /** Only a request with exactly this PON is let through. */
      pon: labelSchema.optional(),
      /** Valid strictly before this instant. */
      until: z.iso.datetime({ offset: true }),
    }),
  }),
])

const fallbackSchema = z.discriminatedUnion('portable', [
  z.strictObject({ portable: z.literal(true) }),
  z.strictObject({
    portable: z.literal(false),
    code: recognisedCodeSchema,
    // Carrier-facing (§9.17): one short line. Whoever edits it must keep subscriber data out.
    description: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .regex(/^[^\p{Cc}]*$/u, 'description must be one line of plain text'),
  }),
])

const revealSchema = z.strictObject({
  telephoneNumbers: z.boolean().default(true),
  accountNumber: z.boolean().default(false),
  zipCode: z.boolean().default(false),
  subscriberName: z.boolean().default(false),
})

const DEFAULT_FALLBACK = { portable: false, code: '7598', description: 'Invalid request' } as const
const DEFAULT_REVEAL = { telephoneNumbers: true, accountNumber: false, zipCode: false, subscriberName: false } as const

/**
 * A port-out policy. `fallback` is the answer when a request cannot be evaluated at all (unparseable,
 * no numbers); `reveal` chooses what goes into AcceptableValues on a denial (never a PIN).
 */
export const policySchema = z
  .strictObject({
    rules: z.array(ruleSchema).max(500).default([]),
    fallback: fallbackSchema.default(DEFAULT_FALLBACK),
    reveal: revealSchema.default(DEFAULT_REVEAL),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>()
    policy.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` })
      seen.add(rule.id)
    })
  })

export type Policy = z.output<typeof policySchema>
/** What an admin may submit: defaults not yet applied. */
export type PolicyInput = z.input<typeof policySchema>
export type Rule = Policy['rules'][number]
export type RuleScope = Rule['scope']
export type RuleMode = Rule['mode']

/** No rules (every port-out proceeds), deny unparseable requests with 7598, reveal only the numbers. */
export const DEFAULT_POLICY: Policy = policySchema.parse({})
