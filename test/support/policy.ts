// Policies written the way an admin submits them, for the port-out tests: `rule(id, kind, over)` is an
// enabled, enforced rule for all numbers unless `over` says otherwise; `policyOf` parses a whole policy.
import { policySchema, type Policy } from '../../lib/portout/portout-policy'

export const rule = (id: string, kind: string, over: Record<string, unknown> = {}) => ({
  id,
  kind,
  scope: { type: 'all' },
  mode: 'enforce',
  enabled: true,
  ...over,
})

export const policyOf = (rules: object[], over: Record<string, unknown> = {}): Policy => policySchema.parse({ rules, ...over })
