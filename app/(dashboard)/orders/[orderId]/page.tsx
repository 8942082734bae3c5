import Link from 'next/link'
import { OrderTimeline } from './order-timeline'

type Params = Promise<{ orderId: string }>

export async function generateMetadata({ params }: { params: Params }) {
  const { orderId } = await params
  return { title: `Order ${safeDecode(orderId)} · Portwatch` }
}

/** One order's page: the header and lifecycle come with its timeline from /api/orders/{orderId}. */
export default async function OrderPage({ params }: { params: Params }) {
  const orderId = safeDecode((await params).orderId)
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/orders" className="text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
          ← Orders
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">
        Order <span className="break-all font-mono text-xl">{orderId}</span>
      </h1>
      <OrderTimeline orderId={orderId} />
    </div>
  )
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
