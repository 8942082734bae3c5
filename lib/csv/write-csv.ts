// Pure: the one CSV writer for every CSV Portwatch hands out (RFC 4180, CRLF). A spreadsheet runs a cell
// that starts with = + - @ (or a tab or CR before one) as a formula, so such a cell gets a leading `'`
// (OWASP's CSV-injection rule), and every cell is quoted, with its quotes doubled.
const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: quoted always; neutralised when a spreadsheet would read it as a formula. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value)
  const safe = FORMULA_START.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** A whole file: the header row, then the rows, each line ended by CRLF. */
export function writeCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
