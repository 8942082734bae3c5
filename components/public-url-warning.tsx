// A webhook URL Bandwidth could not use (plain HTTP, a local or private host), said where the URL is shown.
import { publicUrlProblems } from '@/lib/server/check-public-url'

export function PublicUrlWarning({ url }: { url: string }) {
  const problems = publicUrlProblems(url)
  if (problems.length === 0) return null
  return (
    <div
      role="alert"
      data-testid="public-url-warning"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <p className="font-medium">Bandwidth cannot use this URL as it is:</p>
      <ul className="ml-4 list-disc">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p className="mt-1">Set PORTWATCH_PUBLIC_URL (or the public URL below) to the HTTPS address the internet reaches Portwatch at.</p>
    </div>
  )
}
