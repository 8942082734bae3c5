// What the database said, whichever way it reached us: through Prisma (P2002, P2025), from the SQLite
// writer thread (SqliteWriterError with the driver's code) or from the PostgreSQL pool (SQLSTATE).
// lib/http/with-errors.ts maps both to a status in one place; callers that expect them catch them here too.

const UNIQUE_CODES = new Set([
  'P2002', // Prisma: unique constraint failed
  'SQLITE_CONSTRAINT_UNIQUE', // better-sqlite3 on the writer thread
  'SQLITE_CONSTRAINT_PRIMARYKEY', // a primary key is a unique key too
  '23505', // PostgreSQL unique_violation (raw queries on the pool)
])

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined
}

/** A unique key said "already there": another request or instance got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return UNIQUE_CODES.has(codeOf(error) as string)
}

/** The record a write was about is gone (Prisma's P2025: "record to update/delete not found"). */
export function isRecordNotFound(error: unknown): boolean {
  if (codeOf(error) === 'P2025') return true
  return error instanceof Error && /record to (update|delete) not found/i.test(error.message)
}

/** A foreign key found its row gone (PostgreSQL foreign_key_violation; SQLite's writer runs one program at a time). */
export function isForeignKeyViolation(error: unknown): boolean {
  return codeOf(error) === '23503' || codeOf(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}
