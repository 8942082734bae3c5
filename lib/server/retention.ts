// The Settings page's view of retention: the periods, what a purge would remove now, the last purge; and
// "purge now", which queues the same job the hourly schedule runs (a purge can take minutes: never in a request).
import type { AuditActor } from '../db/audit'
import { recordAudit } from '../db/audit'
import type { Connections } from '../db/client'
import { enqueueJob, enqueueJobs } from '../db/jobs'
import { lastPurge, previewPurge, retentionCutoffs } from '../db/retention'
import { getAppSettings } from '../db/settings'
import { retentionPurge } from '../jobs/job-kinds'
import { signalJobsEnqueued } from '../jobs/job-signal'

export async function getRetention(c: Connections) {
  const { retentionDays } = await getAppSettings(c)
  const cutoffs = retentionCutoffs(retentionDays, new Date())
  const [wouldPurge, last] = await Promise.all([previewPurge(c, cutoffs), lastPurge(c)])
  return {
    retentionDays,
    cutoffs: Object.fromEntries(Object.entries(cutoffs).map(([k, d]) => [k, d.toISOString()])) as Record<string, string>,
    wouldPurge,
    lastPurge: last,
  }
}

export async function queuePurgeNow(c: Connections, actor: AuditActor): Promise<void> {
  await enqueueJobs(c, [enqueueJob(retentionPurge, { slot: `manual:${new Date().toISOString()}`, trigger: 'manual' })])
  await recordAudit(c.prisma, { actor, action: 'retention.purge-requested', target: 'manual' })
  signalJobsEnqueued()
}
