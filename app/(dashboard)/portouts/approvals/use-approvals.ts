'use client'
// The approval queue's data, typed by what its routes export: the queue, a proposal's backtest, a draft's backtest.
import { useEffect, useState } from 'react'
import useSWR from 'swr'
import type { BacktestResponse } from '@/app/api/policy/proposals/[proposalId]/backtest/route'
import type { ProposalResponse, ProposalsResponse } from '@/app/api/policy/proposals/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import type { Policy } from '@/lib/portout/portout-policy'

export function useApprovalQueue() {
  return useSWR<ProposalsResponse>('/api/policy/proposals', fetchJson, { refreshInterval: 15_000 })
}

export function useProposalBacktest(proposalId: string) {
  return useSWR<BacktestResponse>(`/api/policy/proposals/${encodeURIComponent(proposalId)}/backtest`, fetchJson, {
    revalidateOnFocus: false,
  })
}

/** How long a draft must stay unchanged before it is replayed (typing a summary does not replay anything). */
const DRAFT_SETTLE_MS = 600

/** A draft replayed while it is edited: `policy` null while the draft is not valid yet. */
export function useDraftBacktest(policy: Policy | null) {
  const json = policy ? JSON.stringify(policy) : null
  const [settled, setSettled] = useState(json)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(json), DRAFT_SETTLE_MS)
    return () => clearTimeout(timer)
  }, [json])
  const swr = useSWR<BacktestResponse>(
    settled ? ['/api/policy/backtest', settled] : null,
    ([url, body]: [string, string]) => sendJson<BacktestResponse>('POST', url, { policy: JSON.parse(body) as Policy }),
    { revalidateOnFocus: false, keepPreviousData: true },
  )
  return { ...swr, isSettling: json !== settled }
}

export const decideProposal = (id: string, body: { decision: 'approve' | 'reject'; comment: string }) =>
  sendJson<ProposalResponse>('POST', `/api/policy/proposals/${encodeURIComponent(id)}`, body)

export const withdrawProposal = (id: string) =>
  sendJson<ProposalResponse>('POST', `/api/policy/proposals/${encodeURIComponent(id)}/withdraw`)

export const submitProposal = (body: { summary: string; policy: Policy; baseVersion: number }) =>
  sendJson<ProposalResponse>('POST', '/api/policy/proposals', body)
