// Four eyes on the port-out policy: every change is a proposal holding the complete proposed policy;
// another admin approves it (never the proposer) and it becomes the next version atomically, or
// rejects it; or the proposer withdraws it while it waits. Proposals, decisions and versions are all kept, and a
// refused attempt (deciding one's own proposal, withdrawing someone else's) is audited too.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { policySchema } from '../portout/portout-policy'
import { AppError } from '../app-error'
import type { PolicyProposal } from '../generated/sqlite/client'
import { auditInsert, recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { iso } from './cursor'
import { runSqlProgram, runStatements } from './sql'

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
    status: p.status as ProposalStatus,
    decidedAt: iso(p.decidedAt),
    deciderEmail: p.deciderEmail,
    decisionComment: p.decisionComment,
    resultingVersion: p.resultingVersion,
  }
}

export type ProposalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn'

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
    await auditRefusal(c, actor, `policy.${input.decision}.refused`, id, error)
    throw error
  }
}

/** The proposer takes back a pending proposal; nobody else may (the attempt is refused and audited). */
export async function withdrawPolicyProposal(c: Connections, actor: NonNullable<AuditActor>, id: string) {
  try {
    return await c.prisma.$transaction(async (tx) => {
      const p = await tx.policyProposal.findUnique({ where: { id } })
      if (!p) throw new AppError('not_found', 'no such proposal')
      if (p.proposerId !== actor.id) throw new AppError('forbidden', 'only the proposer can withdraw a proposal')
      // Claimed with a write, like a decision: of a withdrawal and an approval at once, exactly one wins.
      const claimed = await tx.policyProposal.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'withdrawn', decidedAt: new Date(), deciderEmail: actor.email, decisionComment: null },
      })
      if (claimed.count === 0) throw new AppError('conflict', `this proposal was already ${p.status}`)
      await recordAudit(tx, { actor, action: 'policy.withdraw', target: id, before: { status: 'pending' }, after: { status: 'withdrawn' } })
      return toProposalDto(await tx.policyProposal.findUniqueOrThrow({ where: { id } }))
    })
  } catch (error) {
    await auditRefusal(c, actor, 'policy.withdraw.refused', id, error)
    throw error
  }
}

/** A refused attempt leaves a trace: its transaction rolled back, so the entry is written after, on its own. */
async function auditRefusal(c: Connections, actor: NonNullable<AuditActor>, action: string, id: string, error: unknown) {
  if (!(error instanceof AppError) || error.code !== 'forbidden') return
  await runSqlProgram(c, runStatements, [auditInsert({ actor, action, target: id, after: { reason: error.message } })])
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
