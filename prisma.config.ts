// Prisma CLI configuration (migrate dev / generate). The app itself migrates with lib/db/migrate.ts.
import path from 'node:path'
import { defineConfig } from 'prisma/config'

// Offline: the Prisma 7 CLI wants a native schema-engine binary from the internet.
// Point it at the npm-only wasm shim instead (can be overridden from the environment).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname ?? '.', 'scripts/prisma-schema-engine.mjs')
process.env.CHECKPOINT_DISABLE ??= '1'

// One codebase, two providers: SQLite by default, PostgreSQL when DATABASE_URL is postgres://
const url = process.env.DATABASE_URL ?? 'file:./data/portwatch.db'
const isPg = /^postgres(ql)?:\/\//.test(url)

export default defineConfig({
  schema: isPg ? 'prisma/postgres/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: isPg ? 'prisma/postgres/migrations' : 'prisma/migrations' },
  datasource: { url },
})
