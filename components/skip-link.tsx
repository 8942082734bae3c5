/** The first thing a keyboard reaches: straight past the header to the page's content (#main). */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="sr-only rounded-md bg-indigo-700 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
    >
      Skip to content
    </a>
  )
}
