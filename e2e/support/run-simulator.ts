// Runs the traffic simulator as a child process, exactly as `npm run simulate -- …` does, and parses
// the summary it prints with --json.
import { spawn } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')

export type SimulatorSummary = {
  ok: boolean
  problems: string[]
  notifications: {
    sent: number
    acknowledged: number
    challenged: number
    unanswered: number
    byHttpStatus: Record<string, number>
    byOutcome: Record<string, number>
    duplicatesSent: number
    reorderedSent: number
    events: number
  }
  orders: { total: number; ids: string[]; byType: Record<string, number>; byFinalStatus: Record<string, number> }
  portouts: {
    sent: number
    attempts: number
    answered: number
    unanswered: number
    portable: number
    denied: number
    deniedByCode: Record<string, number>
  }
  readBack: {
    notificationsChecked: number
    ordersChecked: number
    eventsChecked: number
    portoutsChecked: number
    missingCount: number
    missing: string[]
    unexpectedTimelineEntries: number
    statusMismatches: string[]
  } | null
}

export async function runSimulator(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; summary: SimulatorSummary | null; stdout: string; stderr: string }> {
  // The credentials come through options in these tests: clear what the shell may have set.
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(BANDWIDTH_|PORTWATCH_ADMIN_)/.test(k)),
  ) as NodeJS.ProcessEnv
  const child = spawn('npm', ['run', '-s', 'simulate', '--', '--json', ...args], {
    cwd: ROOT,
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
  let summary: SimulatorSummary | null = null
  try {
    summary = JSON.parse(stdout) as SimulatorSummary
  } catch {
    // left null: the test reports stdout and stderr
  }
  return { code, summary, stdout, stderr }
}

// `--name=value`: a generated password may start with '-', which `--name value` would read as an option.
export const credentialArgs = (c: {
  webhook: { username: string; password: string }
  portout: { username: string; password: string }
  admin: { email: string; password: string }
}) => [
  `--username=${c.webhook.username}`,
  `--password=${c.webhook.password}`,
  `--portout-username=${c.portout.username}`,
  `--portout-password=${c.portout.password}`,
  `--admin-email=${c.admin.email}`,
  `--admin-password=${c.admin.password}`,
]
