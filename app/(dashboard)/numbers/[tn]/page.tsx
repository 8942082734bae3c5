import { can } from '@/lib/auth/permissions'
import { getPageUser } from '@/lib/auth/session'
import { decodePathSegment } from '@/lib/http/decode-path-segment'
import { NumberHistory } from './number-history'

type Params = Promise<{ tn: string }>

export async function generateMetadata({ params }: { params: Params }) {
  const { tn } = await params
  return { title: `${decodePathSegment(tn).slice(0, 40)} · Portwatch` }
}

/** One telephone number in any format: /numbers/9195550301, /numbers/+19195550301, /numbers/(919)%20555-0301. */
export default async function NumberPage({ params }: { params: Params }) {
  const [{ tn }, user] = await Promise.all([params, getPageUser()])
  return (
    <NumberHistory
      input={decodePathSegment(tn).slice(0, 40)}
      canPropose={can(user, 'rules:propose')}
      canLock={can(user, 'subscribers:write')}
      canErase={can(user, 'cpni:erase')}
    />
  )
}
