// A malformed body's reason names the line and column where the problem is, as an operator's editor shows
// the body: with CRLF or lone-CR line ends, after a BOM or blank lines, with characters outside the BMP.
import { describe, expect, it } from 'vitest'
import { parseXmlDocument } from './parse-xml-document'

function reason(xml: string): string {
  const r = parseXmlDocument(xml)
  if (r.ok) throw new Error('expected a refusal')
  expect(r.error.code).toBe('malformed_xml')
  return r.error.reason
}

/** Line and column (1-based, in characters) of the first `needle` in `xml`, counted the way an editor does. */
function positionOf(xml: string, needle: string): string {
  const text = xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const before = [...text.slice(0, text.indexOf(needle))].join('').split('\n')
  return `line ${before.length}, column ${[...before.at(-1)!].length + 1}`
}

describe('parseXmlDocument: where a malformed body goes wrong', () => {
  it.each([
    ['one line', '<Notification><Status>COMPLETE</Notification>', '</Notification>'],
    ['pretty-printed (LF)', '<Notification>\n  <Status>COMPLETE\n  </Stat>\n</Notification>', '</Stat>'],
    ['CRLF line ends', '<Notification>\r\n  <Status>COMPLETE\r\n  </Stat>\r\n</Notification>', '</Stat>'],
    ['lone-CR line ends', '<Notification>\r  <Status>COMPLETE\r  </Stat>\r</Notification>', '</Stat>'],
    ['a BOM first', '\uFEFF<Notification><Status>x</Stat></Notification>', '</Stat>'],
    ['leading blank lines and spaces', '\n\n   <Notification><Status>x</Stat></Notification>', '</Stat>'],
    ['an XML declaration on its own line', '<?xml version="1.0"?>\r\n<Notification><Status>x</Stat></Notification>', '</Stat>'],
    ['emoji before the error', '<Notification><Note>😀😀 ok</Nope></Notification>', '</Nope>'],
    ['a bare ampersand', '<Notification>\n  <Note>a & b</Note>\n</Notification>', '&'],
  ])('%s: the reason names the real line and column', (_label, xml, needle) => {
    expect(reason(xml)).toMatch(new RegExp(`^malformed XML at ${positionOf(xml, needle)}: `))
  })

  it('says where the unclosed tag was opened, in the same coordinates', () => {
    const xml = '\uFEFF\r\n<Notification>\r\n  <Note>😀</Status>\r\n</Notification>'
    expect(reason(xml)).toBe(
      "malformed XML at line 3, column 10: Expected closing tag 'Note' (opened at line 3, column 3) instead of closing tag 'Status'.",
    )
  })

  it('reports a body that ends too soon where it ends, naming the tag still open', () => {
    expect(reason('<Notification>\r\n  <Status>COMPLETE</Status>\r\n  <Note>cut')).toBe(
      'malformed XML at line 3, column 12: the body ends before <Note> is closed (open: <Notification> > <Note>)',
    )
    expect(reason('<Notification><OrderId>x</OrderId>')).toMatch(
      /^malformed XML at line 1, column 35: the body ends before <Notification> is closed$/,
    )
  })

  it('keeps the reason on one line however the body is laid out', () => {
    const r = reason('<Notification>\n\n<A>\n</B>\n</Notification>')
    expect(r).not.toMatch(/[\r\n]/)
    expect(r).toMatch(/^malformed XML at line 4, column 1: /)
  })
})
