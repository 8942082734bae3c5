// The image cannot be built here (no container engine), so e2e/api/container.spec.ts runs what the
// Dockerfile runs. This keeps the two from drifting: if the Dockerfile stops shipping exactly the
// folder scripts/assemble-standalone.mjs makes, or changes how it starts, this fails.
import fs from 'node:fs'
import path from 'node:path'
import { PHASE_PRODUCTION_BUILD, PHASE_PRODUCTION_SERVER } from 'next/constants'
import { describe, expect, it } from 'vitest'
import nextConfig from '../next.config'
import { argsOf, environment, execCommand, readDockerfile, stage } from '../test/support/dockerfile'

const ROOT = path.resolve(import.meta.dirname, '..')
const stages = readDockerfile()
const runtime = stage(stages, 'runtime')

describe('next.config.ts', () => {
  it('builds the standalone server, and leaves `next start` (npm start, tests) serving the repository build', () => {
    expect(nextConfig(PHASE_PRODUCTION_BUILD).output).toBe('standalone')
    expect(nextConfig(PHASE_PRODUCTION_SERVER).output).toBeUndefined()
  })
})

describe('Dockerfile', () => {
  it('assembles the runtime folder with scripts/assemble-standalone.mjs after the build, and ships only that folder', () => {
    expect(argsOf(stage(stages, 'build'), 'RUN').join(' && ')).toMatch(/npm run build && node scripts\/assemble-standalone\.mjs \/runtime$/)
    expect(argsOf(runtime, 'COPY')).toEqual(['--from=build /runtime ./'])
  })

  it('starts like the container spec starts it: node server.js, listening on all interfaces of port 3000', () => {
    expect(execCommand(runtime)).toEqual(['node', 'server.js'])
    expect(environment(runtime)).toMatchObject({ NODE_ENV: 'production', PORT: '3000', HOSTNAME: '0.0.0.0' })
    expect(argsOf(runtime, 'EXPOSE')).toEqual(['3000'])
  })

  it('runs as the unprivileged node user, checks /api/health with node (no curl in slim images), and migrates only at start', () => {
    expect(argsOf(runtime, 'USER')).toEqual(['node'])
    const healthcheck = argsOf(runtime, 'HEALTHCHECK').join()
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*\/api\/health.*"\]$/)
    const runs = stages.flatMap((s) => argsOf(s, 'RUN')).join('\n')
    expect(runs).not.toMatch(/migrate/)
  })

  it('every stage starts from the same Node.js image, so the native module built in deps loads in runtime', () => {
    expect(new Set(stages.map((s) => s.from))).toEqual(new Set(['node:20-bookworm-slim']))
  })

  it('keeps secrets, local databases and test output out of the build context', () => {
    const ignored = fs
      .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', 'data', '*.db', 'test-results', 'node_modules', '.next', '.git']))
  })
})
