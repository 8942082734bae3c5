// API tokens for machine callers (a billing system syncing subscriber records). The token is shown once,
// when an admin creates it; only its SHA-256 is stored (256 random bits need no slow hash: there is
// nothing to guess), with a short non-secret prefix so people can tell tokens apart. Every create and
// revoke, and every use of a revoked token, is audited in the same transaction.
import { randomBytes, randomUUID } from 'node:crypto'
import { z } from 'zod'
import { API_TOKEN_SCOPES, type ApiTokenScope } from '../roles'
import { AppError } from '../app-error'
import type { ApiToken } from '../generated/sqlite/client'
import { recordAudit, type AuditActor } from './audit'
import type { Connections } from './client'
import { iso } from './cursor'
import { hashToken } from './sessions'

/** Recognisable in logs and secret scanners; the part after it is 32 random bytes, base64url. */
const TOKEN_MARK = 'pwt_'
const PREFIX_LENGTH = TOKEN_MARK.length + 8
const TOKEN_PATTERN = /^pwt_[A-Za-z0-9_-]{43}$/

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, 'give the token a name').max(80),
  scope: z.enum(API_TOKEN_SCOPES).default('subscribers:sync'),
})

export function toApiTokenDto(t: ApiToken) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope as ApiTokenScope,
    createdAt: iso(t.createdAt),
    createdByEmail: t.createdByEmail,
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    revokedByEmail: t.revokedByEmail,
  }
}
export type ApiTokenDto = ReturnType<typeof toApiTokenDto>

/** Creates a token; the only time the token itself is ever returned. */
export async function createApiToken(
  c: Connections,
  actor: NonNullable<AuditActor>,
  input: z.infer<typeof createApiTokenInput>,
): Promise<{ token: string; apiToken: ApiTokenDto }> {
  const token = `${TOKEN_MARK}${randomBytes(32).toString('base64url')}`
  return c.prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        id: randomUUID(),
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, PREFIX_LENGTH),
        scope: input.scope,
        createdAt: new Date(),
        createdById: actor.id,
        createdByEmail: actor.email,
      },
    })
    const apiToken = toApiTokenDto(row)
    await recordAudit(tx, { actor, action: 'api-token.create', target: describeToken(row), after: apiToken })
    return { token, apiToken }
  })
}

export async function listApiTokens(c: Connections): Promise<ApiTokenDto[]> {
  return (await c.prisma.apiToken.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })).map(toApiTokenDto)
}

/** Revokes a token for good (there is no un-revoke: create a new one). */
export async function revokeApiToken(c: Connections, actor: NonNullable<AuditActor>, id: string): Promise<ApiTokenDto> {
  return c.prisma.$transaction(async (tx) => {
    const before = await tx.apiToken.findUnique({ where: { id } })
    if (!before) throw new AppError('not_found', 'no such API token')
    if (before.revokedAt) throw new AppError('conflict', `the token ${before.prefix}… is already revoked`)
    // The revokedAt guard makes two concurrent revokes one revoke (and one audit entry).
    const { count } = await tx.apiToken.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date(), revokedByEmail: actor.email },
    })
    if (count === 0) throw new AppError('conflict', `the token ${before.prefix}… is already revoked`)
    const after = toApiTokenDto((await tx.apiToken.findUnique({ where: { id } }))!)
    await recordAudit(tx, { actor, action: 'api-token.revoke', target: describeToken(before), before: toApiTokenDto(before), after })
    return after
  })
}

export type VerifiedApiToken = { id: string; name: string; prefix: string; scope: ApiTokenScope }
export type ApiTokenCheck = { ok: true; token: VerifiedApiToken } | { ok: false; reason: string }

/**
 * Checks a presented token for `scope` and records its use. Never throws on a bad token: the caller
 * turns the reason into a 401. The reason names the token by its prefix at most, never the token.
 */
export async function verifyApiToken(c: Connections, presented: string, scope: ApiTokenScope): Promise<ApiTokenCheck> {
  if (!TOKEN_PATTERN.test(presented)) return { ok: false, reason: 'unknown API token' }
  // Looked up by its hash, as sessions are: the timing of the index compare tells a caller about the
  // hash of their own guess, never about a stored token.
  const row = await c.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(presented) } })
  if (!row) return { ok: false, reason: 'unknown API token' }
  if (row.revokedAt || row.scope !== scope) {
    // Someone still holds a revoked (or misused) token: worth an entry an admin will see.
    const reason = row.revokedAt ? `API token ${row.prefix}… was revoked` : `API token ${row.prefix}… lacks the scope ${scope}`
    await c.prisma.$transaction((tx) =>
      recordAudit(tx, { actor: tokenActor(row), action: 'api-token.refused', target: describeToken(row), after: { reason } }),
    )
    return { ok: false, reason }
  }
  await c.prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
  return { ok: true, token: { id: row.id, name: row.name, prefix: row.prefix, scope } }
}

/** Who a token's changes are attributed to in the audit log: the token itself, not the admin who made it. */
export function tokenActor(t: { id: string; prefix: string }): NonNullable<AuditActor> {
  return { id: `api-token:${t.id}`, email: `api-token:${t.prefix}` }
}

function describeToken(t: { name: string; prefix: string }): string {
  return `${t.name} (${t.prefix}…)`
}
