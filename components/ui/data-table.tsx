import type { ReactNode, TableHTMLAttributes } from 'react'

// Plain and tracked heads sit inside a card with no frame of their own; shaded and danger head a framed list.
const HEAD_TONES = {
  plain: 'border-b border-slate-200 text-xs uppercase text-slate-600 dark:border-slate-800 dark:text-slate-400',
  tracked: 'border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400',
  shaded:
    'border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400',
  danger:
    'border-b border-rose-200 bg-rose-50 text-xs uppercase tracking-wide text-rose-800 dark:border-rose-900 dark:bg-rose-950/50 dark:text-rose-200',
} as const

/** The caption is required because it is what a screen reader announces the table by; it is hidden because the card or page heading above already says it on screen. */
export function DataTable({
  caption,
  head,
  tone = 'plain',
  className = '',
  children,
  ...props
}: TableHTMLAttributes<HTMLTableElement> & { caption: string; head: ReactNode; tone?: keyof typeof HEAD_TONES; children: ReactNode }) {
  return (
    <table {...props} className={`relative w-full text-left text-sm ${className}`}>
      <caption className="sr-only">{caption}</caption>
      <thead className={HEAD_TONES[tone]}>{head}</thead>
      <tbody>{children}</tbody>
    </table>
  )
}
