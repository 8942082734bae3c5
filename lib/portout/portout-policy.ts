import { z } from 'zod'
import { CODE_DESCRIPTIONS, RECOGNISED_CODES, recognisedCodeSchema, type RecognisedCode } from './response-codes'
import { labelSchema, RULE_KIND_DESCRIPTORS, RULE_KINDS, type RuleKind, type RuleKindDescriptors } from './rule-kinds'

// Re-exported: the codes are part of what a policy is, and most callers want both.
export { CODE_DESCRIPTIONS, RECOGNISED_CODES, type RecognisedCode }
export { RULE_KINDS, type RuleKind }

const idSchema = z.string().trim().min(1).max(64)

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

/** One kind's rule: the common fields plus that kind's options, from its descriptor. */
function ruleSchemaOf<K extends RuleKind, P extends RuleKindDescriptors[K]['params']>(kind: K, params: P) {
  return ruleBase.extend({ kind: z.literal(kind), params })
}
type RuleSchemaOf = { [K in RuleKind]: ReturnType<typeof ruleSchemaOf<K, RuleKindDescriptors[K]['params']>> }[RuleKind]
// The one cast: mapping the kinds loses the tuple type discriminatedUnion wants; each element is RuleSchemaOf.
const ruleSchema = z.discriminatedUnion(
  'kind',
  RULE_KINDS.map((kind) => ruleSchemaOf(kind, RULE_KIND_DESCRIPTORS[kind].params)) as unknown as [RuleSchemaOf, ...RuleSchemaOf[]],
)

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
export type RuleOf<K extends RuleKind> = Extract<Rule, { kind: K }>
export type RuleScope = Rule['scope']
export type RuleMode = Rule['mode']

/** No rules (every port-out proceeds), deny unparseable requests with 7598, reveal only the numbers. */
export const DEFAULT_POLICY: Policy = policySchema.parse({})
