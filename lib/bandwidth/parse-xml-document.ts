import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { fail, ok, type Result } from './result'

export type XmlElement = { [name: string]: XmlValue }
export type XmlValue = string | XmlElement | XmlValue[]
export type XmlDocument = { root: string; element: XmlElement }

// Element names that could reach an object's prototype chain once the XML becomes an object.
const FORBIDDEN_NAME = /<\/?\s*(__proto__|constructor|prototype)[\s/>]/
// Any DTD: no entity expansion, no external fetch, no billion laughs. Bandwidth never sends one.
const DTD = /<!(DOCTYPE|ENTITY)/i
const MAX_DEPTH = 32

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // keep every value a string: PINs and numbers keep their leading zeros
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true, // only the five predefined XML entities: DTDs are refused above
  // fast-xml-parser only decodes numeric character references (&#38; &#x26;) with htmlEntities on;
  // they are core XML. It also enables named HTML entities, which XML would reject: harmless here.
  htmlEntities: true,
  maxNestedTags: MAX_DEPTH,
  isArray: (name) => name === 'TelephoneNumber',
})

/** Parses one XML document into plain objects. Never throws; refuses DTDs and dangerous names. */
export function parseXmlDocument(xml: string): Result<XmlDocument> {
  if (DTD.test(xml)) return fail('forbidden_dtd', 'DOCTYPE and ENTITY declarations are not accepted')
  const forbidden = FORBIDDEN_NAME.exec(xml)
  if (forbidden) return fail('forbidden_name', `element name "${forbidden[1]}" is not accepted`)

  const valid = XMLValidator.validate(normalizeForPosition(xml))
  if (valid !== true) return fail('malformed_xml', describeMalformed(normalizeForPosition(xml), valid.err))

  let parsed: unknown
  try {
    parsed = parser.parse(xml)
  } catch (error) {
    return fail('malformed_xml', `malformed XML: ${oneLine(error instanceof Error ? error.message : String(error))}`)
  }
  if (!isElement(parsed)) return fail('malformed_xml', 'malformed XML: no root element')
  const roots = Object.keys(parsed)
  if (roots.length !== 1) return fail('malformed_xml', 'malformed XML: expected exactly one root element')
  const root = roots[0]
  const element = parsed[root]
  // Two roots with the same name (e.g. `<Notification>…</Notification><Notification/>`) parse to an array.
  if (Array.isArray(element)) return fail('malformed_xml', 'malformed XML: expected exactly one root element')
  // <Root/> and <Root>text</Root> both parse to a string: treat them as an element with no children.
  return ok({ root, element: isElement(element) ? element : {} })
}

/** Parses one document whose root must be `root`; gives that root element. */
export function parseXmlElement(xml: string, root: string): Result<XmlElement> {
  const doc = parseXmlDocument(xml)
  if (!doc.ok) return doc
  if (doc.value.root !== root) return fail('unexpected_root', `expected a <${root}> root element, got <${doc.value.root}>`)
  return ok(doc.value.element)
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The text of a child element that may appear at most once; '' and absence both mean "not given". */
export function readText(parent: XmlElement, name: string): Result<string | undefined> {
  const value = parent[name]
  if (value === undefined || value === '') return ok(undefined)
  if (typeof value === 'string') return ok(value)
  if (Array.isArray(value)) return fail('invalid_field', `${name} appears more than once`)
  return fail('invalid_field', `${name} must contain text, not elements`)
}

/** Every TelephoneNumber under `<listName>`, in document order (one or many). */
export function readTelephoneNumbers(parent: XmlElement, listName: string): Result<string[]> {
  const list = parent[listName]
  if (list === undefined || list === '') return ok([])
  if (!isElement(list)) return fail('invalid_field', `${listName} must contain TelephoneNumber elements`)
  const numbers = list.TelephoneNumber ?? []
  const out: string[] = []
  for (const n of Array.isArray(numbers) ? numbers : [numbers]) {
    if (typeof n !== 'string') return fail('invalid_field', `${listName}/TelephoneNumber must contain text`)
    if (n !== '') out.push(n)
  }
  return ok(out)
}

type ValidationError = { code: string; msg: string; line: number; col?: number }

/**
 * The text as a person's editor shows it, for positions: no BOM, and every line break (CRLF, and a lone CR,
 * which XML also counts as one) a single \n. XML itself normalises line ends this way, so nothing else changes.
 */
function normalizeForPosition(xml: string): string {
  return xml.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/**
 * "malformed XML at line L, column C: …", naming where the problem really is. The validator counts columns in
 * UTF-16 units (an emoji is two) and reports a body that ends with tags still open at line 1, column 1 with
 * the open tags as a JSON list; both are put right here: columns count characters, and an unfinished body
 * is reported where it ends, with the tag that is still open.
 */
function describeMalformed(text: string, err: ValidationError): string {
  const unfinished = /^Invalid '\[(.*)\]' found\.$/s.exec(err.msg)
  const unclosed = /^Unclosed tag '([^']+)'\.$/.exec(err.msg)
  if (unfinished || unclosed) {
    const open = unfinished ? openTagsOf(unfinished[1]) : [unclosed![1]]
    const innermost = open.at(-1) ?? 'the root element'
    const end = endPosition(text)
    const list = open.length > 1 ? ` (open: ${open.map((t) => `<${t}>`).join(' > ')})` : ''
    return `malformed XML at line ${end.line}, column ${end.col}: the body ends before <${innermost}> is closed${list}`
  }
  if (typeof err.col !== 'number') return `malformed XML: ${oneLine(err.msg)}`
  const col = characterColumn(text, err.line, err.col)
  const msg = err.msg.replace(/\(opened in line (\d+), col (\d+)\)/, (_m, l: string, c: string) => {
    return `(opened at line ${l}, column ${characterColumn(text, Number(l), Number(c))})`
  })
  return `malformed XML at line ${err.line}, column ${col}: ${oneLine(msg)}`
}

function openTagsOf(jsonish: string): string[] {
  try {
    const list: unknown = JSON.parse(`[${jsonish}]`)
    return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string').slice(-5) : []
  } catch {
    return []
  }
}

/** The validator's UTF-16 column on a line → the column in characters (code points), as an editor shows it. */
function characterColumn(text: string, line: number, utf16Col: number): number {
  const lineText = text.split('\n')[line - 1] ?? ''
  return [...lineText.slice(0, Math.max(0, utf16Col - 1))].length + 1
}

/** Where the text ends: the position just after its last character. */
function endPosition(text: string): { line: number; col: number } {
  const lines = text.split('\n')
  return { line: lines.length, col: [...lines.at(-1)!].length + 1 }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200)
}
