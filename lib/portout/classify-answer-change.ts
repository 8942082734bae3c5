// How a backtest's answer changed, for its headline: a port that would now be refused is not the same news as one
// that would now go through, and neither is a denial that only gives other codes.
export type BacktestAnswer = { portable: boolean; errorCodes: string[] }
export type AnswerChange = 'newly-denied' | 'newly-allowed' | 'codes-changed'
export type AnswerChangeCounts = Record<AnswerChange, number>

/** null when the proposed answer is the one we gave (same portability, same codes in the same order). */
export function classifyAnswerChange(actual: BacktestAnswer, proposed: BacktestAnswer): AnswerChange | null {
  if (actual.portable && !proposed.portable) return 'newly-denied'
  if (!actual.portable && proposed.portable) return 'newly-allowed'
  return actual.errorCodes.join() === proposed.errorCodes.join() ? null : 'codes-changed'
}

/** The headline's three numbers. */
export function countAnswerChanges(kinds: AnswerChange[]): AnswerChangeCounts {
  const counts: AnswerChangeCounts = { 'newly-denied': 0, 'newly-allowed': 0, 'codes-changed': 0 }
  for (const k of kinds) counts[k]++
  return counts
}
