'use client'

import { useState, type FormEvent } from 'react'
import useSWR from 'swr'
import type { UsersResponse } from '@/app/api/users/route'
import { fetchJson, sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Field, Select, TextInput } from '@/components/ui/field'
import { ROLES } from '@/lib/roles'

const ROLE_HELP = {
  viewer: 'reads everything except secrets',
  operator: 'also manages subscriber records and proposes rule changes',
  admin: 'also approves rules, manages users and settings',
}

export function UsersPanel({ currentUserId }: { currentUserId: string }) {
  const { data, error, mutate } = useSWR<UsersResponse>('/api/users', fetchJson)
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)

  const run = async (action: () => Promise<void>, success: string) => {
    setMessage(null)
    try {
      await action()
      await mutate()
      setMessage({ tone: 'success', text: success })
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) })
    }
  }
  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formEl = event.currentTarget
    const form = new FormData(formEl)
    const email = String(form.get('email'))
    return run(async () => {
      await sendJson('POST', '/api/users', {
        email,
        name: form.get('name') || undefined,
        role: form.get('role'),
        password: form.get('password'),
      })
      formEl.reset()
    }, `Created ${email}. Give them their initial password in person; they can change it under their name.`)
  }

  return (
    <div className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Card title="People who can sign in">
        {error ? <Alert>Could not load users: {error.message}</Alert> : null}
        {!data && !error ? <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p> : null}
        {data ? (
          <div className="relative overflow-x-auto">
            <DataTable
              caption="People who can sign in, by email"
              head={
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Email
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Name
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Role
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Status
                  </th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              }
            >
              {data.users.map((u) => (
                <tr key={u.id} className="border-b border-slate-100 dark:border-slate-800/60" data-testid={`user-${u.email}`}>
                  <td className="py-2 pr-4 font-medium">{u.email}</td>
                  <td className="py-2 pr-4">{u.name ?? '—'}</td>
                  <td className="py-2 pr-4">
                    <label className="sr-only" htmlFor={`role-${u.id}`}>
                      Role of {u.email}
                    </label>
                    <Select
                      id={`role-${u.id}`}
                      value={u.role}
                      className="w-32"
                      onChange={(e) =>
                        run(
                          () => sendJson('PATCH', `/api/users/${u.id}`, { role: e.target.value }).then(() => {}),
                          `${u.email} is now ${e.target.value}.`,
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </Select>
                  </td>
                  <td className="py-2 pr-4">
                    {u.disabled ? <span className="text-rose-600 dark:text-rose-400">disabled</span> : 'active'}
                  </td>
                  <td className="py-2 text-right">
                    {u.id === currentUserId ? (
                      <span className="text-xs text-slate-600 dark:text-slate-400">you</span>
                    ) : (
                      <Button
                        variant="secondary"
                        onClick={() =>
                          run(
                            () => sendJson('PATCH', `/api/users/${u.id}`, { disabled: !u.disabled }).then(() => {}),
                            `${u.email} is ${u.disabled ? 'enabled' : 'disabled'}.`,
                          )
                        }
                      >
                        {u.disabled ? 'Enable' : 'Disable'}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        ) : null}
      </Card>

      <Card
        title="Add a user"
        description="Roles: viewer reads everything except secrets; operator also manages subscriber records and proposes rule changes; admin also approves rules, manages users and settings."
      >
        <form onSubmit={create} className="grid gap-4 sm:grid-cols-2" aria-label="Add a user">
          <Field label="Email">
            <TextInput name="email" type="email" required />
          </Field>
          <Field label="Name">
            <TextInput name="name" />
          </Field>
          <Field label="Role">
            <Select name="role" defaultValue="viewer">
              {ROLES.map((r) => (
                <option key={r} value={r}>{`${r} — ${ROLE_HELP[r]}`}</option>
              ))}
            </Select>
          </Field>
          <Field label="Initial password" hint="At least 12 characters.">
            <TextInput name="password" type="password" autoComplete="new-password" minLength={12} required />
          </Field>
          <div className="sm:col-span-2">
            <Button type="submit">Add user</Button>
          </div>
        </form>
      </Card>
    </div>
  )
}
