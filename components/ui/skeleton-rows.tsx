/** Placeholder table rows while a list loads (hidden from screen readers; the table says it is loading). */
export function SkeletonRows({ rows = 4, columns }: { rows?: number; columns: number }) {
  return Array.from({ length: rows }, (_, i) => (
    <tr key={i} className="border-b border-slate-100 last:border-0 dark:border-slate-800/60" aria-hidden>
      {Array.from({ length: columns }, (_, j) => (
        <td key={j} className="px-3 py-3">
          <span className="block h-3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
        </td>
      ))}
    </tr>
  ))
}
