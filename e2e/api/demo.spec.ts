// `npm run demo -- --check`: the demo's pieces together (fresh database, printed admin, the production
// server through scripts/start.mjs, the simulator) until the overview shows simulated orders, then what a
// newcomer should find: lingering orders with reasons, refused deliveries, subscriber records, a viewer and a second admin.
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
  // The whole product: a second admin and a viewer, records deciding port-outs, bad deliveries, orders that linger.
  expect(output).toMatch(
    /also: second admin demo-admin2@portwatch\.local \/ demo-[0-9a-f]{12}, viewer demo-viewer@portwatch\.local \/ demo-[0-9a-f]{12}/,
  )
  expect(output).toMatch(/\[demo\] 400 subscriber records .* 3 locked: 9195550003, 9195550011, 9195550024/)
  expect(output).toMatch(/\[demo\] stuck thresholds scaled to the simulated clock \(1 s = 1 h\): port-ins stuck after 2 real minutes/)
  expect(output).toMatch(/\[demo\] 3 port-ins left in EXCEPTION and REQUESTED_SUPP/)
  expect(output).toMatch(/\[demo\] 3 bad deliveries sent \(answered 400, 400, 400\)/)
  expect(output).toMatch(/\[demo\] check passed: the overview shows \d+ simulated orders; /)
  expect(output).toMatch(/; [3-9]\d* orders in EXCEPTION or REQUESTED_SUPP needing attention \([3-9]\d* with a reason\)/)
  expect(output).toMatch(/; ([3-9]|\d{2,}) rejected deliveries/)
  expect(output).toMatch(/; 200\+ subscriber records; the viewer sees account ••••0000; the second admin signs in/)
  expect(await answers(port), 'the demo stopped its server').toBe(false)
})
