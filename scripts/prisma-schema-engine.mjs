#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary.
// The Prisma 7 CLI (migrate/db/validate/format/generate/version) spawns
// PRISMA_SCHEMA_ENGINE_BINARY and speaks newline-delimited JSON-RPC over stdio.
// This shim answers that protocol with @prisma/schema-engine-wasm (npm) plus a
// Prisma driver adapter (better-sqlite3 for file:/sqlite URLs, pg for postgres://).
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const wasmDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
const argv = process.argv.slice(2)

function argValues(name) {
  const out = []
  for (let i = 0; i < argv.length; i++) if (argv[i] === name) out.push(argv[i + 1])
  return out
}

if (argv.includes('--version') || argv.includes('-V')) {
  const v = JSON.parse(fs.readFileSync(path.join(wasmDir, 'package.json'), 'utf8')).version
  process.stdout.write(`schema-engine-cli ${v.split('.').pop()} (wasm shim)\n`)
  process.exit(0)
}

const dsRaw = argValues('--datasource')[0]
const datasource = dsRaw ? JSON.parse(dsRaw) : {}

// Find the datasource URL: --datasource (from prisma.config.ts) or DATABASE_URL.
const url = datasource.url ?? process.env.DATABASE_URL
const shadowUrl = datasource.shadowDatabaseUrl

function log(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({ timestamp: new Date().toISOString(), level, fields: { message, ...extra }, target: 'schema_engine::logger' }) + '\n',
  )
}

async function makeFactory(u) {
  if (!u) throw Object.assign(new Error('No datasource url (set datasource.url in prisma.config.ts)'), { code: 'P1012' })
  if (/^postgres(ql)?:\/\//.test(u)) {
    const { PrismaPg } = require('@prisma/adapter-pg')
    // Pass discrete fields, not { connectionString }: adapter-pg's connectToShadowDb() does
    // new Pool({ ...config, database: shadow }) and pg lets connectionString override `database`,
    // which would replay migrations into the MAIN database.
    const { parse } = require('pg-connection-string')
    return new PrismaPg(parse(u))
  }
  if (u.startsWith('file:') || u === ':memory:') {
    const { PrismaBetterSqlite3 } = require('@prisma/adapter-better-sqlite3')
    return new PrismaBetterSqlite3({ url: u }, shadowUrl ? { shadowDatabaseUrl: shadowUrl } : undefined)
  }
  throw new Error(`schema-engine shim: unsupported datasource url scheme: ${u.split(':')[0]}`)
}

// ---- one-shot CLI sub-commands: `--datasource <json> cli <command>` ----
const cliIdx = argv.indexOf('cli')
if (cliIdx !== -1) {
  const command = argv[cliIdx + 1]
  try {
    if (/^postgres(ql)?:\/\//.test(url)) {
      const pg = require('pg')
      const target = new URL(url)
      const dbName = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'postgres'
      const tryConnect = async (u) => {
        const c = new pg.Client({ connectionString: u })
        await c.connect()
        return c
      }
      if (command === 'can-connect-to-database') {
        const c = await tryConnect(url)
        await c.end()
      } else if (command === 'create-database') {
        const admin = new URL(url)
        admin.pathname = '/postgres'
        const c = await tryConnect(admin.toString())
        await c.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`)
        await c.end()
      } else if (command === 'drop-database') {
        const admin = new URL(url)
        admin.pathname = '/postgres'
        const c = await tryConnect(admin.toString())
        await c.query(`DROP DATABASE IF EXISTS "${dbName.replace(/"/g, '""')}"`)
        await c.end()
      } else throw new Error(`unsupported cli command ${command}`)
    } else {
      const file = url.replace(/^file:/, '').replace(/\?.*$/, '')
      if (command === 'can-connect-to-database') {
        if (!fs.existsSync(file)) {
          process.stderr.write('\n')
          log('ERROR', `Database ${path.basename(file)} does not exist at ${file}`, { error_code: 'P1003' })
          process.exit(1)
        }
      } else if (command === 'create-database') {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
        const Database = require('better-sqlite3')
        new Database(file).close()
      } else if (command === 'drop-database') {
        fs.rmSync(file, { force: true })
      } else throw new Error(`unsupported cli command ${command}`)
    }
    process.exit(0)
  } catch (e) {
    process.stderr.write('\n')
    log('ERROR', e.message, { error_code: e.code === '3D000' ? 'P1003' : 'P1001' })
    process.exit(1)
  }
}

// ---- JSON-RPC server mode ----
const { bindMigrationAwareSqlAdapterFactory } = require('@prisma/driver-adapter-utils')
const runtime = await import(path.join(wasmDir, 'schema_engine_bg.js'))
const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(wasmDir, 'schema_engine_bg.wasm')))
const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': runtime })
runtime.__wbg_set_wasm(instance.exports)
instance.exports.__wbindgen_start()

// The wasm engine (unlike the native one) does not treat "no such table: _prisma_migrations"
// on SQLite as "migrations table not initialised yet" (it surfaces P1014), so create the
// table up front with exactly the DDL the engine itself would use.
const sqliteFile = url && url.startsWith('file:') ? url.replace(/^file:/, '').replace(/\?.*$/, '') : null
function ensureSqliteMigrationsTable() {
  const Database = require('better-sqlite3')
  const db = new Database(sqliteFile)
  db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
  );`)
  db.close()
}
// wasm `reset` on SQLite only DELETEs rows (keeps tables), which breaks `migrate reset`;
// do what the native engine does instead: drop every object.
function resetSqlite() {
  const Database = require('better-sqlite3')
  const db = new Database(sqliteFile)
  db.pragma('foreign_keys = OFF')
  const objs = db
    .prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('view','trigger','table')")
    .all()
  for (const o of objs) db.exec(`DROP ${o.type.toUpperCase()} IF EXISTS "${o.name.replace(/"/g, '""')}"`)
  db.exec('VACUUM')
  db.close()
  ensureSqliteMigrationsTable()
}
if (sqliteFile) ensureSqliteMigrationsTable()

