// Pure: the one masking rule for CPNI (account number, ZIP code, subscriber name). Every screen, raw XML
// view, export and API response masks through here; clear values leave the server only through an
// explicit, audited reveal (operators and admins). PINs are never shown at all: they are stored only as
// a keyed hash, and the raw log keeps `<Pin>(withheld)</Pin>`.
import { escapeXml } from '../bandwidth/build-notification-xml'

/** The fields that are CPNI, by their name in our DTOs. */
export const CPNI_FIELDS = ['accountNumber', 'zipCode', 'subscriberName'] as const
export type CpniField = (typeof CPNI_FIELDS)[number]

/** Always four dots, whatever the length: the mask does not tell how long the value is. */
export const CPNI_MASK = '••••'

/**
 * `BAN-77310452` → `••••0452`, `27609` → `••••09`, `1234` → `••••`: at most the last four characters
 * (two of a value shorter than eight, none of one shorter than five), enough to tell records apart on
 * a screen and not enough to use. Empty or absent stays null (there is nothing to hide).
 */
export function maskCpni(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const v = value.trim()
  if (v === '') return null
  const visible = v.length >= 8 ? 4 : v.length >= 5 ? 2 : 0
  return CPNI_MASK + (visible === 0 ? '' : [...v].slice(-visible).join(''))
}

/** A copy with every CPNI field that is present masked, everything else as it was. */
export function maskCpniFields<T extends Partial<Record<CpniField, string | null | undefined>>>(o: T): T {
  const out = { ...o }
  for (const f of CPNI_FIELDS) if (typeof out[f] === 'string') out[f] = maskCpni(out[f]) as T[CpniField]
  return out
}

// The CPNI elements of a PortOutValidationRequest and of a response's AcceptableValues, with any
// namespace prefix, in any case (masking more than the parser reads is safe; less is not).
const CPNI_ELEMENT_OPEN = /<((?:[\w.-]+:)?(?:AccountNumber|ZipCode|SubscriberName))(\s[^>]*)?>/gi
// The text of an element that is never closed (a truncated or malformed body): up to the next tag,
// CDATA sections included, or to the end of the body.
const OPEN_TEXT = /(?:<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|[^<])*/y

/**
 * The body with the text of every CPNI element masked, the rest byte for byte as it was. Works on any
 * text, not only well-formed XML: an element cut off by truncation is masked to the end of the body, one
 * with nested markup is masked whole up to its closing tag.
 */
export function maskCpniInXml(xml: string, replace: (text: string) => string | null = maskCpni): string {
  const lastClose = new Map<string, number>()
  const open = new RegExp(CPNI_ELEMENT_OPEN)
  let out = ''
  let at = 0
  for (let m = open.exec(xml); m !== null; m = open.exec(xml)) {
    if (m[0].endsWith('/>')) continue // <AccountNumber/>: nothing inside
    const start = m.index + m[0].length
    const end = findClose(xml, m[1], start, lastClose) ?? endOfOpenText(xml, start)
    out += xml.slice(at, start) + escapeXml(replace(textOf(xml.slice(start, end))) ?? '')
    at = end
    open.lastIndex = Math.max(end, start)
  }
  return at === 0 ? xml : out + xml.slice(at)
}

/**
 * Where `</name>` starts after `from`, or null. The last closing tag of each name is found once per body,
 * so a body of many unclosed elements costs one pass, not one per element.
 */
function findClose(xml: string, name: string, from: number, lastClose: Map<string, number>): number | null {
  const key = name.toLowerCase()
  const closeTag = () => new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>`, 'gi')
  if (!lastClose.has(key)) {
    let last = -1
    const all = closeTag()
    for (let m = all.exec(xml); m !== null; m = all.exec(xml)) last = m.index
    lastClose.set(key, last)
  }
  if (lastClose.get(key)! < from) return null
  const next = closeTag()
  next.lastIndex = from
  return next.exec(xml)?.index ?? null
}

function endOfOpenText(xml: string, from: number): number {
  const text = new RegExp(OPEN_TEXT)
  text.lastIndex = from
  text.exec(xml)
  return text.lastIndex
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** The element's text as a reader sees it: CDATA unwrapped, nested tags dropped, entities decoded. */
function textOf(raw: string): string {
  return raw.replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<[^>]*>?|&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, cdata, entity) => {
    if (cdata !== undefined) return cdata as string
    if (entity === undefined) return ''
    const e = (entity as string).toLowerCase()
    if (!e.startsWith('#')) return ENTITIES[e]
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

/** What retention leaves in place of a CPNI element's text once its period is over. */
export const CPNI_PURGED = '(purged)'

/** The body with the text of every CPNI element replaced by CPNI_PURGED (retention, erasure): nothing of it left. */
export function purgeCpniInXml(xml: string): string {
  return maskCpniInXml(xml, () => CPNI_PURGED)
}

/**
 * The clear values revealed earlier, if they are still the ones stored: every field's mask agrees with the row as
 * just loaded (masked). Null when nothing was revealed or a value changed since (the row then shows masked again).
 */
export function revealedIfCurrent<C extends Record<CpniField, string | null>>(
  masked: Record<CpniField, string | null>,
  clear: C | undefined,
): Pick<C, CpniField> | null {
  if (!clear || !CPNI_FIELDS.every((f) => maskCpni(clear[f]) === masked[f])) return null
  return { accountNumber: clear.accountNumber, zipCode: clear.zipCode, subscriberName: clear.subscriberName }
}
