'use client'

import { Dash } from '@/components/portout-parts'
import { Tags } from './records-table'
import { useRef, useState, type ChangeEvent } from 'react'
import { ApiError } from '@/components/fetch-json'
import { Button } from '@/components/ui/button'
import { Alert, Card } from '@/components/ui/card'
import { DataTable } from '@/components/ui/data-table'
import { Field } from '@/components/ui/field'
import { loadPage } from '@/components/load-page'
import { PREVIEW_SIZE, CSV_HEADER, TEXTAREA } from './subscriber-parts'
import type { ImportResponse } from './subscriber-parts'

/** Check first (nothing is stored), read the errors and the preview, then import everything or nothing. */
export function ImportCsv({ onImported }: { onImported: () => Promise<unknown> }) {
  const [text, setText] = useState('')
  const [fileName, setFileName] = useState<string | null>(null)
  const [checked, setChecked] = useState<{ text: string; result: ImportResponse } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [imported, setImported] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    if (!file) return
    setFileName(file.name)
    setText(await file.text())
    setChecked(null)
    setProblem(null)
    setImported(null)
  }
  const check = async () => {
    setProblem(null)
    setImported(null)
    setIsBusy(true)
    try {
      setChecked({ text, result: await sendCsv(text, false) })
    } catch (e) {
      setChecked(null)
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsBusy(false)
    }
  }
  const commit = async () => {
    if (!checked) return
    setProblem(null)
    setIsBusy(true)
    try {
      const result = await sendCsv(checked.text, true)
      if (!result.committed) {
        // The file was fine a moment ago; the server found something now (e.g. a record changed): show it.
        setChecked({ text: checked.text, result })
        return
      }
      setText('')
      setFileName(null)
      setChecked(null)
      if (fileInput.current) fileInput.current.value = ''
      setImported(
        `Imported ${result.rows} ${result.rows === 1 ? 'record' : 'records'}: ${result.created ?? 0} new, ${result.updated ?? 0} updated.`,
      )
      await onImported()
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e))
    } finally {
      setIsBusy(false)
    }
  }

  const result = checked?.result
  const isStale = checked !== null && checked.text !== text
  const canImport = result !== undefined && !isStale && result.errors.length === 0 && result.rows > 0

  return (
    <Card
      title="Import from CSV"
      description={
        <>
          One row per number, with a header row: <code className="break-all font-mono text-xs">{CSV_HEADER}</code>. Only telephone_number
          and account_number are required; separate tags with “|”. A number already on file is replaced; a row without a PIN keeps the PIN
          on file. All rows are imported, or none.
        </>
      }
    >
      <div className="space-y-4">
        <div className="flex flex-wrap items-end gap-4">
          <Field label="CSV file">
            <input
              ref={fileInput}
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={readFile}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-900 hover:file:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
            />
          </Field>
          {fileName ? (
            <p className="pb-1 text-sm text-slate-600 dark:text-slate-400">Read {fileName}: you can still edit it below.</p>
          ) : null}
        </div>
        <Field label="CSV text" hint="Or paste it here.">
          <textarea
            name="csv"
            rows={8}
            value={text}
            onChange={(e) => {
              setText(e.target.value)
              setImported(null)
            }}
            spellCheck={false}
            placeholder={`${CSV_HEADER}\n9195550301,ACCT-1001,0048,27609,Oak City Dental LLC,active,business|vip`}
            className={TEXTAREA}
          />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant={canImport ? 'secondary' : 'primary'} onClick={check} disabled={isBusy || text.trim() === ''}>
            {isBusy && !canImport ? 'Checking…' : 'Check'}
          </Button>
          {canImport ? (
            <Button type="button" onClick={commit} disabled={isBusy}>
              {isBusy ? 'Importing…' : `Import ${result.rows} ${result.rows === 1 ? 'record' : 'records'}`}
            </Button>
          ) : null}
          {isStale ? (
            <p className="text-sm text-amber-800 dark:text-amber-300">Changed since the check: check again before importing.</p>
          ) : null}
        </div>
        {problem ? <Alert>{problem}</Alert> : null}
        {imported ? <Alert tone="success">{imported}</Alert> : null}
        {result && !isStale ? <ImportPreview result={result} /> : null}
      </div>
    </Card>
  )
}

