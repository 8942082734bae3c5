import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/find-chromium.mjs'

// Every e2e test runs against the production build (`next build` first) on a fresh SQLite database,
// and again on a fresh PostgreSQL database when PORTWATCH_TEST_POSTGRES_URL is set.
// The browser: CHROMIUM_PATH, else Debian's chromium (apt-get install chromium), else Playwright's own if
// installed (scripts/find-chromium.mjs); nothing is downloaded.
const withPostgres = Boolean(process.env.PORTWATCH_TEST_POSTGRES_URL)
// PORTWATCH_E2E_PORT_BASE lets two runs share a machine; tests that start their own servers use base+10 and up.
export const E2E_PORT_BASE = Number(process.env.PORTWATCH_E2E_PORT_BASE ?? 3210)
const PORTS = { sqlite: E2E_PORT_BASE, postgresql: E2E_PORT_BASE + 1 } as const
export const E2E_CREDENTIALS = { username: 'e2e-bandwidth', password: 'e2e-webhook-password-not-secret' }
export const E2E_PORTOUT_CREDENTIALS = { username: 'e2e-portout', password: 'e2e-portout-password-not-secret' }
/** The bearer secret of GET /api/cron/jobs on the e2e servers. */
export const E2E_CRON_SECRET = 'e2e-cron-secret-not-secret-0123'
/** Created by the server on first start from PORTWATCH_ADMIN_EMAIL / PORTWATCH_ADMIN_PASSWORD. */
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password-0001' }

// Specs that belong to one project: they start their own servers, so running them twice adds nothing.
// The container image and several instances need PostgreSQL; the demo is always one embedded SQLite file.
const ONLY_IN_OTHER_PROJECT = {
  sqlite: ['**/api/container.spec.ts', '**/api/multi-instance.spec.ts'],
  postgresql: ['**/api/demo.spec.ts'],
}

const chromium = findChromium()
if (!chromium.ok) throw new Error(chromium.message)

const providers = withPostgres ? (['sqlite', 'postgresql'] as const) : (['sqlite'] as const)

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  outputDir: 'test-results/playwright',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium.path,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
  },
  projects: providers.map((p) => ({ name: p, use: { baseURL: `http://127.0.0.1:${PORTS[p]}` }, testIgnore: ONLY_IN_OTHER_PROJECT[p] })),
  webServer: providers.map((p) => ({
    command: `node scripts/e2e-server.mjs ${p} ${PORTS[p]}`,
    url: `http://127.0.0.1:${PORTS[p]}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      BANDWIDTH_WEBHOOK_USERNAME: E2E_CREDENTIALS.username,
      BANDWIDTH_WEBHOOK_PASSWORD: E2E_CREDENTIALS.password,
      BANDWIDTH_PORTOUT_USERNAME: E2E_PORTOUT_CREDENTIALS.username,
      BANDWIDTH_PORTOUT_PASSWORD: E2E_PORTOUT_CREDENTIALS.password,
      PORTWATCH_PIN_SECRET: 'e2e-pin-secret-0123456789abcdef0123456789',
      PORTWATCH_MAX_BODY_BYTES: String(2 * 1024 * 1024),
      PORTWATCH_ADMIN_EMAIL: E2E_ADMIN.email,
      PORTWATCH_ADMIN_PASSWORD: E2E_ADMIN.password,
      CRON_SECRET: E2E_CRON_SECRET,
      // Alert channels in the e2e tests send to receivers on loopback ports.
      PORTWATCH_ALLOW_PRIVATE_URLS: '1',
      // Forwarding's retry schedule shrunk from Svix's hours to 300 ms steps (8 attempts), so a test sees it run out.
      PORTWATCH_FORWARDING_RETRY_SCHEDULE: '0,300ms,300ms,300ms,300ms,300ms,300ms,300ms',
    },
  })),
})
