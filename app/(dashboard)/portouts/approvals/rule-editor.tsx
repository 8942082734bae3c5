'use client'

import type { ReactNode } from 'react'
import { Field, Select, TextInput } from '@/components/ui/field'
import type { DraftRule, ScopeType } from '@/lib/portout/policy-draft'
import type { RuleMode } from '@/lib/portout/portout-policy'
import { describeKind, type ParamField } from '@/lib/portout/rule-kinds'

export const CHECKBOX =
  'h-4 w-4 rounded border-slate-300 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:border-slate-700'

/** One rule of a draft: its id, mode, scope, the options its kind describes, and moving or deleting it. */
export function RuleEditor({
  rule,
  position,
  count,
  onChange,
  onMove,
  onRemove,
}: {
  rule: DraftRule
  position: number
  count: number
  onChange: (c: Partial<DraftRule>) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
}) {
  const kind = describeKind(rule.kind)
  // The codes the rule answers with its options as they are now (none while they are not valid yet).
  const params = kind.params.safeParse(kind.form.fromForm(rule.params))
  const codes = params.success ? kind.codesOf(params.data) : []
  return (
    <fieldset
      className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800"
      data-testid="draft-rule"
      data-kind={rule.kind}
    >
      <legend className="px-1 text-sm font-medium">
        Rule {position}: {rule.kind}{' '}
        <span className="font-normal text-slate-500 dark:text-slate-400">
          {codes.length ? `(${codes.join(', ')})` : kind.family === 'exemption' ? '(exemption)' : ''}
        </span>
      </legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{kind.help}.</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Rule id">
          <TextInput value={rule.id} maxLength={64} onChange={(e) => onChange({ id: e.target.value })} spellCheck={false} />
        </Field>
        <Field label="Mode">
          <Select value={rule.mode} onChange={(e) => onChange({ mode: e.target.value as RuleMode })}>
            <option value="enforce">enforce: denies</option>
            <option value="monitor">monitor: only records</option>
          </Select>
        </Field>
        <Field label="Scope">
          <Select value={rule.scopeType} onChange={(e) => onChange({ scopeType: e.target.value as ScopeType })}>
            <option value="all">All numbers</option>
            <option value="tag">Numbers with a tag</option>
            <option value="accounts">Some accounts</option>
          </Select>
        </Field>
        {rule.scopeType === 'tag' ? (
          <Field label="Tag">
            <TextInput value={rule.tag} maxLength={100} onChange={(e) => onChange({ tag: e.target.value })} />
          </Field>
        ) : rule.scopeType === 'accounts' ? (
          <Field label="Accounts" hint="Comma-separated account numbers">
            <TextInput value={rule.accounts} onChange={(e) => onChange({ accounts: e.target.value })} spellCheck={false} />
          </Field>
        ) : null}
        {kind.form.fields.map((field) => (
          <ParamInput
            key={field.name}
            field={field}
            value={rule.params[field.name] ?? ''}
            onChange={(value) => onChange({ params: { ...rule.params, [field.name]: value } })}
          />
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <label className="mr-2 inline-flex items-center gap-2 text-sm">
          <input type="checkbox" className={CHECKBOX} checked={rule.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} />
          Enabled
        </label>
        <SmallButton onClick={() => onMove(-1)} disabled={position === 1} detail={`: move rule ${position} up`}>
          <span aria-hidden>↑</span> Up
        </SmallButton>
        <SmallButton onClick={() => onMove(1)} disabled={position === count} detail={`: move rule ${position} down`}>
          <span aria-hidden>↓</span> Down
        </SmallButton>
        <SmallButton onClick={onRemove} detail={` rule ${position}`} danger>
          Delete
        </SmallButton>
      </div>
    </fieldset>
  )
}

/** One option of a rule, as its kind's descriptor describes the input. */
function ParamInput({ field, value, onChange }: { field: ParamField; value: string; onChange: (value: string) => void }) {
  const control =
    field.input === 'select' ? (
      <Select value={value} onChange={(e) => onChange(e.target.value)}>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    ) : field.input === 'number' ? (
      <TextInput type="number" min={field.min} max={field.max} value={value} onChange={(e) => onChange(e.target.value)} />
    ) : field.input === 'instant' ? (
      <TextInput
        type="datetime-local"
        value={toLocalInput(value)}
        onChange={(e) => {
          const at = new Date(e.target.value)
          if (!Number.isNaN(at.getTime())) onChange(at.toISOString())
        }}
      />
    ) : (
      <TextInput value={value} maxLength={field.maxLength} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
    )
  return (
    <div className={field.wide ? 'sm:col-span-2' : undefined}>
      <Field label={field.label} hint={field.hint}>
        {control}
      </Field>
    </div>
  )
}

/** `detail` completes the visible text for screen readers ("Delete" → "Delete rule 2"). */
function SmallButton({
  onClick,
  disabled,
  detail,
  danger,
  children,
}: {
  onClick: () => void
  disabled?: boolean
  detail: string
  danger?: boolean
  children: ReactNode
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className={`rounded-md border px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 ${danger ? 'border-rose-300 text-rose-700 hover:bg-rose-50 dark:border-rose-800 dark:text-rose-300 dark:hover:bg-rose-950' : 'border-slate-300 text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800'}`}
    >
      {children}
      <span className="sr-only">{detail}</span>
    </button>
  )
}

/** ISO instant → the value of a datetime-local input, in the operator's time zone. */
function toLocalInput(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
