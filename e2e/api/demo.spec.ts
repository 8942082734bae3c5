// `npm run demo -- --check`: the demo's pieces together (fresh database, printed admin, the production
// server through scripts/start.mjs, the simulator) until the overview shows simulated orders.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { E2E_PORT_BASE } from '../../playwright.config'
import { answers } from '../support/server'
import { expect, test } from '../support/test'

test('npm run demo brings up Portwatch with simulated traffic on the overview', async () => {
  test.setTimeout(120_000)
  const port = E2E_PORT_BASE + 42
  expect(await answers(port), `port ${port} is already in use`).toBe(false)
  const root = path.resolve(import.meta.dirname, '../..')
  const child = spawn('npm', ['run', '-s', 'demo', '--', '--port', String(port), '--check'], {
    cwd: root,
    env: { ...process.env, PORTWATCH_DEMO_DATABASE: path.join(root, 'test-results', 'demo', 'demo.db') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  expect(code, output).toBe(0)
  expect(output).toMatch(/\[demo\] (created|recreated) the demo database test-results\/demo\/demo\.db/)
  expect(output).toMatch(/sign in as demo@portwatch\.local \/ demo-[0-9a-f]{12}/)
  expect(output).toMatch(/\[demo\] port-out policy approved through the queue: .* proposed by demo-operator@portwatch\.local/)
  expect(output).toMatch(/\[demo\] subscriptions at the fake Bandwidth: \d+ checked, 3 need a look/)
  expect(output).toMatch(/\[demo\] check passed: the overview shows \d+ simulated orders/)
  expect(await answers(port), 'the demo stopped its server').toBe(false)
})
