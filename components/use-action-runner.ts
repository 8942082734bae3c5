'use client'
// One way for a settings page to run an admin's action and say how it went: the message above the cards, then the
// page's data read again (whether the action worked or not, so the page shows what is stored).
import { useState } from 'react'

export type ActionMessage = { tone: 'success' | 'error' | 'info'; text: string } | null

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** "a, b c" → ['a', 'b', 'c']: how the settings forms read a list typed into one field. */
export const splitList = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean)

export function useActionRunner(refresh: () => Promise<unknown>) {
  const [message, setMessage] = useState<ActionMessage>(null)
  /** `done` is the success message; an empty one says nothing (the action shows its own result). */
  async function run(action: () => Promise<unknown>, done: string) {
    setMessage(null)
    try {
      await action()
      if (done) setMessage({ tone: 'success', text: done })
    } catch (e) {
      setMessage({ tone: 'error', text: errorText(e) })
    }
    await refresh()
  }
  return { message, setMessage, run }
}
