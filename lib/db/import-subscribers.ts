// CSV import of subscriber records: validate every row with the same schema as the API, show a preview
// and every problem (line, column, reason), and commit all rows or none.
import { maskCpniFields } from '../portout/mask-cpni'
import { parseSubscriberCsv, type CsvProblem } from '../portout/parse-subscriber-csv'
import type { AuditActor } from './audit'
import type { Connections } from './client'
import { subscriberInput, upsertSubscribers, type SubscriberInput } from './subscribers'

const FIELD_TO_COLUMN: Record<string, string> = {
  telephoneNumber: 'telephone_number',
  accountNumber: 'account_number',
  pin: 'pin',
  zipCode: 'zip_code',
  subscriberName: 'subscriber_name',
  status: 'status',
  tags: 'tags',
}
const MAX_ERRORS = 200

export async function importSubscribersCsv(c: Connections, actor: AuditActor, csv: string, options: { commit: boolean; secret: string }) {
  const { rows, problems } = parseSubscriberCsv(csv)
  const errors: CsvProblem[] = [...problems]
  const records: SubscriberInput[] = []
  const seen = new Map<string, number>()
  for (const row of rows) {
    const v = row.values
    const parsed = subscriberInput.safeParse({
      telephoneNumber: v.telephone_number ?? '',
      accountNumber: v.account_number ?? '',
      pin: v.pin,
      zipCode: v.zip_code,
      subscriberName: v.subscriber_name,
      status: v.status?.toLowerCase(),
      tags: v.tags
        ? v.tags
            .split('|')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          line: row.line,
          column: FIELD_TO_COLUMN[String(issue.path[0])] ?? String(issue.path[0] ?? ''),
          reason: issue.message,
        })
      continue
    }
    const earlier = seen.get(parsed.data.telephoneNumber)
    if (earlier) {
      errors.push({ line: row.line, column: 'telephone_number', reason: `the same number is already on line ${earlier}` })
      continue
    }
    seen.set(parsed.data.telephoneNumber, row.line)
    records.push(parsed.data)
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ line: 2, column: '', reason: 'no rows to import' })
  // CPNI masked like on every screen: the preview shows the rows were read, the file itself is the operator's.
  const preview = records.slice(0, 20).map(({ pin, ...r }) => ({ ...maskCpniFields(r), hasPin: pin !== undefined }))
  const base = { rows: rows.length, errors: errors.slice(0, MAX_ERRORS), errorCount: errors.length, preview }
  if (!options.commit || errors.length > 0) return { ...base, committed: false as const }
  const result = await upsertSubscribers(c, actor, records, options.secret, 'csv import')
  return { ...base, committed: true as const, created: result.created, updated: result.updated }
}
