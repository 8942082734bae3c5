import { Forbidden } from '@/components/ui/card'
import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { AuditTable } from './audit-table'

export const metadata = { title: 'Audit log · Portwatch' }

export default async function AuditPage() {
  const user = await getPageUser()
  if (!can(user, 'audit:read')) return <Forbidden what="the audit log" />
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <AuditTable />
    </div>
  )
}
