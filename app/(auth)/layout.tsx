import type { ReactNode } from 'react'

export default function AuthLayout({ children }: { children: ReactNode }) {
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
