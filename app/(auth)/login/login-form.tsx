'use client'

import { useState, type FormEvent } from 'react'
import { sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'
import { loadPage } from '@/components/load-page'

export function LoginForm() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      await sendJson('POST', '/api/auth/login', { email: form.get('email'), password: form.get('password') })
      loadPage('/')
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      setBusy(false)
    }
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-lg border border-slate-200 p-6 shadow-sm dark:border-slate-800"
      aria-label="Sign in"
    >
      <h1 className="text-xl font-semibold">Sign in</h1>
      <Field label="Email">
        <TextInput name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password">
        <TextInput name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  )
}
