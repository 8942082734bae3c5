'use client'

import { useState, type FormEvent } from 'react'
import { sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, TextInput } from '@/components/ui/field'

export function ChangePasswordForm() {
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const formEl = event.currentTarget
    const form = new FormData(formEl)
    setMessage(null)
    try {
      await sendJson('POST', '/api/auth/password', { currentPassword: form.get('current'), newPassword: form.get('next') })
      formEl.reset()
      setMessage({ tone: 'success', text: 'Password changed. Your other sessions were signed out.' })
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) })
    }
  }
  return (
    <Card title="Change password" description="Signs you out everywhere else.">
      <form onSubmit={submit} className="space-y-4" aria-label="Change password">
        <Field label="Current password">
          <TextInput name="current" type="password" autoComplete="current-password" required />
        </Field>
        <Field label="New password" hint="At least 12 characters.">
          <TextInput name="next" type="password" autoComplete="new-password" minLength={12} required />
        </Field>
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <Button type="submit">Change password</Button>
      </form>
    </Card>
  )
}
