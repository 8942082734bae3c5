import { BackLink } from '@/components/ui/back-link'
import { decodePathSegment } from '@/lib/http/decode-path-segment'
import { EventDetail } from './event-detail'

type Params = Promise<{ notificationId: string }>

export const metadata = { title: 'Notification · Portwatch' }

/** One notification from the feed: what it said, its payload as received, and the delivery that brought it. */
export default async function EventPage({ params }: { params: Params }) {
  const { notificationId } = await params
  return (
    <div className="space-y-6">
      <BackLink href="/events">Event feed</BackLink>
      <EventDetail notificationId={decodePathSegment(notificationId).slice(0, 100)} />
    </div>
  )
}
