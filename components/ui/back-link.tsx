import Link from 'next/link'

/** The way back to the list a detail page belongs to (a one-step breadcrumb). */
export function BackLink({ href, children }: { href: string; children: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link
        href={href}
        className="text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
      >
        ← {children}
      </Link>
    </nav>
  )
}
