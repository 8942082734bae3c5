// `npm test`: every tier in order — unit, db, then e2e against a fresh production build.
// The db and e2e tiers also run on PostgreSQL when PORTWATCH_TEST_POSTGRES_URL is set.
// Ends with one summary line, "N passed, N failed", and a non-zero exit code on any failure.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { findChromium } from './find-chromium.mjs'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
// The e2e tier needs a browser: without one, say how to get one now, not after the unit tiers and a build.
const chromium = findChromium()
if (!chromium.ok) {
  console.error(chromium.message)
  process.exit(1)
}
// The Playwright run uses exactly the browser found here (playwright.config.ts reads CHROMIUM_PATH first).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1', CHROMIUM_PATH: chromium.path }
const bin = (name) => path.join(root, 'node_modules/.bin', name)
const results = 'test-results'
fs.mkdirSync(results, { recursive: true })

const totals = { passed: 0, failed: 0 }
let broken = false

function run(title, command, args) {
  console.log(`\n=== ${title} ===`)
  const started = Date.now()
  const r = spawnSync(command, args, { stdio: 'inherit', env })
  console.log(`=== ${title}: ${r.status === 0 ? 'ok' : `exit ${r.status ?? r.signal}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  return r.status === 0
}

function countVitest(file) {
  if (!fs.existsSync(file)) return false
  const report = JSON.parse(fs.readFileSync(file, 'utf8'))
  totals.passed += report.numPassedTests
  totals.failed += report.numFailedTests
  return true
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return false
  const { stats } = JSON.parse(fs.readFileSync(file, 'utf8'))
  totals.passed += stats.expected + stats.flaky
  totals.failed += stats.unexpected
  return true
}

console.log(`Chromium: ${chromium.path} (${chromium.source})`)
console.log(
  `PostgreSQL tiers: ${env.PORTWATCH_TEST_POSTGRES_URL ? 'on' : 'off (set PORTWATCH_TEST_POSTGRES_URL to run the db and e2e tiers on PostgreSQL too)'}`,
)
for (const tier of ['unit', 'db']) {
  const out = path.join(results, `${tier}.json`)
  fs.rmSync(out, { force: true })
  const ok = run(`${tier} tests`, bin('vitest'), ['run', '--project', tier, '--reporter=default', '--reporter=json', `--outputFile=${out}`])
  if (!countVitest(out) || !ok) broken = broken || !ok
}

const e2eOut = path.join(results, 'e2e-results.json')
fs.rmSync(e2eOut, { force: true })
const built = run('production build', process.execPath, ['scripts/db-generate.mjs']) && run('next build', bin('next'), ['build'])
if (!built) {
  broken = true
} else {
  const ok = run('e2e tests (Playwright, Chromium)', bin('playwright'), ['test'])
  if (!countPlaywright(e2eOut) || !ok) broken = broken || !ok
}

if (broken && totals.failed === 0) totals.failed = 1 // a tier failed before it could report (build, setup)
console.log(`\n${totals.passed} passed, ${totals.failed} failed`)
process.exit(totals.failed > 0 || broken ? 1 : 0)
