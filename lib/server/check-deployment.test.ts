import { describe, expect, it } from 'vitest'
import type { Config } from '../config'
import { resolveDatabaseTarget } from '../db/database-url'
import { checkDeployment, shouldMigrateOnStart, shouldRunJobWorker } from './check-deployment'

const env = (extra: Partial<Config> = {}): Config => ({
  PORTWATCH_MAX_BODY_BYTES: 2 * 1024 * 1024,
  DATABASE_POOL_SIZE: 10,
  PORTWATCH_WORKER_CONCURRENCY: 4,
  BANDWIDTH_API_RATE: 2,
  BANDWIDTH_API_TIMEOUT_MS: 10_000,
  PORTWATCH_RECONCILE_INTERVAL_MINUTES: 10,
  ...extra,
})
const sqlite = resolveDatabaseTarget('file:./data/portwatch.db')
const postgres = resolveDatabaseTarget('postgres://portwatch@db.example:5432/portwatch')
const SECRET = 'a'.repeat(64)

describe('checkDeployment', () => {
  it('lets the embedded SQLite database start without any secret', () => {
    expect(checkDeployment(env(), sqlite)).toBeUndefined()
  })

  it('refuses PostgreSQL without PORTWATCH_PIN_SECRET, naming the variable and how to make one', () => {
    const message = checkDeployment(env(), postgres)
    expect(message).toMatch(/^PORTWATCH_PIN_SECRET is required with PostgreSQL/)
    expect(message).toContain('openssl rand -hex 32')
    expect(message).not.toContain('\n')
    expect(checkDeployment(env({ PORTWATCH_PIN_SECRET: SECRET }), postgres)).toBeUndefined()
  })

  it('refuses SQLite on Vercel, even with a secret', () => {
    expect(checkDeployment(env({ VERCEL: '1', PORTWATCH_PIN_SECRET: SECRET }), sqlite)).toMatch(
      /^DATABASE_URL is an SQLite file, but Vercel/,
    )
    expect(checkDeployment(env({ VERCEL: '1', PORTWATCH_PIN_SECRET: SECRET }), postgres)).toBeUndefined()
  })
})

describe('shouldMigrateOnStart', () => {
  it('migrates at start by default, not on Vercel, and follows PORTWATCH_MIGRATE_ON_START when set', () => {
    expect(shouldMigrateOnStart(env())).toBe(true)
    expect(shouldMigrateOnStart(env({ VERCEL: '1' }))).toBe(false)
    expect(shouldMigrateOnStart(env({ PORTWATCH_MIGRATE_ON_START: '0' }))).toBe(false)
    expect(shouldMigrateOnStart(env({ VERCEL: '1', PORTWATCH_MIGRATE_ON_START: '1' }))).toBe(true)
  })
})

describe('shouldRunJobWorker', () => {
  it('runs the job runner in-process by default, not on Vercel (the cron route drains there), and follows PORTWATCH_WORKER', () => {
    expect(shouldRunJobWorker(env())).toBe(true)
    expect(shouldRunJobWorker(env({ VERCEL: '1' }))).toBe(false)
    expect(shouldRunJobWorker(env({ PORTWATCH_WORKER: '0' }))).toBe(false)
    expect(shouldRunJobWorker(env({ VERCEL: '1', PORTWATCH_WORKER: '1' }))).toBe(true)
  })
})
