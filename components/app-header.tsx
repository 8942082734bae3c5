'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useState } from 'react'
import useSWR from 'swr'
import type { IssuesSummaryResponse } from '@/app/api/issues/summary/route'
import { fetchJson, sendJson } from './fetch-json'
import { GlobalSearch } from './global-search'
import type { Role } from '@/lib/roles'
import { loadPage } from './load-page'

type NavItem = { href: string; label: string; adminOnly?: boolean }
const NAV: NavItem[] = [
  { href: '/', label: 'Overview' },
  { href: '/orders', label: 'Orders' },
  { href: '/events', label: 'Events' },
  { href: '/deliveries', label: 'Deliveries' },
  { href: '/portouts', label: 'Port-outs' },
  { href: '/subscribers', label: 'Subscribers' },
  { href: '/settings', label: 'Settings', adminOnly: true },
  { href: '/users', label: 'Users', adminOnly: true },
  { href: '/audit', label: 'Audit log', adminOnly: true },
  { href: '/jobs', label: 'Jobs', adminOnly: true },
]

export function AppHeader({ user }: { user: { email: string; name: string | null; role: Role } }) {
  const pathname = usePathname()
  const [menuOpen, setMenuOpen] = useState(false)
  // A link followed from the menu closes it (the page changes under it).
  const [lastPath, setLastPath] = useState(pathname)
  if (pathname !== lastPath) {
    setLastPath(pathname)
    setMenuOpen(false)
  }
  async function logout() {
    await sendJson('POST', '/api/auth/logout').catch(() => {})
    loadPage('/login')
  }
  return (
    <header className="border-b border-slate-200 bg-white/80 backdrop-blur dark:border-slate-800 dark:bg-slate-950/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
        >
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full bg-indigo-500" />
          Portwatch
        </Link>
        {/* Below the lg breakpoint the navigation and the account fold into one menu, so the header stays one row. */}
        <button
          type="button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          onClick={() => setMenuOpen((o) => !o)}
          className="ml-auto rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 lg:hidden dark:border-slate-700 dark:text-slate-100"
        >
          <span aria-hidden>{menuOpen ? '✕' : '☰'}</span> Menu
        </button>
        <div
          id="main-menu"
          className={`${menuOpen ? 'flex' : 'hidden'} w-full flex-col gap-3 lg:flex lg:w-auto lg:flex-1 lg:flex-row lg:items-center`}
        >
          <nav aria-label="Main" className="flex flex-col text-sm lg:flex-row lg:flex-wrap">
            {NAV.filter((item) => !item.adminOnly || user.role === 'admin').map((item) => {
              const active = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href)
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  aria-current={active ? 'page' : undefined}
                  className={`rounded-md px-2 py-2 focus-visible:outline-2 focus-visible:outline-indigo-500 lg:px-1 lg:py-1.5 ${active ? 'bg-slate-100 font-medium text-slate-900 dark:bg-slate-800 dark:text-white' : 'text-slate-700 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'}`}
                >
                  {item.label}
                </Link>
              )
            })}
            <IssueCount active={pathname.startsWith('/attention')} />
          </nav>
          <div className="flex min-w-0 flex-wrap items-center gap-2 text-sm lg:ml-auto lg:flex-nowrap">
            <GlobalSearch />
            <Link
              href="/account"
              title={`${user.email} (${user.role}): your account`}
              className="flex min-w-0 items-center gap-1.5 rounded-md text-slate-700 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:text-white"
              data-testid="current-user"
            >
              <span className="max-w-28 truncate lg:hidden 2xl:inline">{user.name ?? user.email}</span>{' '}
              <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{user.role}</span>
            </Link>
            <button
              type="button"
              onClick={logout}
              className="whitespace-nowrap rounded-md px-1.5 py-1 text-slate-700 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:text-white"
            >
              Sign out
            </button>
          </div>
        </div>
      </div>
    </header>
  )
}

/**
 * The number of issues that need a person, as a link to /attention right after the menu (polled). The header has
 * no room for another menu item at 1280 px, so the count is the way in (and the overview's Open issues card).
 */
function IssueCount({ active }: { active: boolean }) {
  const { data } = useSWR<IssuesSummaryResponse>('/api/issues/summary', fetchJson, { refreshInterval: 10_000 })
  const total = data?.total ?? 0
  return (
    <Link
      href="/attention"
      aria-current={active ? 'page' : undefined}
      aria-label={`Attention: ${total} issue${total === 1 ? '' : 's'} need a person`}
      title="Attention: issues that need a person"
      data-testid="issue-count"
      className={`ml-1 self-center rounded-full px-1 text-xs font-semibold tabular-nums focus-visible:outline-2 focus-visible:outline-indigo-500 ${total > 0 ? 'bg-rose-600 text-white' : 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300'} ${active ? 'ring-2 ring-indigo-500' : ''}`}
    >
      {total}
    </Link>
  )
}
