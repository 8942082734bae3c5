'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from 'react'
import type { OrdersResponse } from '@/app/api/orders/route'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'

/** Where a search goes: a telephone number (any format) to its page, anything else to the orders list. */
export function searchTarget(text: string): string | null {
  const q = text.trim()
  if (!q) return null
  const e164 = normalizeTelephoneNumber(q)
  return e164 ? `/numbers/${e164}` : `/orders?${new URLSearchParams({ q })}`
}

/** An OrderId or CustomerOrderId that matches exactly one order: that order's page (null: show the list). */
async function exactOrder(q: string): Promise<string | null> {
  try {
    const res = await fetch(`/api/orders?${new URLSearchParams({ q, limit: '2' })}`)
    if (!res.ok) return null
    const { orders } = (await res.json()) as OrdersResponse
    const [only] = orders
    if (orders.length !== 1 || ![only.orderId, only.customerOrderId].some((id) => id === q || id === q.toLowerCase())) return null
    return `/orders/${encodeURIComponent(only.orderId)}`
  } catch {
    return null
  }
}

/** The header search: "/" or Ctrl/Cmd+K focuses it from anywhere that is not a text field. */
export function GlobalSearch() {
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const hintId = useId()
  const [value, setValue] = useState('')
  const isMac = useSyncExternalStore(subscribeNever, detectMac, () => false)

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const isCommandK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k'
      const isSlash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTypingIn(e.target)
      if (!isCommandK && !isSlash) return
      e.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  async function submit(e: FormEvent) {
    e.preventDefault()
    const q = value.trim()
    const target = searchTarget(q)
    if (!target) return
    // The page it opens shows what was searched; the box is ready for the next one.
    setValue('')
    input.current?.blur()
    router.push(target.startsWith('/orders?') ? ((await exactOrder(q)) ?? target) : target)
  }

  return (
    <form role="search" aria-label="Orders and numbers" onSubmit={(e) => void submit(e)} className="relative">
      <label htmlFor="global-search" className="sr-only">
        Search by order id, customer order id or telephone number
      </label>
      <input
        ref={input}
        id="global-search"
        type="search"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur()
        }}
        placeholder="Search…"
        title="Order id, customer order id or telephone number"
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        className="w-36 rounded-md border border-slate-300 bg-white py-1.5 pl-2.5 pr-[4.5rem] text-sm text-slate-900 placeholder:text-slate-500 dark:placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      />
      <span id={hintId} className="sr-only">
        Shortcut: slash or {isMac ? 'Command' : 'Control'} K. A telephone number opens its page; anything else searches orders.
      </span>
      {value ? null : (
        <span
          aria-hidden
          className="pointer-events-none absolute inset-y-0 right-2 flex items-center gap-1 text-[11px] text-slate-600 dark:text-slate-400"
        >
          <kbd className="rounded border border-slate-300 px-1 font-sans dark:border-slate-700">/</kbd>
          <kbd className="rounded border border-slate-300 px-1 font-sans dark:border-slate-700">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </span>
      )}
    </form>
  )
}

const subscribeNever = () => () => {}
const detectMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)

function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
  return false
}
