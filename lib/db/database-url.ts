// Which database Portwatch talks to: the embedded SQLite file by default, PostgreSQL for postgres:// URLs.
export const DEFAULT_DATABASE_URL = 'file:./data/portwatch.db'

export type DatabaseTarget = { provider: 'sqlite'; url: string; file: string } | { provider: 'postgresql'; url: string }

export function resolveDatabaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const value = url?.trim() || DEFAULT_DATABASE_URL
  if (/^postgres(ql)?:\/\//i.test(value)) return { provider: 'postgresql', url: value }
  if (value.startsWith('file:')) return { provider: 'sqlite', url: value, file: value.slice('file:'.length).replace(/\?.*$/, '') }
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), got "${value.split(':')[0]}:…"`)
}

/** The URL without its password, for logs and the settings page. */
export function describeDatabaseTarget(target: DatabaseTarget): string {
  if (target.provider === 'sqlite') return `SQLite ${target.file}`
  const u = new URL(target.url)
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`
}
