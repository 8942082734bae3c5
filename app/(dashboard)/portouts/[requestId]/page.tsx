import { decodePathSegment } from '@/lib/http/decode-path-segment'
import { BackLink } from '@/components/ui/back-link'
import { PortoutDetail } from './portout-detail'

type Params = Promise<{ requestId: string }>

export const metadata = { title: 'Port-out request · Portwatch' }

/** One port-out request: what arrived, what decided it, and exactly what we answered. */
export default async function PortoutRequestPage({ params }: { params: Params }) {
  const requestId = decodePathSegment((await params).requestId).slice(0, 100)
  return (
    <div className="space-y-6">
      <BackLink href="/portouts">Port-out requests</BackLink>
      <PortoutDetail requestId={requestId} />
    </div>
  )
}
