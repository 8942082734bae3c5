// Graphile Worker's log lines, in our format: warnings and errors only (it reports every job at info level,
// which the attempt history already keeps).
import { Logger } from 'graphile-worker'

export const jobQueueLogger = new Logger(() => (level, message) => {
  // The first line: a failed task's stack says nothing its error line does not (the attempt history keeps that too).
  const line = message.split('\n')[0]
  if (level === 'error') console.error(`[jobs] ${line}`)
  else if (level === 'warning') console.warn(`[jobs] ${line}`)
})
