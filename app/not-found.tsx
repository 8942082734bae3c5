import Link from 'next/link'
import { CenteredShell } from '@/components/ui/centered-shell'

/**
 * Any path that is not a page. Our own instead of Next.js's built-in one, whose inline <style> carries
 * no nonce and so is refused by the Content-Security-Policy.
 */
export default function NotFound() {
  return (
    <CenteredShell>
      <div className="space-y-3 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">There is no page at this address.</p>
        <Link href="/" className="text-sm font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300">
          Go to the overview
        </Link>
      </div>
    </CenteredShell>
  )
}
