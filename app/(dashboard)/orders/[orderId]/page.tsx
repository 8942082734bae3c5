import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { decodePathSegment } from '@/lib/http/decode-path-segment'
import { CopyButton } from '@/components/copy-button'
import { BackLink } from '@/components/ui/back-link'
import { ExportLinks } from '@/components/export-links'
import { OrderTimeline } from './order-timeline'

type Params = Promise<{ orderId: string }>

export async function generateMetadata({ params }: { params: Params }) {
  const { orderId } = await params
  return { title: `Order ${decodePathSegment(orderId)} · Portwatch` }
}

/** One order's page: the header and lifecycle come with its timeline from /api/orders/{orderId}. */
export default async function OrderPage({ params }: { params: Params }) {
  const orderId = decodePathSegment((await params).orderId)
  const user = await getPageUser()
  return (
    <div className="space-y-6">
      <BackLink href="/orders">Orders</BackLink>
      <h1 className="text-2xl font-semibold tracking-tight">
        Order <span className="break-all font-mono text-xl">{orderId}</span> <CopyButton value={orderId} what="the order id" />
      </h1>
      <ExportLinks list="timeline" filter={{ orderId }} label="this timeline" />
      <OrderTimeline orderId={orderId} canNote={can(user, 'orders:notes')} />
    </div>
  )
}
