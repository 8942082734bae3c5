// What a proposed policy would have answered to the stored requests of the last 30 days, next to what we
// actually answered: how many answers would change, how (newly denied, newly allowed, other codes), and which.
// Evaluated with today's subscriber records. A draft is backtested the same way before it is submitted.
import { evaluatePortoutRequest } from '../portout/evaluate-portout-request'
import { classifyAnswerChange, countAnswerChanges, type AnswerChange } from '../portout/classify-answer-change'
import { policySchema, type Policy } from '../portout/portout-policy'
import type { PortoutValidationRequest } from '../bandwidth/parse-portout-validation-request'
import { AppError } from '../app-error'
import type { Connections } from './client'
import { iso } from './cursor'
import { findSubscriberRecords } from './portout-requests'

const WINDOW_MS = 30 * 86_400_000

type BacktestOptions = { limit: number; now?: Date }

export async function backtestProposal(c: Connections, proposalId: string, options: BacktestOptions) {
  const proposal = await c.prisma.policyProposal.findUnique({ where: { id: proposalId } })
  if (!proposal) throw new AppError('not_found', 'no such proposal')
  return backtestPolicy(c, policySchema.parse(JSON.parse(proposal.policy)), options)
}

/** What the backtest routes answer (a proposal's, a draft's): the same shape. */
export type Backtest = Awaited<ReturnType<typeof backtestPolicy>>

export async function backtestPolicy(c: Connections, policy: Policy, options: BacktestOptions) {
  const to = options.now ?? new Date()
  const from = new Date(to.getTime() - WINDOW_MS)
  const stored = await c.prisma.portoutRequest.findMany({
    where: { firstReceivedAt: { gte: from, lte: to }, fallbackReason: null },
    orderBy: [{ firstReceivedAt: 'desc' }, { id: 'desc' }],
    take: options.limit,
  })
  const allNumbers = [...new Set(stored.flatMap((r) => (JSON.parse(r.numbers) as string[]).filter((n) => n.startsWith('+'))))]
  const records = await findSubscriberRecords(c, allNumbers)
  const changes = []
  for (const r of stored) {
    const request = JSON.parse(r.request) as PortoutValidationRequest & { pinHash?: string | null }
    const decision = evaluatePortoutRequest({ ...request, pinHash: request.pinHash ?? undefined }, records, policy, {
      now: r.firstReceivedAt,
    })
    const actual = { portable: r.portable, errorCodes: JSON.parse(r.errorCodes) as string[] }
    const proposed = { portable: decision.portable, errorCodes: decision.errors.map((e) => e.code) }
    const kind = classifyAnswerChange(actual, proposed)
    if (kind) {
      changes.push({
        kind,
        requestId: r.id,
        pon: r.pon,
        receivedAt: iso(r.firstReceivedAt),
        numbers: JSON.parse(r.numbers) as string[],
        actual,
        proposed,
      })
    }
  }
  return {
    window: { from: from.toISOString(), to: to.toISOString() },
    compared: stored.length,
    changed: changes.length,
    ...countsOf(changes),
    changes: changes.slice(0, 200),
  }
}

/** The headline: how many would be newly denied, newly allowed, or denied with other codes. */
function countsOf(changes: { kind: AnswerChange }[]) {
  const counts = countAnswerChanges(changes.map((ch) => ch.kind))
  return { newlyDenied: counts['newly-denied'], newlyAllowed: counts['newly-allowed'], codesChanged: counts['codes-changed'] }
}
