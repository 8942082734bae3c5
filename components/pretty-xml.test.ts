import { describe, expect, it } from 'vitest'
import { prettyXml } from './pretty-xml'

const COMPACT =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Notification><Status>FOC</Status><OrderId>o-1</OrderId>' +
  '<CompletedTelephoneNumbers><TelephoneNumber>9195550301</TelephoneNumber><TelephoneNumber>9195550302</TelephoneNumber></CompletedTelephoneNumbers>' +
  '<ActualFocDate>2025-03-18T14:00:00Z</ActualFocDate></Notification>'

const PRETTY = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  '<Notification>',
  '  <Status>FOC</Status>',
  '  <OrderId>o-1</OrderId>',
  '  <CompletedTelephoneNumbers>',
  '    <TelephoneNumber>9195550301</TelephoneNumber>',
  '    <TelephoneNumber>9195550302</TelephoneNumber>',
  '  </CompletedTelephoneNumbers>',
  '  <ActualFocDate>2025-03-18T14:00:00Z</ActualFocDate>',
  '</Notification>',
].join('\n')

describe('prettyXml', () => {
  it('puts the declaration on its own line and indents nested elements, text kept inline', () => {
    expect(prettyXml(COMPACT)).toBe(PRETTY)
  })

  it('re-indents a body that already had its own indentation (and is idempotent)', () => {
    const fourSpaces =
      '<?xml version="1.0"?>\r\n<Notification>\r\n    <Status>FOC</Status>\r\n    <Message>Order waiting</Message>\r\n</Notification>\r\n'
    const expected = '<?xml version="1.0"?>\n<Notification>\n  <Status>FOC</Status>\n  <Message>Order waiting</Message>\n</Notification>'
    expect(prettyXml(fourSpaces)).toBe(expected)
    expect(prettyXml(expected)).toBe(expected)
    expect(prettyXml(PRETTY)).toBe(PRETTY)
  })

  it('keeps text exactly, entities and inner spaces included', () => {
    expect(prettyXml('<a><m> 7513: PIN &amp; zip  invalid </m></a>')).toBe('<a>\n  <m> 7513: PIN &amp; zip  invalid </m>\n</a>')
  })

  it('keeps self-closing and empty elements, attributes with ">" in quotes, comments and CDATA', () => {
    const xml = `<r><e/><f></f><g a="x>y" b='1'><h>t</h></g><!-- a <comment> --><c><![CDATA[<not a tag>]]></c></r>`
    expect(prettyXml(xml)).toBe(
      [
        '<r>',
        '  <e/>',
        '  <f></f>',
        `  <g a="x>y" b='1'>`,
        '    <h>t</h>',
        '  </g>',
        '  <!-- a <comment> -->',
        '  <c><![CDATA[<not a tag>]]></c>',
        '</r>',
      ].join('\n'),
    )
  })

  it('puts mixed-content text on its own line', () => {
    expect(prettyXml('<p>before<b>bold</b>after</p>')).toBe('<p>\n  before\n  <b>bold</b>\n  after\n</p>')
  })

  it('never throws on broken input and keeps every non-space character', () => {
    for (const broken of ['not xml at all', '<a><b>unclosed', '</a></b>', '<a attr="never closed', 'x < y > z', '']) {
      const out = prettyXml(broken)
      expect(out.replace(/\s/g, '')).toBe(broken.replace(/\s/g, ''))
    }
  })
})
