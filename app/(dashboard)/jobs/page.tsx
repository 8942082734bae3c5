import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { JobQueue } from './job-queue'

export const metadata = { title: 'Jobs · Portwatch' }

export default async function JobsPage() {
  const user = await getPageUser()
  if (!can(user, 'jobs:read')) return <Forbidden what="the job queue" />
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Work that runs after a commit (the outbox): each status transition and port-out decision, and the scheduled tasks. A job is tried
          again with growing pauses; after its last attempt it is dead until you retry it.
        </p>
      </div>
      <JobQueue />
    </div>
  )
}