function ImportPreview({ result }: { result: ImportResponse }) {
  const problemCount = Math.max(result.errorCount ?? 0, result.errors.length)
  return (
    <div className="space-y-4" data-testid="import-preview" aria-live="polite">
      {result.errors.length ? (
        <>
          <Alert>
            {problemCount} {problemCount === 1 ? 'problem' : 'problems'} in {result.rows} {result.rows === 1 ? 'row' : 'rows'}: nothing can
            be imported until {problemCount === 1 ? 'it is' : 'they are'} fixed.
            {problemCount > result.errors.length ? ` The first ${result.errors.length} are listed.` : ''}
          </Alert>
          <div className="relative overflow-x-auto rounded-md border border-rose-200 dark:border-rose-900">
            <DataTable
              caption="Problems found in the CSV, by line"
              tone="danger"
              data-testid="import-errors"
              head={
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Line
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Column
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Problem
                  </th>
                </tr>
              }
            >
              {result.errors.map((e, i) => (
                <tr key={i} className="border-b border-rose-100 last:border-0 dark:border-rose-900/50" data-testid="import-error">
                  <th scope="row" className="px-3 py-2 font-normal tabular-nums">
                    {e.line}
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">{e.column || '—'}</td>
                  <td className="px-3 py-2">{e.reason}</td>
                </tr>
              ))}
            </DataTable>
          </div>
        </>
      ) : (
        <Alert tone="info">
          {result.rows} {result.rows === 1 ? 'row' : 'rows'} read, no problems found. Nothing is stored until you import.
        </Alert>
      )}
      {result.preview.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">
            {problemCount
              ? `Rows without problems${result.preview.length >= PREVIEW_SIZE ? ` (the first ${result.preview.length})` : ''}, as they would be stored`
              : `${result.preview.length < result.rows ? `The first ${result.preview.length} of ${result.rows} rows` : 'Every row'}, as they will be stored`}
          </h3>
          <div className="relative overflow-x-auto rounded-md border border-slate-200 dark:border-slate-800">
            <DataTable
              caption="Preview of the rows to import"
              tone="shaded"
              data-testid="import-rows"
              head={
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Number
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Account
                  </th>
                  <th scope="col" className="px-3 py-2">
                    PIN
                  </th>
                  <th scope="col" className="px-3 py-2">
                    ZIP
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Tags
                  </th>
                </tr>
              }
            >
              {result.preview.map((r, i) => (
                <tr
                  key={`${r.telephoneNumber}-${i}`}
                  className="border-b border-slate-100 last:border-0 dark:border-slate-800/60"
                  data-testid="import-row"
                >
                  <th scope="row" className="whitespace-nowrap px-3 py-2 font-mono text-xs font-normal">
                    {r.telephoneNumber}
                  </th>
                  <td className="px-3 py-2 font-mono text-xs">{r.accountNumber}</td>
                  <td className="px-3 py-2">{r.hasPin ? 'yes' : 'no'}</td>
                  <td className="px-3 py-2 font-mono text-xs">{r.zipCode ?? <Dash />}</td>
                  <td className="px-3 py-2">{r.subscriberName ?? <Dash />}</td>
                  <td className="px-3 py-2">{r.status}</td>
                  <td className="px-3 py-2">
                    <Tags tags={r.tags ?? []} />
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        </div>
      ) : null}
    </div>
  )
}

/** The import endpoint takes the CSV itself as the body (no JSON wrapping, no size blow-up from escaping). */
async function sendCsv(csv: string, commit: boolean): Promise<ImportResponse> {
  const res = await fetch(`/api/subscribers/import?commit=${commit}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/csv; charset=utf-8', Accept: 'application/json' },
    body: csv,
  })
  if (res.status === 401) loadPage('/login')
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null
    throw new ApiError(res.status, body?.message ?? `${res.status} ${res.statusText}`)
  }
  return (await res.json()) as ImportResponse
}
