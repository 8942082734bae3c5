import type { ReactNode } from 'react'
import { AppHeader } from '@/components/app-header'
import { SkipLink } from '@/components/skip-link'
import { getPageUser } from '@/lib/auth/session'

export const dynamic = 'force-dynamic'

/** Every dashboard page needs a signed-in user; anonymous visitors go to /login. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getPageUser()
  return (
    <>
      <SkipLink />
      <AppHeader user={user} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none sm:px-6">
        {children}
      </main>
    </>
  )
}
