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

  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    const where = typeof line === 'number' && typeof col === 'number' ? ` at line ${line}, column ${col}` : ''
    return fail('malformed_xml', `malformed XML${where}: ${oneLine(msg)}`)
  }

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

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200)
}
