// What GET /api/health reports: the database answers, and it has every committed migration. Polled
// by load balancers every few seconds, so it stays cheap: once the migrations are current they stay
// current for this process (files do not change under a running server), and only a `SELECT 1` remains.
import type { Connections } from './client'
import { listPendingMigrations, migrationsDir } from './migrate'

export type DatabaseHealth = { ok: true } | { ok: false; reason: string }

// Well below the usual load-balancer timeout, so the check answers 503 rather than not at all.
const ANSWER_WITHIN_MS = 2_000
const current = new WeakSet<Connections>()

export async function checkDatabaseHealth(c: Connections, dir = migrationsDir(c.target.provider)): Promise<DatabaseHealth> {
  try {
    return await withinTime(check(c, dir), ANSWER_WITHIN_MS)
  } catch {
    return { ok: false, reason: 'database unreachable' }
  }
}

async function check(c: Connections, dir: string): Promise<DatabaseHealth> {
  if (current.has(c)) {
    await c.prisma.$queryRaw`SELECT 1`
    return { ok: true }
  }
  const pending = await listPendingMigrations(c, dir)
  if (pending.length) return { ok: false, reason: `migrations pending: ${pending.join(', ')} (run npm run db:migrate)` }
  current.add(c)
  return { ok: true }
}

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
