import Link from 'next/link'

/**
 * Any path that is not a page. Our own instead of Next.js's built-in one, whose inline <style> carries
 * no nonce and so is refused by the Content-Security-Policy.
 */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="space-y-3 text-center">
        <p className="text-lg font-semibold tracking-tight">
          <span aria-hidden className="mr-2 inline-block h-2.5 w-2.5 rounded-full bg-indigo-500" />
          Portwatch
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">There is no page at this address.</p>
        <Link href="/" className="text-sm font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          Go to the overview
        </Link>
      </div>
    </main>
  )
}
