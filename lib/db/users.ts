// Users: each change is one transaction with its audit entry.
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { hashPassword, MIN_PASSWORD_LENGTH } from './password-hash'
import { ROLES, type Role } from '../roles'
import { AppError } from '../app-error'
import type { User } from '../generated/sqlite/client'
import { recordAudit, type AuditActor, type Tx } from './audit'
import type { Connections } from './client'
import { iso } from './cursor'
import { isUniqueViolation } from './is-unique-violation'

export const emailSchema = z
  .email()
  .max(320)
  .transform((e) => e.trim().toLowerCase())
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200)

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
  password: passwordSchema,
})
export type CreateUserInput = z.infer<typeof createUserInput>

export const updateUserInput = z
  .object({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    name: z.string().trim().max(100).optional(),
    password: passwordSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')
export type UpdateUserInput = z.infer<typeof updateUserInput>

export function toUserDto(u: User) {
  return { id: u.id, email: u.email, name: u.name, role: u.role as Role, disabled: u.disabledAt !== null, createdAt: iso(u.createdAt) }
}
export type UserDto = ReturnType<typeof toUserDto>

export async function countUsers(c: Connections): Promise<number> {
  return c.prisma.user.count()
}

export async function listUsers(c: Connections) {
  return (await c.prisma.user.findMany({ orderBy: { email: 'asc' } })).map(toUserDto)
}

export async function findUserByEmail(c: Connections, email: string): Promise<User | null> {
  return c.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } })
}

/** Creates a user. With `onlyIfNoUsers`, refuses (conflict) once any user exists: the first-run setup. */
export async function createUser(
  c: Connections,
  actor: AuditActor,
  input: CreateUserInput,
  options: { onlyIfNoUsers?: boolean } = {},
): Promise<UserDto> {
  const passwordHash = await hashPassword(input.password)
  const taken = new AppError('conflict', `a user with email ${input.email} already exists`)
  const setupDone = new AppError('conflict', 'setup is already done: sign in instead')
  // A unique key decides: two requests (or two instances creating the first admin at start) can both
  // pass the checks below. The same email fails on the user's key; for the first-run setup, any second
  // admin fails on the one setup row, whatever its email (a count alone let two in on PostgreSQL).
  return c.prisma
    .$transaction(async (tx) => {
      if (options.onlyIfNoUsers && (await tx.user.count()) > 0) throw setupDone
      if (await tx.user.findUnique({ where: { email: input.email } })) throw taken
      const now = new Date()
      if (options.onlyIfNoUsers) await tx.setting.create({ data: { key: FIRST_ADMIN_SETTING, value: input.email } })
      const user = await tx.user.create({
        data: {
          id: randomUUID(),
          email: input.email,
          name: input.name ?? null,
          role: input.role,
          passwordHash,
          createdAt: now,
          passwordChangedAt: now,
        },
      })
      await recordAudit(tx, {
        actor: actor ?? { id: user.id, email: user.email },
        action: 'user.create',
        target: user.email,
        after: toUserDto(user),
      })
      return toUserDto(user)
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? (options.onlyIfNoUsers ? setupDone : taken) : error
    })
}

/** Written with the first admin, in the same transaction: its key admits one first-run setup only. */
const FIRST_ADMIN_SETTING = 'setup.firstAdmin'

/** Changes role, name, disabled or password. Disabling or a new password ends the user's sessions. */
export async function updateUser(c: Connections, actor: AuditActor, userId: string, input: UpdateUserInput): Promise<UserDto> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined
  return c.prisma.$transaction(async (tx) => {
    // The last-admin rule reads the admins and then changes one: two admins demoting each other at once
    // must not both see the other one still there. On PostgreSQL the active admins' rows are locked first,
    // so such changes run one after the other (on SQLite, transactions of a process already do).
    if ((input.role !== undefined || input.disabled !== undefined) && c.target.provider === 'postgresql')
      await tx.$queryRaw`SELECT "id" FROM "User" WHERE "role" = 'admin' AND "disabledAt" IS NULL FOR UPDATE`
    const before = await tx.user.findUnique({ where: { id: userId } })
    if (!before) throw new AppError('not_found', 'no such user')
    const losesAdmin =
      before.role === 'admin' && before.disabledAt === null && ((input.role && input.role !== 'admin') || input.disabled === true)
    if (losesAdmin && (await countActiveAdmins(tx)) <= 1)
      throw new AppError('conflict', 'this is the last active admin: make another admin first')
    const now = new Date()
    const user = await tx.user.update({
      where: { id: userId },
      data: {
        role: input.role,
        name: input.name,
        disabledAt: input.disabled === undefined ? undefined : input.disabled ? (before.disabledAt ?? now) : null,
        ...(passwordHash ? { passwordHash, passwordChangedAt: now } : {}),
      },
    })
    if (input.disabled || passwordHash) await tx.session.deleteMany({ where: { userId } })
    await recordAudit(tx, {
      actor,
      action: passwordHash && Object.keys(input).length === 1 ? 'user.password' : 'user.update',
      target: user.email,
      before: toUserDto(before),
      after: { ...toUserDto(user), ...(passwordHash ? { password: 'changed' } : {}) },
    })
    return toUserDto(user)
  })
}

async function countActiveAdmins(tx: Tx): Promise<number> {
  return tx.user.count({ where: { role: 'admin', disabledAt: null } })
}
