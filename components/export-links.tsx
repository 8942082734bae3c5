import type { ExportListName } from '@/lib/server/export-list'

/** What the list shows now, as the export's query: empty filters left out. */
export type ExportFilter = Record<string, string | boolean | null | undefined>

/** "Export CSV · NDJSON" for a list's current filter: plain download links to GET /api/exports/{list}. */
export function ExportLinks({ list, filter = {}, label = 'this list' }: { list: ExportListName; filter?: ExportFilter; label?: string }) {
  const href = (format: 'csv' | 'ndjson') => {
    const q = new URLSearchParams({ format })
    for (const [k, v] of Object.entries(filter)) if (v !== '' && v !== null && v !== undefined && v !== false) q.set(k, String(v))
    return `/api/exports/${list}?${q}`
  }
  const link =
    'rounded px-1.5 py-0.5 font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-indigo-300'
  return (
    <p className="flex items-center gap-1 text-sm text-slate-600 dark:text-slate-400" data-testid="export-links">
      <span>Export {label}:</span>
      <a href={href('csv')} download className={link} aria-label={`Export ${label} as CSV`}>
        CSV
      </a>
      <span aria-hidden>·</span>
      <a href={href('ndjson')} download className={link} aria-label={`Export ${label} as NDJSON`}>
        NDJSON
      </a>
    </p>
  )
}
