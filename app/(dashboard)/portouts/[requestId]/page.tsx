import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { decodePathSegment } from '@/lib/http/decode-path-segment'
import { BackLink } from '@/components/ui/back-link'
import { PortoutDetail } from './portout-detail'

type Params = Promise<{ requestId: string }>

export const metadata = { title: 'Port-out request · Portwatch' }

/** One port-out request: what arrived, what decided it, and exactly what we answered. */
export default async function PortoutRequestPage({ params }: { params: Params }) {
  const [user, { requestId: raw }] = await Promise.all([getPageUser(), params])
  const requestId = decodePathSegment(raw).slice(0, 100)
  return (
    <div className="space-y-6">
      <BackLink href="/portouts">Port-out requests</BackLink>
      {/* The server enforces this too; it only hides the controls this role could not use. */}
      <PortoutDetail requestId={requestId} canReveal={can(user, 'cpni:reveal')} />
    </div>
  )
}
