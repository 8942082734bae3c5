import type { ReactNode } from 'react'

/** A page of its own outside the dashboard (sign-in, setup, not found): the name, and the content centred below. */
export function CenteredShell({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm space-y-6">
        <p className="text-center text-lg font-semibold tracking-tight">
          <span aria-hidden className="mr-2 inline-block h-2.5 w-2.5 rounded-full bg-indigo-500" />
          Portwatch
        </p>
        {children}
      </div>
    </main>
  )
}
