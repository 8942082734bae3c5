import { describe, expect, it } from 'vitest'
import { parseSubscriberCsv } from '../portout/parse-subscriber-csv'
import { csvCell, writeCsv } from './write-csv'

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+19195550301', `"'+19195550301"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
  ])('neutralises a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('quotes every cell and doubles its quotes, and leaves harmless text as it is', () => {
    expect(csvCell('Oak City Dental, LLC')).toBe('"Oak City Dental, LLC"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('a=b')).toBe('"a=b"') // only the first character matters
    expect(csvCell(' =1')).toBe('" =1"')
  })

  it('writes numbers, booleans and nothing as text', () => {
    expect(csvCell(42)).toBe('"42"')
    expect(csvCell(-1)).toBe(`"'-1"`)
    expect(csvCell(true)).toBe('"true"')
    expect(csvCell(null)).toBe('""')
    expect(csvCell(undefined)).toBe('""')
  })
})

describe('writeCsv', () => {
  it('writes a header and rows with CRLF line ends that an RFC 4180 reader reads back', () => {
    const csv = writeCsv(
      ['telephone_number', 'account_number'],
      [
        ['1', 'x, "y"'],
        ['=cmd', null],
      ],
    )
    expect(csv).toBe(`"telephone_number","account_number"\r\n"1","x, ""y"""\r\n"'=cmd",""\r\n`)
    const { rows, problems } = parseSubscriberCsv(csv)
    expect(problems).toEqual([])
    expect(rows.map((r) => r.values)).toMatchObject([{ telephone_number: '1', account_number: 'x, "y"' }, { telephone_number: "'=cmd" }])
  })
})
