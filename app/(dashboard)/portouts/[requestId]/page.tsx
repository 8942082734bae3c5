import Link from 'next/link'
import { PortoutDetail } from './portout-detail'

type Params = Promise<{ requestId: string }>

export const metadata = { title: 'Port-out request · Portwatch' }

/** One port-out request: what arrived, what decided it, and exactly what we answered. */
export default async function PortoutRequestPage({ params }: { params: Params }) {
  const requestId = safeDecode((await params).requestId).slice(0, 100)
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/portouts" className="text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
          ← Port-out requests
        </Link>
      </nav>
      <PortoutDetail requestId={requestId} />
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
