// Four eyes under concurrency: two admins deciding at the same moment. One decision wins; the other gets a
// 409 with a one-line reason — never a 500 — and the stored state is the winner's alone: one new version
// at most, one decision, one audit entry. On PostgreSQL the two requests come from two instances (two
// pools); SQLite is served by one process, so they share its connections (as two requests would).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withErrors } from '../http/with-errors'
import { DEFAULT_POLICY } from '../portout/portout-policy'
import { closeConnections, openConnections, type Connections } from './client'
import { decidePolicyProposal, proposePolicyChange, withdrawPolicyProposal } from './policy-proposals'
import { createTestDatabase, testProviders, type TestDatabase } from '../../test/support/test-database'

const proposer = { id: 'user-proposer', email: 'proposer@example.com' }
const admins = [
  { id: 'user-admin-a', email: 'a@example.com' },
  { id: 'user-admin-b', email: 'b@example.com' },
]

/** The decision as the route answers it: through the one error map. */
function decideOverHttp(c: Connections, admin: (typeof admins)[number], id: string, decision: 'approve' | 'reject') {
  const handler = withErrors(async () =>
    Response.json({ proposal: await decidePolicyProposal(c, admin, id, { decision, comment: 'looks right' }) }),
  )
  return handler(new Request(`http://portwatch.test/api/policy/proposals/${id}`, { method: 'POST' }), undefined)
}

describe.each(testProviders())('policy proposals on %s', (provider) => {
  let t: TestDatabase
  let second: Connections
  beforeAll(async () => {
    t = await createTestDatabase(provider)
    // better-sqlite3 waits for a lock synchronously: two clients in one process would block each other's event loop.
    second = provider === 'postgresql' ? openConnections(t.url) : t.connections
  })
  afterAll(async () => {
    if (second && second !== t.connections) await closeConnections(second)
    await t?.drop()
  })

  const ROUNDS = 6
  it.each([
    ['approve', 'approve'],
    ['approve', 'reject'],
    ['reject', 'approve'],
  ] as const)('two admins deciding at once (%s vs %s): one wins, the other gets 409, the state is consistent', async (first, other) => {
    for (let round = 0; round < ROUNDS; round++) {
      const versionsBefore = await t.connections.prisma.policyVersion.count()
      const { id } = await proposePolicyChange(t.connections, proposer, { summary: `round ${round}`, policy: DEFAULT_POLICY })
      const answers = await Promise.all([decideOverHttp(t.connections, admins[0], id, first), decideOverHttp(second, admins[1], id, other)])
      const statuses = answers.map((a) => a.status).sort()
      expect(statuses, `round ${round}: ${await Promise.all(answers.map((a) => a.clone().text()))}`).toEqual([200, 409])
      const loser = (await answers.find((a) => a.status === 409)!.json()) as { error: string; message: string }
      expect(loser.error).toBe('conflict')
      expect(loser.message).toMatch(/^[^\n]{10,200}$/)

      const winner = answers.findIndex((a) => a.status === 200)
      const decision = [first, other][winner]
      const stored = await t.connections.prisma.policyProposal.findUniqueOrThrow({ where: { id } })
      expect(stored.status).toBe(decision === 'approve' ? 'approved' : 'rejected')
      expect(stored.deciderEmail).toBe(admins[winner].email)
      const versions = await t.connections.prisma.policyVersion.findMany({ where: { proposalId: id } })
      expect(versions.map((v) => v.version)).toEqual(decision === 'approve' ? [versionsBefore + 1] : [])
      expect(stored.resultingVersion).toBe(decision === 'approve' ? versionsBefore + 1 : null)
      const decisions = await t.connections.prisma.auditEntry.findMany({ where: { target: id, action: { not: 'policy.propose' } } })
      expect(decisions.map((d) => [d.action, d.actorEmail])).toEqual([[`policy.${decision}`, admins[winner].email]])
    }
  })

  it('two admins approving two different proposals written against the same version at once: one becomes the next version, the other gets 409', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const versionsBefore = await t.connections.prisma.policyVersion.count()
      const a = await proposePolicyChange(t.connections, proposer, { summary: `a ${round}`, policy: DEFAULT_POLICY })
      const b = await proposePolicyChange(t.connections, proposer, { summary: `b ${round}`, policy: DEFAULT_POLICY })
      const answers = await Promise.all([
        decideOverHttp(t.connections, admins[0], a.id, 'approve'),
        decideOverHttp(second, admins[1], b.id, 'approve'),
      ])
      expect(answers.map((r) => r.status).sort(), `round ${round}: ${await Promise.all(answers.map((r) => r.clone().text()))}`).toEqual([
        200, 409,
      ])
      expect(((await answers.find((r) => r.status === 409)!.json()) as { error: string }).error).toBe('conflict')
      const winner = answers[0].status === 200 ? a.id : b.id
      const loser = winner === a.id ? b.id : a.id
      const versions = await t.connections.prisma.policyVersion.findMany({ where: { version: { gt: versionsBefore } } })
      expect(versions.map((v) => [v.version, v.proposalId])).toEqual([[versionsBefore + 1, winner]])
      expect((await t.connections.prisma.policyProposal.findUniqueOrThrow({ where: { id: winner } })).status).toBe('approved')
      expect((await t.connections.prisma.policyProposal.findUniqueOrThrow({ where: { id: loser } })).status).toBe('pending')
    }
  })

  it('the proposer may withdraw a pending proposal but not decide it; each refused attempt is audited', async () => {
    const c = t.connections
    const p = await proposePolicyChange(c, admins[0], { summary: 'withdraw me', policy: DEFAULT_POLICY })
    const refusals = () =>
      c.prisma.auditEntry.findMany({ where: { target: p.id, action: { endsWith: '.refused' } }, orderBy: { at: 'asc' } })

    await expect(decidePolicyProposal(c, admins[0], p.id, { decision: 'approve', comment: 'mine' })).rejects.toThrow(/another admin/)
    await expect(decidePolicyProposal(c, admins[0], p.id, { decision: 'reject', comment: 'mine' })).rejects.toThrow(/another admin/)
    await expect(withdrawPolicyProposal(c, admins[1], p.id)).rejects.toThrow(/only the proposer/)
    expect((await refusals()).map((e) => [e.action, e.actorEmail])).toEqual([
      ['policy.approve.refused', admins[0].email],
      ['policy.reject.refused', admins[0].email],
      ['policy.withdraw.refused', admins[1].email],
    ])
    expect((await c.prisma.policyProposal.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('pending')

    const withdrawn = await withdrawPolicyProposal(c, admins[0], p.id)
    expect(withdrawn).toMatchObject({ status: 'withdrawn', deciderEmail: admins[0].email, resultingVersion: null })
    expect(await c.prisma.auditEntry.count({ where: { target: p.id, action: 'policy.withdraw' } })).toBe(1)
    // Withdrawn is final: it can be neither withdrawn again nor approved.
    await expect(withdrawPolicyProposal(c, admins[0], p.id)).rejects.toThrow(/already withdrawn/)
    await expect(decidePolicyProposal(c, admins[1], p.id, { decision: 'approve', comment: 'too late' })).rejects.toThrow(
      /already withdrawn/,
    )
  })
})
