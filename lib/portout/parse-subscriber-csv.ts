// Pure: a subscriber CSV (RFC 4180: quotes, doubled quotes, CRLF) → rows keyed by column, with line numbers.
// Validation of each field is the caller's (one zod schema for CSV, API and form alike).

export const SUBSCRIBER_CSV_COLUMNS = [
  'telephone_number',
  'account_number',
  'pin',
  'zip_code',
  'subscriber_name',
  'status',
  'tags',
] as const
export type SubscriberCsvColumn = (typeof SUBSCRIBER_CSV_COLUMNS)[number]
const REQUIRED: SubscriberCsvColumn[] = ['telephone_number', 'account_number']

export type CsvRow = { line: number; values: Partial<Record<SubscriberCsvColumn, string>> }
export type CsvProblem = { line: number; column: string; reason: string }

export function parseSubscriberCsv(text: string): { rows: CsvRow[]; problems: CsvProblem[] } {
  const records = splitCsv(text.replace(/^\uFEFF/, ''))
  const problems: CsvProblem[] = []
  const header = records.shift()
  if (!header) return { rows: [], problems: [{ line: 1, column: '', reason: 'the file is empty: it needs a header row' }] }
  const columns = header.fields.map((h) => h.trim().toLowerCase())
  columns.forEach((name, i) => {
    if (!(SUBSCRIBER_CSV_COLUMNS as readonly string[]).includes(name))
      problems.push({
        line: header.line,
        column: name || `#${i + 1}`,
        reason: `unknown column (expected ${SUBSCRIBER_CSV_COLUMNS.join(', ')})`,
      })
  })
  for (const required of REQUIRED)
    if (!columns.includes(required)) problems.push({ line: header.line, column: required, reason: 'required column is missing' })
  if (problems.length) return { rows: [], problems }

  const rows: CsvRow[] = []
  for (const record of records) {
    if (record.fields.length === 1 && record.fields[0].trim() === '') continue // blank line
    if (record.fields.length !== columns.length) {
      problems.push({ line: record.line, column: '', reason: `expected ${columns.length} fields, found ${record.fields.length}` })
      continue
    }
    const values: CsvRow['values'] = {}
    columns.forEach((name, i) => {
      const v = record.fields[i].trim()
      if (v !== '') values[name as SubscriberCsvColumn] = v
    })
    rows.push({ line: record.line, values })
  }
  return { rows, problems }
}

/** Splits CSV text into records, each with the line number it starts on. An unterminated quote ends at EOF. */
function splitCsv(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        field += ch
      }
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === ',') {
      fields.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      fields.push(field)
      out.push({ line: start, fields })
      fields = []
      field = ''
      line++
      start = line
    } else field += ch
  }
  if (field !== '' || fields.length) {
    fields.push(field)
    out.push({ line: start, fields })
  }
  return out
}
