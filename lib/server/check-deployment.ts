// What an environment must provide before Portwatch serves anything. Several instances (a load
// balancer, Vercel's functions) share one PostgreSQL database, so nothing they share may live in one
// instance's files; Vercel's filesystem is read-only and gone after each invocation.
import type { Config } from '../config'
import type { DatabaseTarget } from '../db/database-url'

const onVercel = (env: Config) => env.VERCEL === '1'

/** Why this environment must not start, in one line, or undefined when it may. */
export function checkDeployment(env: Config, target: DatabaseTarget): string | undefined {
  if (target.provider === 'sqlite' && onVercel(env)) {
    return 'DATABASE_URL is an SQLite file, but Vercel has no lasting disk: set DATABASE_URL to a PostgreSQL URL (postgres://…, e.g. from Neon) and deploy again'
  }
  if (target.provider === 'postgresql' && !env.PORTWATCH_PIN_SECRET) {
    return 'PORTWATCH_PIN_SECRET is required with PostgreSQL (every instance must hash subscriber PINs with the same key): set it to a random value of at least 32 characters, e.g. the output of `openssl rand -hex 32`'
  }
  return undefined
}

/** Vercel runs many short-lived instances: migrations belong to the deploy step there (npm run db:migrate). */
export function shouldMigrateOnStart(env: Config): boolean {
  return (env.PORTWATCH_MIGRATE_ON_START ?? (onVercel(env) ? '0' : '1')) === '1'
}

/** Whether this instance runs the job runner in-process; on Vercel the cron route drains the outbox instead. */
export function shouldRunJobWorker(env: Config): boolean {
  return (env.PORTWATCH_WORKER ?? (onVercel(env) ? '0' : '1')) === '1'
}
