import type { ReactNode } from 'react'
import { AppHeader } from '@/components/app-header'
import { getPageUser } from '@/lib/auth/session'

export const dynamic = 'force-dynamic'

/** Every dashboard page needs a signed-in user; anonymous visitors go to /login. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getPageUser()
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  )
}
