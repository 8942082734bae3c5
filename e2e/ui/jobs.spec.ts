// The /jobs page as an admin uses it: a job that used up its attempts shows as dead with its error; Retry runs it
// again. The server of this test runs no in-process runner (PORTWATCH_WORKER=0): the cron route drains, as on Vercel.
import { randomUUID } from 'node:crypto'
import { E2E_ADMIN, E2E_CRON_SECRET, E2E_PORT_BASE } from '../../playwright.config'
import { closeConnections, openConnections } from '../../lib/db/client'
import { enqueueJob, enqueueJobs } from '../../lib/db/jobs'
import { notificationTransition } from '../../lib/jobs/job-kinds'
import { createDatabase, startServer, stopServer, waitForHealth, type Server } from '../support/server'
import { expect, test } from '../support/test'
import { screenshot, signInWithForm } from '../support/ui'

test.describe('the job queue page', () => {
  let server: Server | undefined
  let cleanup: (() => Promise<void>) | undefined
  test.afterAll(async () => {
    await stopServer(server)
    await cleanup?.()
  })

  test('an admin sees a dead job with its error and retries it', async ({ browser }, info) => {
    test.setTimeout(120_000)
    const provider = info.project.name as 'sqlite' | 'postgresql'
    const database = await createDatabase(provider, 'jobs_ui')
    cleanup = () => database.drop()
    server = startServer(E2E_PORT_BASE + 60 + (provider === 'postgresql' ? 1 : 0), database.url, {
      PORTWATCH_WORKER: '0',
      CRON_SECRET: E2E_CRON_SECRET,
      PORTWATCH_ADMIN_EMAIL: E2E_ADMIN.email,
      PORTWATCH_ADMIN_PASSWORD: E2E_ADMIN.password,
    })
    await waitForHealth(server)
    const base = server.base

    // An outbox entry whose notification is not stored: its handler refuses it. One attempt only, so it dies at once.
    const missing = randomUUID()
    const c = openConnections(database.url)
    try {
      await enqueueJobs(c, [
        enqueueJob(
          { ...notificationTransition, maxAttempts: 1 },
          {
            notificationId: missing,
            orderId: 'o-1',
            orderType: 'portins',
            from: null,
            to: 'FOC',
            at: new Date().toISOString(),
            source: 'test',
          },
        ),
      ])
    } finally {
      await closeConnections(c)
    }
    const drain = async () => {
      const res = await fetch(`${base}/api/cron/jobs`, { headers: { Authorization: `Bearer ${E2E_CRON_SECRET}` } })
      expect(res.status).toBe(200)
      return (await res.json()) as { attempts: { succeeded: number; failed: number } }
    }
    expect((await drain()).attempts.failed).toBe(1)
    const error = `notification ${missing} is not stored: this outbox entry has nothing to act on`

    const context = await browser.newContext({ baseURL: base })
    const page = await context.newPage()
    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()
    await expect(page.getByRole('heading', { name: 'Jobs', level: 1 })).toBeVisible()
    await expect(page.getByTestId('count-dead')).toContainText('1')
    const row = page.getByTestId('job-row').filter({ hasText: 'notification.transition' })
    await expect(row.getByTestId('job-state')).toHaveText('dead')
    await expect(row.getByTestId('job-error')).toHaveText(error)
    await expect(row).toContainText('1 / 1')
    await row.getByText('attempt history (1)').click()
    await expect(row.getByTestId('attempt-row')).toHaveCount(1)
    await expect(row.getByTestId('attempt-row')).toContainText('failed')
    await screenshot(page, provider, 'jobs-dead')

    await row.getByRole('button', { name: 'Retry' }).click()
    await expect(page.getByRole('status')).toContainText('will run again now')
    await expect(row.getByTestId('job-state')).not.toHaveText('dead')
    await expect(page.getByTestId('count-dead')).toContainText('0')

    // The next drain runs it again: it fails the same way (the notification is still missing), now with retries left.
    expect((await drain()).attempts.failed).toBe(1)
    await page.reload()
    await expect(row.getByTestId('job-state')).toHaveText('retrying')
    await expect(row).toContainText(`2 / ${1 + notificationTransition.maxAttempts}`)
    await expect(row.getByText('attempt history (2)')).toBeVisible()
    await expect(page.getByTestId('count-retrying')).toContainText('1')
    await context.close()
  })
})
