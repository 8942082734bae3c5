// One attempt at one job, the same for both runners: call the handler and say how it ended, in one line.
import type { AttemptEnd, ClaimedJob } from '../db/jobs'
import type { Connections } from '../db/client'
import type { JobDefinition } from './define-job'

const MAX_LINE = 500

export async function runJobAttempt(c: Connections, def: JobDefinition, job: ClaimedJob): Promise<AttemptEnd> {
  try {
    const detail = await def.handle(job.payload, { connections: c, jobId: job.id, attempt: job.attempt, maxAttempts: job.maxAttempts })
    return { outcome: 'succeeded', detail: detail ? oneLine(detail) : null }
  } catch (error) {
    return { outcome: 'failed', error: oneLine(error instanceof Error ? error.message || error.name : String(error)) }
  }
}

export function oneLine(text: string): string {
  const line = text.split('\n')[0].trim()
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line
}
