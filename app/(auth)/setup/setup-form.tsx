'use client'

import { useState, type FormEvent } from 'react'
import { sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'
import { loadPage } from '@/components/load-page'

export function SetupForm() {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    if (form.get('password') !== form.get('confirm')) {
      setError('the two passwords differ')
      return
    }
    setBusy(true)
    setError(null)
    try {
      await sendJson('POST', '/api/auth/setup', {
        name: form.get('name') || undefined,
        email: form.get('email'),
        password: form.get('password'),
      })
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
      aria-label="Create the first admin"
    >
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Welcome to Portwatch</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">Create the first admin account. This page disappears once it exists.</p>
      </div>
      <Field label="Name">
        <TextInput name="name" autoComplete="name" />
      </Field>
      <Field label="Email">
        <TextInput name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password" hint="At least 12 characters.">
        <TextInput name="password" type="password" autoComplete="new-password" minLength={12} required />
      </Field>
      <Field label="Confirm password">
        <TextInput name="confirm" type="password" autoComplete="new-password" minLength={12} required />
      </Field>
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? 'Creating…' : 'Create admin and sign in'}
      </Button>
    </form>
  )
}
