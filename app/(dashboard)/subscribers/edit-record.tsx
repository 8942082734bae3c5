'use client'

import { useEffect, useRef, useState, type FormEvent } from 'react'
import { sendJson } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { Field, Select, TextInput } from '@/components/ui/field'
import { normalizeTelephoneNumber } from '@/lib/bandwidth/normalize-telephone-number'
import type { ClearRecord } from './subscriber-parts'

/** The whole record is sent again (the API replaces it); the PIN only when one is typed. */
export function EditRecord({
  record,
  onCancel,
  onSaved,
}: {
  record: ClearRecord | null
  onCancel: () => void
  onSaved: (text: string) => Promise<void>
}) {
  const [problem, setProblem] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const formRef = useRef<HTMLFormElement>(null)
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [record])

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const value = (name: string) => String(form.get(name) ?? '').trim()
    const telephoneNumber = record ? record.telephoneNumber : value('telephoneNumber')
    const optional = (name: string) => (value(name) ? { [name]: value(name) } : {})
    const tags = value('tags')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
    setProblem(null)
    setIsSaving(true)
    try {
      await sendJson('POST', '/api/subscribers', {
        records: [
          {
            telephoneNumber,
            accountNumber: value('accountNumber'),
            ...optional('pin'),
            ...optional('zipCode'),
            ...optional('subscriberName'),
            status: value('status'),
            tags,
          },
        ],
      })
      await onSaved(`Saved ${normalizeTelephoneNumber(telephoneNumber) ?? telephoneNumber}.`)
    } catch (e) {
      setProblem(e instanceof Error ? e.message.replace(/^records\.0\./, '') : String(e))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Card
      title={record ? `Edit ${record.telephoneNumber}` : 'Add a record'}
      description={
        record
          ? 'Saving replaces the whole record. The PIN is write-only. Shown in clear for editing: opening it was recorded in the audit log.'
          : 'A number already on file is replaced.'
      }
    >
      <form
        ref={formRef}
        onSubmit={save}
        className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
        aria-label={record ? `Edit ${record.telephoneNumber}` : 'Add a record'}
        key={record?.telephoneNumber ?? 'new'}
      >
        {record ? null : (
          <Field label="Telephone number" hint="Any format, e.g. (919) 555-0301">
            <TextInput name="telephoneNumber" required autoComplete="off" spellCheck={false} />
          </Field>
        )}
        <Field label="Account number">
          <TextInput
            name="accountNumber"
            required
            maxLength={40}
            defaultValue={record?.accountNumber}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field
          label="PIN"
          hint={
            record
              ? record.hasPin
                ? 'A PIN is on file. Leave empty to keep it; type a new one to replace it.'
                : 'No PIN on file. Leave empty to keep it that way.'
              : '4 to 10 digits; leave empty for none.'
          }
        >
          <TextInput
            name="pin"
            type="password"
            inputMode="numeric"
            pattern="\d{4,10}"
            title="4 to 10 digits"
            autoComplete="new-password"
            placeholder={record?.hasPin ? '••••' : ''}
          />
        </Field>
        <Field label="ZIP code">
          <TextInput name="zipCode" maxLength={15} defaultValue={record?.zipCode ?? ''} autoComplete="off" />
        </Field>
        <Field label="Subscriber name">
          <TextInput name="subscriberName" maxLength={100} defaultValue={record?.subscriberName ?? ''} autoComplete="off" />
        </Field>
        <Field label="Status">
          <Select name="status" defaultValue={record?.status ?? 'active'}>
            <option value="active">active</option>
            <option value="inactive">inactive</option>
          </Select>
        </Field>
        <Field label="Tags" hint="Comma-separated, e.g. business, vip">
          <TextInput name="tags" defaultValue={record?.tags.join(', ') ?? ''} autoComplete="off" />
        </Field>
        {problem ? (
          <div className="sm:col-span-2 lg:col-span-3">
            <Alert>{problem}</Alert>
          </div>
        ) : null}
        <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
          <Button type="submit" disabled={isSaving}>
            {isSaving ? 'Saving…' : 'Save record'}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  )
}

/* ---------------------------------------------------------------------------------------------- */
/* Locks                                                                                           */
