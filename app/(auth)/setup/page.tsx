import { redirect } from 'next/navigation'
import { db } from '@/lib/db/client'
import { countUsers } from '@/lib/db/users'
import { SetupForm } from './setup-form'

export const dynamic = 'force-dynamic'
export const metadata = { title: 'Set up · Portwatch' }

/** Exists only while there are no users: creates the first admin. */
export default async function SetupPage() {
  if ((await countUsers(db())) > 0) redirect('/login')
  return <SetupForm />
}