const datamodels = argValues('--datamodels').map((p) => [p, fs.readFileSync(p, 'utf8')])
// The wasm engine sends whole multi-statement migration scripts through executeRaw when
// replaying migrations into the shadow DB; better-sqlite3 rejects multi-statement prepare(),
// so fall back to executeScript() for those.
function patchAdapter(a) {
  const executeRaw = a.executeRaw.bind(a)
  a.executeRaw = async (q) => {
    try {
      return await executeRaw(q)
    } catch (e) {
      if (/more than one statement/.test(String(e?.message)) && !q.args?.length) {
        await a.executeScript(q.sql)
        return 0
      }
      throw e
    }
  }
  return a
}
// @prisma/adapter-pg 7.x dropped the mapping for Postgres' internal "char" type (OID 18),
// which the schema describer reads from pg_catalog (relkind, contype, ...). Report it as TEXT.
function patchPgAdapter(a) {
  let proto = a
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'performIO')) proto = Object.getPrototypeOf(proto)
  if (proto && !proto.__charPatched) {
    const performIO = proto.performIO
    proto.performIO = async function (q) {
      const r = await performIO.call(this, q)
      for (const f of r?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25
      return r
    }
    proto.__charPatched = true
  }
  return a
}
const rawFactory = await makeFactory(url)
const factory =
  rawFactory.provider === 'sqlite'
    ? {
        provider: rawFactory.provider,
        adapterName: rawFactory.adapterName,
        connect: async () => patchAdapter(await rawFactory.connect()),
        connectToShadowDb: async () => patchAdapter(await rawFactory.connectToShadowDb()),
      }
    : {
        provider: rawFactory.provider,
        adapterName: rawFactory.adapterName,
        connect: async () => patchPgAdapter(await rawFactory.connect()),
        // adapter-pg's own connectToShadowDb() drops the temp DB before closing its pool
        // ("database ... is being accessed by other users"), so do it here in the right order.
        connectToShadowDb: async () => {
          const { PrismaPg } = require('@prisma/adapter-pg')
          const { parse } = require('pg-connection-string')
          if (shadowUrl) return patchPgAdapter(await new PrismaPg(parse(shadowUrl)).connect())
          const main = await rawFactory.connect()
          const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`
          await main.executeScript(`CREATE DATABASE "${name}"`)
          const shadow = patchPgAdapter(await new PrismaPg({ ...parse(url), database: name }).connect())
          const disposeShadow = shadow.dispose.bind(shadow)
          shadow.dispose = async () => {
            await disposeShadow()
            await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
            await main.dispose()
          }
          return shadow
        },
      }
const adapter = bindMigrationAwareSqlAdapterFactory(factory)
const debugLog = process.env.DEBUG ? (m) => process.stderr.write(`[wasm] ${m}\n`) : () => {}

let engine
try {
  engine = await runtime.SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, debugLog, adapter)
} catch (e) {
  log('ERROR', e?.message ?? String(e))
  process.exit(1)
}

const methodMap = { getDatabaseVersion: 'version' }
const write = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')
let printId = 1_000_000

function toRpcError(e) {
  if (process.env.SHIM_DEBUG) process.stderr.write('[shim] raw error: ' + require('node:util').inspect(e, { depth: 5 }) + '\n')
  const m = /External error id#(\d+)/.exec(String(e?.message))
  const ext = m ? adapter.errorRegistry?.consumeError?.(Number(m[1]))?.error : undefined
  if (process.env.SHIM_DEBUG && ext) process.stderr.write('[shim] external error: ' + require('node:util').inspect(ext) + '\n')
  const err = ext ? Object.assign(new Error(`${e.message}\nCaused by: ${ext.message ?? ext}`), { code: e.code }) : e
  const isPanic = e instanceof WebAssembly.RuntimeError || /unreachable|panicked/i.test(String(e?.message))
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: isPanic,
      message: err?.message ?? String(err),
      error_code: err?.code ?? err?.kind ?? undefined,
      meta: err?.meta ?? undefined,
    },
  }
}

const queue = []
let busy = false
async function pump() {
  if (busy) return
  busy = true
  while (queue.length) {
    const req = queue.shift()
    if (req.result !== undefined || req.error !== undefined) continue // reply to our "print"
    const method = methodMap[req.method] ?? req.method
    try {
      if (typeof engine[method] !== 'function') throw new Error(`schema-engine shim: method ${req.method} not supported by wasm engine`)
      let result = sqliteFile && method === 'reset' ? resetSqlite() : await engine[method](req.params ?? {})
      if (result && typeof result === 'object' && typeof result.stdout === 'string') {
        const { stdout, ...rest } = result
        if (stdout.length) write({ jsonrpc: '2.0', id: printId++, method: 'print', params: { content: stdout.replace(/\n$/, '') } })
        result = rest
      }
      write({ jsonrpc: '2.0', id: req.id, result: result ?? null })
    } catch (e) {
      write({ jsonrpc: '2.0', id: req.id, error: toRpcError(e) })
    }
  }
  busy = false
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
rl.on('line', (line) => {
  if (!line.trim()) return
  try {
    queue.push(JSON.parse(line))
  } catch {
    return
  }
  pump()
})
rl.on('close', async () => {
  while (busy || queue.length) await new Promise((r) => setTimeout(r, 10))
  try {
    engine.free()
  } catch {}
  process.exit(0)
})
