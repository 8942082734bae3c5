import Link from 'next/link'

// Small pieces every port-out screen shows: the answer, the numbers (each a link to its page), an empty cell.

export function AnswerBadge({ portable }: { portable: boolean }) {
  return portable ? (
    <span className="inline-block whitespace-nowrap rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
      Portable: yes
    </span>
  ) : (
    <span className="inline-block whitespace-nowrap rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800 dark:bg-rose-950 dark:text-rose-200">
      Portable: no
    </span>
  )
}

export function NumberLinks({ numbers }: { numbers: string[] }) {
  if (numbers.length === 0) return <Dash />
  return (
    <ul className="space-y-0.5">
      {numbers.map((n) => (
        <li key={n}>
          <Link
            href={`/numbers/${encodeURIComponent(n)}`}
            className="whitespace-nowrap font-mono text-xs text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300"
          >
            {n}
          </Link>
        </li>
      ))}
    </ul>
  )
}

export function Dash() {
  return <span className="text-slate-400 dark:text-slate-500">—</span>
}
