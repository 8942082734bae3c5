// How every Portwatch connection to the embedded database is opened: the server's own (reads,
// migrations) and the writer thread's (sqlite-writer.worker.ts), so both run with the same settings.
import Database from 'better-sqlite3'

// Short on purpose: better-sqlite3 waits synchronously, so a long wait would stall the waiting thread (and
// the port-out responder must answer within 2 s even when another process holds the database).
export const SQLITE_BUSY_TIMEOUT_MS = 1000

export function openSqlite(file: string): Database.Database {
  const sqlite = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS })
  // WAL lets readers and the writer work at once; synchronous stays FULL so a commit is on disk
  // before we answer 200 (a kill -9 or a power cut right after the answer loses nothing).
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  return sqlite
}
