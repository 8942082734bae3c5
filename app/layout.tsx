import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import './globals.css'

// Every page is rendered per request, the not-found page too: the Content-Security-Policy's nonce
// (proxy.ts) is new each time, and a prerendered page's scripts would carry none.
export const dynamic = 'force-dynamic'

export const metadata: Metadata = {
  title: 'Portwatch',
  description: 'Operations console for Bandwidth phone numbers',
}

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  )
}
