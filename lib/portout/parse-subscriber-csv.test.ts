import { describe, expect, it } from 'vitest'
import { parseSubscriberCsv } from './parse-subscriber-csv'

describe('parseSubscriberCsv', () => {
  it('reads rows with their line numbers, quotes, doubled quotes, CRLF and a BOM', () => {
    const csv =
      '\uFEFFtelephone_number,account_number,pin,subscriber_name,tags\r\n9195550301,BAN-1,0048,"Oak City Dental, LLC",business|vip\r\n\r\n"(919) 555-0302",BAN-1,,"The ""Best"" Co",\r\n'
    const { rows, problems } = parseSubscriberCsv(csv)
    expect(problems).toEqual([])
    expect(rows).toEqual([
      {
        line: 2,
        values: {
          telephone_number: '9195550301',
          account_number: 'BAN-1',
          pin: '0048',
          subscriber_name: 'Oak City Dental, LLC',
          tags: 'business|vip',
        },
      },
      { line: 4, values: { telephone_number: '(919) 555-0302', account_number: 'BAN-1', subscriber_name: 'The "Best" Co' } },
    ])
  })

  it('counts lines inside quoted fields that span lines', () => {
    const { rows } = parseSubscriberCsv('telephone_number,account_number,subscriber_name\n9195550301,A,"two\nlines"\n9195550302,B,x\n')
    expect(rows.map((r) => r.line)).toEqual([2, 4])
    expect(rows[0].values.subscriber_name).toBe('two\nlines')
  })

  it('reports header problems and rows with the wrong number of fields', () => {
    expect(parseSubscriberCsv('telephone_number,pin\n1,2\n').problems).toEqual([
      { line: 1, column: 'account_number', reason: 'required column is missing' },
    ])
    expect(parseSubscriberCsv('telephone_number,account_number,colour\n').problems[0]).toMatchObject({ line: 1, column: 'colour' })
    expect(parseSubscriberCsv('').problems[0].reason).toMatch(/empty/)
    const bad = parseSubscriberCsv('telephone_number,account_number\n9195550301\n9195550302,A\n')
    expect(bad.problems).toEqual([{ line: 2, column: '', reason: 'expected 2 fields, found 1' }])
    expect(bad.rows).toEqual([{ line: 3, values: { telephone_number: '9195550302', account_number: 'A' } }])
  })
})
