// A job runner in a process of its own, for the crash test (lib/db/jobs.db.test.ts): it claims the job, says so
// on stdout, and hangs until it is killed (kill -9), so the claim is left behind by a dead worker.
//   node --import tsx test/support/job-worker-child.ts <DATABASE_URL> <job name>
import { openConnections } from '../../lib/db/client'
import { defineJob } from '../../lib/jobs/define-job'
import { jobKind } from '../../lib/jobs/job-kinds'
import { startJobRunner } from '../../lib/jobs/start-job-runner'

const [url, name] = process.argv.slice(2)
const c = openConnections(url)
const hang = defineJob(jobKind<unknown>(name, { maxAttempts: 5 }), async (_payload, ctx) => {
  process.stdout.write(`claimed ${ctx.jobId} attempt ${ctx.attempt}\n`)
  await new Promise(() => {})
})
const runner = await startJobRunner(c, { definitions: [hang], schedules: [], heartbeatMs: 200, pollIntervalMs: 100 })
process.stdout.write(`worker ${runner.workerIds.join(',')}\n`)
setInterval(() => {}, 60_000)
