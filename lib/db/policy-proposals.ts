// Four eyes on the port-out policy: every change is a proposal holding the complete proposed policy;
// another admin approves it (never the proposer) and it becomes the next version atomically, or
// rejects it. Proposals, decisions and versions are all kept.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { policySchema } from '../portout/portout-policy'
import { AppError } from '../app-error'
import type { PolicyProposal } from '../generated/sqlite/client'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { iso } from './cursor'

/** `baseVersion`: the version the draft was edited from; a proposal written against an older policy is refused. */
export const proposeInput = z.object({
  summary: z.string().trim().min(3).max(300),
  policy: policySchema,
  baseVersion: z.number().int().min(0).optional(),
})
export const decideInput = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().min(1, 'say why, in a few words').max(500),
})

export function toProposalDto(p: PolicyProposal) {
  return {
    id: p.id,
    createdAt: iso(p.createdAt),
    proposerEmail: p.proposerEmail,
    summary: p.summary,
    baseVersion: p.baseVersion,
    policy: policySchema.parse(JSON.parse(p.policy)),
    status: p.status as 'pending' | 'approved' | 'rejected',
    decidedAt: iso(p.decidedAt),
    deciderEmail: p.deciderEmail,
    decisionComment: p.decisionComment,
    resultingVersion: p.resultingVersion,
  }
}

/** A proposal as the API returns it. */
export type PolicyProposalDto = ReturnType<typeof toProposalDto>

export async function proposePolicyChange(c: Connections, actor: NonNullable<AuditActor>, input: z.infer<typeof proposeInput>) {
  return c.prisma.$transaction(async (tx) => {
    const base = (await tx.policyVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } }))?.version ?? 0
    // Otherwise a copy of v1 sent after v2 was approved would quietly undo v2 once approved.
    if (input.baseVersion !== undefined && input.baseVersion !== base)
      throw new AppError('conflict', `the active policy is now v${base}, not v${input.baseVersion}: start from the current version`)
    const proposal = await tx.policyProposal.create({
      data: {
        id: randomUUID(),
        createdAt: new Date(),
        proposerId: actor.id,
        proposerEmail: actor.email,
        summary: input.summary,
        baseVersion: base,
        policy: JSON.stringify(input.policy),
        status: 'pending',
      },
    })
    await recordAudit(tx, {
      actor,
      action: 'policy.propose',
      target: proposal.id,
      after: { summary: input.summary, baseVersion: base, policy: input.policy },
    })
    return toProposalDto(proposal)
  })
}

/** Approve (→ new active version) or reject. The proposer may not decide their own proposal. */
export async function decidePolicyProposal(c: Connections, actor: NonNullable<AuditActor>, id: string, input: z.infer<typeof decideInput>) {
  try {
    return await decideInTransaction(c, actor, id, input)
  } catch (error) {
    // A refused attempt (deciding one's own proposal) leaves a trace: the transaction rolled back, so it is written after.
    if (error instanceof AppError && error.code === 'forbidden') {
      await recordAudit(c.prisma, { actor, action: `policy.${input.decision}.refused`, target: id, after: { reason: error.message } })
    }
    throw error
  }
}

async function decideInTransaction(c: Connections, actor: NonNullable<AuditActor>, id: string, input: z.infer<typeof decideInput>) {
  const status = input.decision === 'approve' ? 'approved' : 'rejected'
  return c.prisma.$transaction(async (tx) => {
    // Claim it first, with a write: of two admins deciding at once exactly one claims it. The other's update
    // waits for the row (PostgreSQL) or the write lock (SQLite), then finds it no longer pending.
    const claimed = await tx.policyProposal.updateMany({
      where: { id, status: 'pending' },
      data: { status, decidedAt: new Date(), deciderEmail: actor.email, decisionComment: input.comment },
    })
    const p = await tx.policyProposal.findUnique({ where: { id } })
    if (!p) throw new AppError('not_found', 'no such proposal')
    if (claimed.count === 0) throw new AppError('conflict', `this proposal was already ${p.status}`)
    if (p.proposerId === actor.id) throw new AppError('forbidden', 'you proposed this change: another admin must decide it')
    const active = (await tx.policyVersion.findFirst({ orderBy: { version: 'desc' }, select: { version: true } }))?.version ?? 0
    let decided = p
    if (input.decision === 'approve') {
      if (active !== p.baseVersion)
        throw new AppError(
          'conflict',
          `the policy changed since this was proposed (v${p.baseVersion} → v${active}): propose it again on the current version`,
        )
      // The version is the primary key: two approvals of different proposals racing for the same number
      // cannot both commit; the loser's unique violation is a 409 (lib/http/with-errors.ts).
      await tx.policyVersion.create({
        data: { version: active + 1, createdAt: new Date(), policy: p.policy, proposalId: p.id, approvedBy: actor.email },
      })
      decided = await tx.policyProposal.update({ where: { id }, data: { resultingVersion: active + 1 } })
    }
    await recordAudit(tx, {
      actor,
      action: `policy.${input.decision}`,
      target: p.id,
      before: { status: 'pending', activeVersion: active },
      after: { status: decided.status, resultingVersion: decided.resultingVersion, comment: input.comment },
    })
    return toProposalDto(decided)
  })
}

export async function listPolicyProposals(c: Connections) {
  const rows = await c.prisma.policyProposal.findMany({ orderBy: { createdAt: 'desc' }, take: 200 })
  return rows.map(toProposalDto)
}
